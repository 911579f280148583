import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_CELLS, MAX_CHARS, NAME, parseTable, type ParseTableResult } from './table';

/** The table of an ok result, failing the test otherwise. */
function table(result: ParseTableResult) {
  if (!result.ok) throw new Error(`expected a table, got: ${result.error.message}`);
  return result;
}
const columns = (result: ParseTableResult) => table(result).table.columns.map((c) => Array.from(c));
function error(result: ParseTableResult) {
  if (result.ok) throw new Error('expected an error, got a table');
  return result.error;
}

describe('parseTable reads', () => {
  it('comma separated text with a header', () => {
    const r = table(parseTable('x,y\n1,2\n3,4\n'));
    expect(r.table.names).toEqual(['x', 'y']);
    expect(r.table.rows).toBe(2);
    expect(r.table.columns[0]).toBeInstanceOf(Float64Array);
    expect(columns(r)).toEqual([[1, 3], [2, 4]]);
    expect(r.header).toBe(true);
    expect(r.delimiter).toBe(',');
  });

  it('tab and semicolon separated text', () => {
    expect(table(parseTable('t\tv\n0\t1.5\n1\t2.5')).delimiter).toBe('\t');
    expect(columns(parseTable('t\tv\n0\t1.5\n1\t2.5'))).toEqual([[0, 1], [1.5, 2.5]]);
    const semi = table(parseTable('a;b;c\n1;2;3'));
    expect(semi.delimiter).toBe(';');
    expect(semi.table.names).toEqual(['a', 'b', 'c']);
  });

  it("columns aligned by runs of blanks, as NIST's tables are", () => {
    const r = table(parseTable('      92.9000E0     0.500E0\n      57.1000E0     1.000E0\n      81.3000E0      .500E0\n'));
    expect(r.delimiter).toBe('whitespace');
    expect(r.header).toBe(false);
    expect(columns(r)).toEqual([[92.9, 57.1, 81.3], [0.5, 1, 0.5]]);
    expect(table(parseTable('y   x\n1 \t 2\n3  4')).table.names).toEqual(['y', 'x']);
  });

  it('an indented paste, which papaparse takes for tabs, by falling back to whitespace', () => {
    const r = table(parseTable('\t1.0  2.0\n\t3.0  4.0\n'));
    expect(r.delimiter).toBe('whitespace');
    expect(columns(r)).toEqual([[1, 3], [2, 4]]);
  });

  it('a table without a header, naming its columns c1, c2, ...', () => {
    const r = table(parseTable('1,2,3\n4,5,6'));
    expect(r.header).toBe(false);
    expect(r.table.names).toEqual(['c1', 'c2', 'c3']);
    expect(r.table.rows).toBe(2);
  });

  it('quoted cells, CRLF or CR line breaks, a BOM, blank lines and blanks around cells', () => {
    expect(columns(parseTable('"x","y"\r\n"1.5","-2.5E+02"\r\n'))).toEqual([[1.5], [-250]]);
    expect(columns(parseTable('x,y\r1,2\r3,4\r'))).toEqual([[1, 3], [2, 4]]);
    expect(table(parseTable('\ufeffx;y\n1;2')).table.names).toEqual(['x', 'y']);
    expect(columns(parseTable('\n\n x , y \n\n 1 , 2 \n   \n,,\n3,4\n\n'))).toEqual([[1, 3], [2, 4]]);
    expect(table(parseTable('"x" "y"\n2 3\n')).table.names).toEqual(['x', 'y']);
    expect(columns(parseTable('"1" "2"\n3 "4"'))).toEqual([[1, 3], [2, 4]]);
  });

  it('numbers written every usual way', () => {
    const r = table(parseTable('a,b,c,d,e,f,g\n1e-3,-2.5E+02,.5,5.,+3,-0.25e1,1E5'));
    expect(columns(r).map((c) => c[0])).toEqual([1e-3, -250, 0.5, 5, 3, -2.5, 1e5]);
    expect(columns(parseTable('x,y\n1e-400,4.9406564584124654e-324'))).toEqual([[0], [5e-324]]);
  });
});

