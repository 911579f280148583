// Cuts table text into records of raw cell strings, each with the line it starts on, so an error
// can point at a row and column the user sees in an editor. Comma, tab and semicolon text goes
// through papaparse (quotes, quoted delimiters, delimiter detection); whitespace-aligned text (NIST's
// tables, columns pasted from a terminal or a PDF) is split on runs of blanks here, as papaparse
// only knows single-character delimiters. Blank records are dropped. No number checks: see table.ts.
import Papa from 'papaparse';

/** How cells were separated: one character, or any run of whitespace. */
export type Delimiter = ',' | '\t' | ';' | 'whitespace';

/** A refusal. row and column are 1-based lines and cells; 0 means "the whole table", not one cell. */
export interface TableError {
  readonly message: string;
  readonly row: number;
  readonly column: number;
}

/** One record: its cells as written (quotes removed, not trimmed) and the line it starts on. */
export interface RawRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

export type SplitResult = { ok: true; records: RawRecord[] } | { ok: false; error: TableError };

const GUESSABLE: (',' | '\t' | ';')[] = [',', '\t', ';'];
/** How much of the text the delimiter is guessed from. */
const GUESS_SAMPLE = 1 << 16;

/**
 * papaparse's guess among comma, tab and semicolon (the one giving the steadiest cell count over
 * the first rows). papaparse gives up when a short table has a ragged or single-cell row; then the
 * candidate that occurs most often is taken, so the ragged row gets reported as such.
 * null when none occurs: the text is split on whitespace.
 */
export function guessDelimiter(text: string): ',' | '\t' | ';' | null {
  // papaparse splits all the text it is given into lines even to look at 10: give it the start only.
  const cut = text.length > GUESS_SAMPLE ? text.lastIndexOf('\n', GUESS_SAMPLE) : -1;
  const sample = text.length > GUESS_SAMPLE ? text.slice(0, cut > 0 ? cut : GUESS_SAMPLE) : text;
  const probe = Papa.parse<string[]>(sample, { delimitersToGuess: GUESSABLE, skipEmptyLines: 'greedy', newline: '\n', preview: 1 });
  const d = probe.meta.delimiter;
  if (!probe.errors.some((e) => e.code === 'UndetectableDelimiter') && (d === ',' || d === '\t' || d === ';')) return d;
  let best: ',' | '\t' | ';' | null = null;
  let most = 0;
  for (const candidate of GUESSABLE) {
    let count = 0;
    for (let i = sample.indexOf(candidate); i !== -1; i = sample.indexOf(candidate, i + 1)) count++;
    if (count > most) [best, most] = [candidate, count];
  }
  return best;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

function tooMany(maxCells: number, row: number, column: number): TableError {
  return { message: `row ${row}, column ${column}: the table has more than ${maxCells.toLocaleString('en-US')} cells, the most it may have`, row, column };
}

/** 1-based cell of `text[at]` within the record starting at `start`, counting delimiters outside quotes. */
function cellAt(text: string, start: number, at: number, delimiter: string): number {
  let column = 1;
  let quoted = false;
  for (let i = start; i < at && i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === delimiter) column++;
  }
  return column;
}

/**
 * Splits `text` (line breaks already '\n') on one delimiter with papaparse, in step mode so each
 * record's start offset, hence its line, is known, and so parsing stops at the first problem.
 */
export function splitDelimited(text: string, delimiter: ',' | '\t' | ';', maxCells: number): SplitResult {
  const records: RawRecord[] = [];
  let error: TableError | null = null;
  let cells = 0;
  let start = 0; // offset where the current record starts
  let scanned = 0; // offset up to which line breaks are counted
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: (step, parser) => {
      for (let i = text.indexOf('\n', scanned); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
      scanned = start;
      const row = step.data;
      const quoteProblem = step.errors.find((e) => e.type === 'Quotes');
      if (quoteProblem) {
        const column = cellAt(text, start, (quoteProblem.index ?? start + 1) - 1, delimiter);
        const what = quoteProblem.code === 'MissingQuotes' ? 'a quoted cell is never closed' : 'a quoted cell has text after its closing quote';
        error = { message: `row ${line}, column ${column}: ${what}`, row: line, column };
      } else if (!isBlank(row)) {
        if (cells + row.length > maxCells) error = tooMany(maxCells, line, maxCells - cells + 1);
        else {
          cells += row.length;
          records.push({ line, cells: row });
        }
      }
      if (error) parser.abort();
      start = step.meta.cursor;
    },
  });
  return error ? { ok: false, error } : { ok: true, records };
}

const BLANK = /\s/;

/** Cells of one line split on whitespace runs; a cell may be double-quoted ("" is a quote inside). */
function splitLine(text: string, row: number): string[] | TableError {
  if (!text.includes('"')) {
    const trimmed = text.trim();
    return trimmed === '' ? [] : trimmed.split(/\s+/);
  }
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && BLANK.test(text[i])) i++;
    if (i >= text.length) return cells;
    const column = cells.length + 1;
    if (text[i] !== '"') {
      let j = i;
      while (j < text.length && !BLANK.test(text[j])) j++;
      cells.push(text.slice(i, j));
      i = j;
      continue;
    }
    let value = '';
    let from = i + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1) return { message: `row ${row}, column ${column}: a quoted cell is never closed`, row, column };
      value += text.slice(from, close);
      if (text[close + 1] === '"') {
        value += '"';
        from = close + 2;
      } else {
        i = close + 1;
        break;
      }
    }
    if (i < text.length && !BLANK.test(text[i])) return { message: `row ${row}, column ${column}: a quoted cell has text after its closing quote`, row, column };
    cells.push(value);
  }
}

/** Splits `text` (line breaks already '\n') line by line on runs of whitespace. */
export function splitWhitespace(text: string, maxCells: number): SplitResult {
  const records: RawRecord[] = [];
  let cells = 0;
  let line = 0;
  for (let at = 0; at <= text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    line++;
    const row = splitLine(text.slice(at, stop), line);
    if (!Array.isArray(row)) return { ok: false, error: row };
    if (row.length > 0 && !isBlank(row)) {
      if (cells + row.length > maxCells) return { ok: false, error: tooMany(maxCells, line, maxCells - cells + 1) };
      cells += row.length;
      records.push({ line, cells: row });
    }
    at = stop + 1;
  }
  return { ok: true, records };
}
