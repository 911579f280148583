// A user's data for a fit (chapter 8) arrives as pasted text or a CSV file's text; this turns it
// into named numeric columns, or refuses with the row and column to fix. Numbers only, all finite:
// a fit of y = f(x; b) needs nothing else, and a silently skipped or guessed cell would change the
// answer. Never throws.
import { guessDelimiter, splitDelimited, splitWhitespace, type Delimiter, type RawRecord, type SplitResult, type TableError } from './split';

export type { Delimiter, TableError } from './split';

/** Named columns of equal length `rows`. */
export interface Table {
  names: string[];
  columns: Float64Array[];
  rows: number;
  /** The line of the text each row was read from (1-based, as an editor numbers them). */
  lines: number[];
}

export type ParseTableResult =
  | { ok: true; table: Table; header: boolean; delimiter: Delimiter }
  | { ok: false; error: TableError };

/** The most cells a table may have (header included). */
export const MAX_CELLS = 100_000;
/** The longest text read, checked before any parsing. */
export const MAX_CHARS = 10_000_000;

/** A decimal number as people and programs write it: 1, -2.5, .5, 5., 1e-3, -2.5E+02. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
/** A column name usable as a variable in a model expression. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The name of column `index` (0-based) of a table without a header row: c1, c2, ... */
export const defaultName = (index: number): string => `c${index + 1}`;

const cellsWord = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;

/** A cell as shown in a message: one line, at most 24 characters. */
function show(cell: string): string {
  const line = cell.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `'${line.length > 24 ? `${line.slice(0, 23)}…` : line}'`;
}

const fail = (message: string, row: number, column: number): { ok: false; error: TableError } => ({ ok: false, error: { message, row, column } });

function header(record: RawRecord): string[] | TableError {
  const names: string[] = [];
  for (let c = 0; c < record.cells.length; c++) {
    const name = record.cells[c].trim();
    const at = `row ${record.line}, column ${c + 1}`;
    if (name === '') return { message: `${at}: the header names no column here`, row: record.line, column: c + 1 };
    if (!NAME.test(name)) {
      return { message: `${at}: ${show(name)} is not a valid column name (letters, digits and _, not starting with a digit)`, row: record.line, column: c + 1 };
    }
    const first = names.indexOf(name);
    if (first !== -1) return { message: `${at}: the name '${name}' is already column ${first + 1}'s`, row: record.line, column: c + 1 };
    names.push(name);
  }
  return names;
}

/** Builds the table from records, or the first problem in reading order. */
function build(split: SplitResult, delimiter: Delimiter): ParseTableResult {
  if (!split.ok) return split;
  const records = split.records;
  if (records.length === 0) return fail('The table is empty: there is no row with a value in it.', 0, 0);
  const first = records[0];
  // A header is a first row with a cell that is text; an empty cell alone does not make one.
  const hasHeader = first.cells.some((cell) => cell.trim() !== '' && !NUMBER.test(cell.trim()));
  const width = first.cells.length;
  let names: string[];
  if (hasHeader) {
    const read = header(first);
    if (!Array.isArray(read)) return { ok: false, error: read };
    names = read;
  } else names = Array.from({ length: width }, (_, c) => defaultName(c));
  const body = hasHeader ? records.slice(1) : records;
  for (const record of body) {
    if (record.cells.length !== width) {
      const against = hasHeader ? 'the header has' : `row ${first.line} has`;
      return fail(`row ${record.line} has ${cellsWord(record.cells.length)}, ${against} ${width}`, record.line, Math.min(record.cells.length, width) + 1);
    }
  }
  if (width < 2) return fail('The table has a single column; a fit needs at least two (a response and a predictor).', 0, 0);
  if (body.length === 0) return fail(`The table has a header (row ${first.line}) but no rows of numbers.`, 0, 0);

  const columns = names.map(() => new Float64Array(body.length));
  for (let r = 0; r < body.length; r++) {
    const { line, cells } = body[r];
    for (let c = 0; c < width; c++) {
      const cell = cells[c].trim();
      const at = `row ${line}, column ${c + 1}`;
      if (cell === '') return fail(`${at}: the cell is empty`, line, c + 1);
      if (!NUMBER.test(cell)) {
        const why = NOT_FINITE.test(cell) ? 'is not a finite number' : 'is not a number';
        return fail(`${at}: ${show(cell)} ${why}`, line, c + 1);
      }
      const value = Number(cell);
      if (!Number.isFinite(value)) return fail(`${at}: ${show(cell)} is too large for a double (beyond ±1.8e308)`, line, c + 1);
      columns[c][r] = value;
    }
  }
  return { ok: true, table: { names, columns, rows: body.length, lines: body.map((r) => r.line) }, header: hasHeader, delimiter };
}

function parse(text: string): ParseTableResult {
  if (text.length > MAX_CHARS) {
    return fail(`The text is ${text.length.toLocaleString('en-US')} characters long; the most read is ${MAX_CHARS.toLocaleString('en-US')}.`, 0, 0);
  }
  // A leading byte-order mark (spreadsheets write one) is not part of the first cell; line breaks become '\n'.
  const normal = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const delimiter = guessDelimiter(normal);
  const spaced = () => build(splitWhitespace(normal, MAX_CELLS), 'whitespace');
  if (delimiter === null) return spaced();
  const delimited = build(splitDelimited(normal, delimiter, MAX_CELLS), delimiter);
  if (delimited.ok) return delimited;
  // papaparse guesses from the first rows only; a table aligned by blanks may still fit as a whole.
  const alternative = spaced();
  return alternative.ok ? alternative : delimited;
}

/**
 * Reads a numeric table from text: comma, tab or semicolon separated (detected), else columns
 * separated by runs of whitespace. The first non-blank row is a header when a non-empty cell of it
 * is not a number; header names must be identifiers ([A-Za-z_][A-Za-z0-9_]*, trimmed) and unique. Without
 * a header the columns are named c1, c2, ... (defaultName). Double-quoted cells, CRLF or CR line
 * breaks, a leading BOM, blank lines and blanks around cells are accepted. Rows in errors are lines
 * of the text as an editor numbers them (blank lines count); row 0 and column 0 mean the whole table.
 */
export function parseTable(text: string): ParseTableResult {
  if (typeof text !== 'string') return fail('The table is not text.', 0, 0);
  try {
    return parse(text);
  } catch (e) {
    return fail(`Internal error reading the table: ${e instanceof Error ? e.message : String(e)}`, 0, 0);
  }
}