describe('parseTable refuses, pointing at the row (line) and column', () => {
  it('a cell that is not a number', () => {
    expect(error(parseTable('x,y\n1,2\n3,abc'))).toEqual({ message: "row 3, column 2: 'abc' is not a number", row: 3, column: 2 });
    // Rows are lines as an editor numbers them, blank lines included.
    expect(error(parseTable('x,y\n\n1,2\n\n\n\n3,abc'))).toMatchObject({ message: "row 7, column 2: 'abc' is not a number", row: 7, column: 2 });
    // A quoted cell may span lines; the rows after it keep their own line numbers.
    expect(error(parseTable('x,y\n"1\n",2\n3,abc'))).toMatchObject({ row: 4, column: 2 });
    expect(error(parseTable('x y\n1 2\n0x10 3')).message).toBe("row 3, column 1: '0x10' is not a number");
    expect(error(parseTable('x;y\n1,5;2,5')).message).toBe("row 2, column 1: '1,5' is not a number");
    expect(error(parseTable('x,y\n1,2.5.1')).message).toBe("row 2, column 2: '2.5.1' is not a number");
    expect(error(parseTable(`x,y\n1,${'z'.repeat(100)}`)).message).toBe(`row 2, column 2: '${'z'.repeat(23)}…' is not a number`);
  });

  it('NaN, infinities and numbers beyond a double', () => {
    expect(error(parseTable('x,y\n1,NaN')).message).toBe("row 2, column 2: 'NaN' is not a finite number");
    expect(error(parseTable('x,y\nInfinity,1')).message).toBe("row 2, column 1: 'Infinity' is not a finite number");
    expect(error(parseTable('x y\n1 -inf')).message).toBe("row 2, column 2: '-inf' is not a finite number");
    expect(error(parseTable('x,y\n1,1e999'))).toMatchObject({ message: "row 2, column 2: '1e999' is too large for a double (beyond ±1.8e308)", row: 2, column: 2 });
  });

  it('an empty cell', () => {
    expect(error(parseTable('x,y\n1,\n'))).toEqual({ message: 'row 2, column 2: the cell is empty', row: 2, column: 2 });
    // A trailing delimiter does not turn the first row into a header.
    expect(error(parseTable('1,2,\n3,4,'))).toMatchObject({ row: 1, column: 3 });
  });

  it('a ragged row', () => {
    expect(error(parseTable('x,y\n1,2\n1,2\n1,2\n1,2,3'))).toEqual({ message: 'row 5 has 3 cells, the header has 2', row: 5, column: 3 });
    expect(error(parseTable('x,y\n1,2\n7'))).toEqual({ message: 'row 3 has 1 cell, the header has 2', row: 3, column: 2 });
    expect(error(parseTable('\n1 2\n3')).message).toBe('row 3 has 1 cell, row 2 has 2');
    expect(error(parseTable('x\n1,2')).message).toBe('row 2 has 2 cells, the header has 1');
  });

  it('an empty table, a single column, a header without rows', () => {
    for (const text of ['', '   \n\n', '\ufeff', '\r\n,,\r\n']) {
      expect(error(parseTable(text))).toMatchObject({ message: expect.stringMatching(/^The table is empty/), row: 0, column: 0 });
    }
    expect(error(parseTable('x\n1\n2'))).toMatchObject({ message: expect.stringMatching(/single column/), row: 0, column: 0 });
    expect(error(parseTable('1\n2\n3'))).toMatchObject({ message: expect.stringMatching(/single column/) });
    expect(error(parseTable('x,y\n'))).toEqual({ message: 'The table has a header (row 1) but no rows of numbers.', row: 0, column: 0 });
  });

  it('duplicate, invalid and missing header names', () => {
    expect(error(parseTable('x,x\n1,2'))).toEqual({ message: "row 1, column 2: the name 'x' is already column 1's", row: 1, column: 2 });
    expect(error(parseTable('1x,y\n1,2')).message).toBe("row 1, column 1: '1x' is not a valid column name (letters, digits and _, not starting with a digit)");
    expect(error(parseTable('x,my var\n1,2')).message).toMatch(/^row 1, column 2: 'my var' is not a valid column name/);
    expect(error(parseTable('x,2\n1,2')).message).toMatch(/^row 1, column 2: '2' is not a valid column name/);
    expect(error(parseTable('x,\n1,2'))).toEqual({ message: 'row 1, column 2: the header names no column here', row: 1, column: 2 });
  });

  it('broken quotes', () => {
    expect(error(parseTable('x,y\n1,"2\n3,4'))).toEqual({ message: 'row 2, column 2: a quoted cell is never closed', row: 2, column: 2 });
    expect(error(parseTable('x,y\n1,"2"3\n'))).toEqual({ message: 'row 2, column 2: a quoted cell has text after its closing quote', row: 2, column: 2 });
    expect(error(parseTable('x y\n1 "2\n'))).toEqual({ message: 'row 2, column 2: a quoted cell is never closed', row: 2, column: 2 });
    expect(error(parseTable('x y\n"1"2 3\n'))).toEqual({ message: 'row 2, column 1: a quoted cell has text after its closing quote', row: 2, column: 1 });
  });

  it('more than MAX_CELLS cells, or more than MAX_CHARS characters', () => {
    const rows = (n: number, sep: string) => `x${sep}y\n${`1${sep}2\n`.repeat(n)}`;
    // The header's 2 cells count: 49,999 rows of 2 make exactly 100,000.
    expect(MAX_CELLS).toBe(100_000);
    expect(table(parseTable(rows(49_999, ','))).table.rows).toBe(49_999);
    for (const sep of [',', ' ']) {
      expect(error(parseTable(rows(50_000, sep)))).toEqual({
        message: 'row 50001, column 1: the table has more than 100,000 cells, the most it may have',
        row: 50_001,
        column: 1,
      });
    }
    expect(error(parseTable('1,2,3\n'.repeat(40_000)))).toMatchObject({ row: 33_334, column: 2 });
    expect(error(parseTable(' '.repeat(MAX_CHARS + 1)))).toEqual({ message: 'The text is 10,000,001 characters long; the most read is 10,000,000.', row: 0, column: 0 });
  });

  it('something that is not text, without throwing', () => {
    expect(error(parseTable(42 as unknown as string))).toMatchObject({ row: 0, column: 0 });
  });
});

