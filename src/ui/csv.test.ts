/** The CSV export reads back: parsed as RFC 4180, every row gives the record's numbers exactly, -0 and NaN included. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import type { RunView } from '../state/runs-store';
import { appendBatch, emptySeries, RECORD, rowParams } from '../state/series';
import { runsToCsv } from './csv';

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== ',' && ch !== '\r')) field += ch;
    else {
      row.push(field);
      field = '';
      if (ch === '\r') {
        rows.push(row);
        row = [];
        i++; // the \n of CRLF
      }
    }
  }
  return rows;
}

const number = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, 1e-320));

function runOf(dim: number, steps: number[][], params: number[]): RunView {
  const series = emptySeries(dim);
  const cols = Object.fromEntries(COLUMN_NAMES.map((c, k) => [c, Float64Array.from(steps, (row) => row[k])])) as unknown as StepColumns;
  cols.step = Float64Array.from(steps, (_, i) => i);
  cols.params = Float64Array.from({ length: steps.length * dim }, (_, i) => params[i % params.length]);
  appendBatch(series, cols);
  return { runId: '1-0-gd-float32', index: 0, optimizer: 'gd', label: 'Gradient descent, lr 1e-3', precision: 'float32', hp: { lr: 0.001 }, maxSteps: 10, status: 'stopped', stop: null, series };
}

describe('CSV export', () => {
  test.prop([fc.constantFrom(2, 41), fc.array(fc.array(number, { minLength: COLUMN_NAMES.length, maxLength: COLUMN_NAMES.length }), { minLength: 1, maxLength: 30 }), fc.array(number, { minLength: 1, maxLength: 5 })])(
    'every number held reads back exactly, bit for bit (NaN and infinities as JavaScript writes them, -0 as -0)',
    (dim, steps, params) => {
      const run = runOf(dim, steps, params);
      const names = dim === 2 ? ['a', 'b'] : [];
      const [header, ...rows] = parseCsv(runsToCsv([run], names));
      expect(header).toEqual(['run', 'name', 'optimizer', 'hyperparameters', ...COLUMN_NAMES, 'sampled_every', ...names]);
      expect(rows).toHaveLength(steps.length);
      rows.forEach((row, i) => {
        expect(row).toHaveLength(header.length);
        expect(row.slice(0, 4)).toEqual(['1-0-gd-float32', 'Gradient descent, lr 1e-3', 'Gradient descent', 'lr=0.001']);
        const numbers = row.slice(4).map(Number);
        const want = [...COLUMN_NAMES.map((c) => run.series.columns[c][i]), 1, ...rowParams(run.series, i)];
        // Object.is: -0 and NaN compare as themselves.
        numbers.forEach((x, k) => expect(Object.is(x, want[k]), `row ${i} column ${header[k + 4]}`).toBe(true));
      });
    },
  );

  test('past the full record, rows say their spacing', () => {
    const run = runOf(2, [], [0]);
    const cols = (from: number, n: number) => {
      const c = Object.fromEntries(COLUMN_NAMES.map((name) => [name, Float64Array.from({ length: n }, (_, i) => from + i)])) as unknown as StepColumns;
      c.params = new Float64Array(2 * n);
      return c;
    };
    for (let from = 0; from < 3 * RECORD.fullSteps; from += 5000) appendBatch(run.series, cols(from, 5000));
    const rows = parseCsv(runsToCsv([run], ['a', 'b'])).slice(1);
    const spacing = rows.map((r) => Number(r[4 + COLUMN_NAMES.length]));
    expect(spacing.slice(0, RECORD.fullSteps).every((s) => s === 1)).toBe(true);
    expect(spacing.at(-1)).toBe(run.series.every);
    expect(run.series.every).toBeGreaterThan(1);
  });
});