// ---- Property tests -------------------------------------------------------------------------

/** Any finite double; -0 is written "0" by String, so it is left out. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
/** Ways of writing a double that read back to the same double. */
const WRITERS: readonly ((x: number) => string)[] = [String, (x) => x.toExponential(16), (x) => x.toPrecision(17)];
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);

interface Layout {
  delimiter: string;
  quoting: 'none' | 'all' | 'some';
  newline: string;
  trailingNewline: boolean;
  bom: boolean;
  pad: boolean;
  blankLines: number[];
  writer: number;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(',', '\t', ';', ' ', '   ', ' \t'),
  quoting: fc.constantFrom('none', 'all', 'some'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  trailingNewline: fc.boolean(),
  bom: fc.boolean(),
  pad: fc.boolean(),
  blankLines: fc.array(fc.nat({ max: 30 }), { maxLength: 4 }),
  writer: fc.nat({ max: WRITERS.length - 1 }),
});

/** A table of k columns, 1..12 rows, maybe with a header of unique names. */
const numericTable = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc.record({
    rows: fc.array(fc.array(finite, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 12 }),
    names: fc.option(fc.uniqueArray(identifier, { minLength: k, maxLength: k }), { nil: null }),
  }),
);

/** Writes the table; returns the text and the 1-based line of each data row. */
function write(rows: readonly (readonly string[])[], names: readonly string[] | null, l: Layout): { text: string; lines: number[] } {
  const singleChar = l.delimiter.length === 1 && l.delimiter !== ' ';
  const cell = (s: string, r: number, c: number) => {
    if (l.quoting === 'all' || (l.quoting === 'some' && (r + c) % 2 === 0)) return `"${s}"`;
    return l.pad && singleChar ? ` ${s}  ` : s;
  };
  const out: string[] = [];
  const lines: number[] = [];
  const all = names ? [names, ...rows] : rows;
  all.forEach((row, r) => {
    for (const at of l.blankLines) if (at === r) out.push(at % 2 ? '' : '  ');
    if (!names || r > 0) lines.push(out.length + 1);
    out.push(row.map((s, c) => cell(s, r, c)).join(l.delimiter));
  });
  const text = out.join(l.newline) + (l.trailingNewline ? l.newline : '');
  return { text: (l.bom ? '\ufeff' : '') + text, lines };
}

const expectedDelimiter = (d: string) => (d.includes(',') ? ',' : d.includes(';') ? ';' : d.includes('\t') ? '\t' : 'whitespace');

describe('parseTable, property tests', () => {
  test.prop([numericTable, layout])('reads back exactly the numbers written, in any layout', ({ rows, names }, l) => {
    const { text } = write(rows.map((row) => row.map(WRITERS[l.writer])), names, l);
    const r = table(parseTable(text));
    expect(r.header).toBe(names !== null);
    expect(r.delimiter).toBe(expectedDelimiter(l.delimiter));
    expect(r.table.names).toEqual(names ?? rows[0].map((_, c) => `c${c + 1}`));
    expect(r.table.rows).toBe(rows.length);
    expect(columns(r)).toEqual(rows[0].map((_, c) => rows.map((row) => row[c])));
  });

  const JUNK = ['abc', 'NaN', 'Infinity', '-inf', '1e999', '1.2.3', '0x1F', '--1', 'e5', '1e', '.', '+', '1_000'];
  test.prop([numericTable.filter((t) => t.rows.length >= 2), layout, fc.nat(), fc.nat(), fc.constantFrom(...JUNK)])(
    'points at the exact row and column of a bad cell',
    ({ rows, names }, l, rPick, cPick, junk) => {
      const cells = rows.map((row) => row.map(WRITERS[l.writer]));
      // Not the first row of a table without a header: junk there would make it a header.
      const r = 1 + (rPick % (rows.length - 1));
      const c = cPick % rows[0].length;
      cells[r][c] = junk;
      const { text, lines } = write(cells, names, l);
      const e = error(parseTable(text));
      expect(e.row).toBe(lines[r]);
      expect(e.column).toBe(c + 1);
      expect(e.message).toMatch(new RegExp(`^row ${lines[r]}, column ${c + 1}: '${junk.replace(/[.+]/g, '\\$&')}' is (not a|not a finite|too large)`));
    },
  );

  const junkText = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789.eE+-,;\t \n\r"xy_\ufeff'.split('')), maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
  );
  test.prop([junkText], { numRuns: 2000 })('never throws; errors point inside the text, tables are sound', (text) => {
    const r = parseTable(text);
    if (r.ok) {
      const { names, columns: cols, rows } = r.table;
      expect(cols.length).toBe(names.length);
      expect(names.length).toBeGreaterThanOrEqual(2);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(NAME);
      for (const col of cols) {
        expect(col.length).toBe(rows);
        expect(col.every(Number.isFinite)).toBe(true);
      }
      expect(rows).toBeGreaterThanOrEqual(1);
      return;
    }
    const { row, column, message } = r.error;
    expect(message).not.toMatch(/^Internal/);
    const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
    expect(Number.isInteger(row) && Number.isInteger(column)).toBe(true);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(row).toBeLessThanOrEqual(lines.length);
    if (row === 0) expect(column).toBe(0);
    else {
      expect(message).toMatch(new RegExp(`^row ${row}\\b`));
      expect(column).toBeGreaterThanOrEqual(1);
      expect(column).toBeLessThanOrEqual(lines.slice(row - 1).join('\n').length + 1);
    }
  });
});
