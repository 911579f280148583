import { describe, expect, test } from 'vitest';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import { seedLogLines } from '../catalog';
import { appendBatch, emptySeries, last, lastParams, RECORD, spacingAt, thinningNote } from './series';

function batch(from: number, n: number, dim = 2): StepColumns {
  const cols = Object.fromEntries(COLUMN_NAMES.map((c) => [c, new Float64Array(n)])) as unknown as StepColumns;
  for (let i = 0, k = from; i < n; i++, k++) {
    for (const c of COLUMN_NAMES) cols[c][i] = k * 10;
    cols.step[i] = k;
    cols.rejected[i] = k % 3;
  }
  cols.params = new Float64Array(dim * n);
  for (let i = 0; i < dim * n; i++) cols.params[i] = from * dim + i;
  return cols;
}

/** The bytes a series holds in its arrays. */
const bytes = (s: ReturnType<typeof emptySeries>) => Object.values(s.columns).reduce((b, c) => b + c.byteLength, s.params.byteLength + s.latest.byteLength);

describe('series', () => {
  test('batches append in order across capacity growth, nothing lost', () => {
    const s = emptySeries(2);
    appendBatch(s, batch(0, 50));
    appendBatch(s, batch(50, 100));
    appendBatch(s, batch(150, 1));
    expect(s.length).toBe(151);
    expect(Array.from(s.columns.step.subarray(0, s.length))).toEqual([...Array(151).keys()]);
    expect(last(s, 'loss')).toBe(1500);
    expect(lastParams(s)).toEqual([300, 301]);
    expect(s.params[2 * 75 + 1]).toBe(151);
  });

  test('1,000,000 steps of a 96-parameter run: the record stays bounded, what it holds is exact', () => {
    const s = emptySeries(96);
    const total = 1_000_000;
    // Batches of uneven sizes, as the worker's 33 ms batches are.
    for (let from = 0, n = 1; from < total; from += n, n = (n * 7) % 997 + 1) appendBatch(s, batch(from, Math.min(n, total - from), 96));
    const maxRows = RECORD.fullSteps + RECORD.tailRows + 1;
    expect(s.length).toBeLessThanOrEqual(maxRows);
    // One float64 per column per row, no per-row parameters for a net: about 5 MB, where 1,000,000
    // rows with their 96 parameters would be 856 MB.
    expect(bytes(s)).toBeLessThanOrEqual(COLUMN_NAMES.length * 8 * maxRows + 96 * 8);
    const steps = Array.from(s.columns.step.subarray(0, s.length));
    // Every step up to fullSteps, then increasing steps on the tail's spacing, and the last.
    expect(steps.slice(0, RECORD.fullSteps)).toEqual([...Array(RECORD.fullSteps).keys()]);
    expect(steps.at(-1)).toBe(total - 1);
    expect(steps.every((k, i) => i === 0 || k > steps[i - 1])).toBe(true);
    const tail = steps.slice(RECORD.fullSteps, -1);
    expect(tail.every((k) => k % s.every === 0 || ((k + 1) & k) === 0)).toBe(true);
    expect(s.every).toBeGreaterThan(1);
    expect(spacingAt(s, 0)).toBe(1);
    expect(spacingAt(s, s.length - 1)).toBe(s.every);
    // Values held are the step's own, exactly; the latest parameters and the rejected total too.
    expect(steps.filter((k, i) => s.columns.loss[i] !== k * 10)).toEqual([]);
    expect(lastParams(s)).toEqual(Array.from({ length: 96 }, (_, k) => (total - 1) * 96 + k));
    let rejected = 0;
    for (let k = 0; k < total; k++) rejected += k % 3;
    expect(s.rejectedTotal).toBe(rejected);
    // The seed's log prints the same lines as from the full record (steps 2^n - 1 are all kept).
    const full = Float64Array.from({ length: total }, (_, k) => k);
    expect(seedLogLines(s.columns.step, s.columns.loss, s.length, true)).toEqual(seedLogLines(full, full.map((k) => k * 10), total, true));
  });

  test('a two-parameter run keeps its path for every row held', () => {
    const s = emptySeries(2);
    for (let from = 0; from < 200_000; from += 1000) appendBatch(s, batch(from, 1000));
    for (let i = 0; i < s.length; i += 1234) expect([s.params[2 * i], s.params[2 * i + 1]]).toEqual([2 * s.columns.step[i], 2 * s.columns.step[i] + 1]);
  });
});

describe('thinning note', () => {
  test('names the spacing as an ordinal', () => {
    const s = emptySeries(2);
    expect(thinningNote(s)).toBeNull();
    const note = (every: number) => thinningNote({ ...s, every });
    expect([2, 4, 32, 1024].map((e) => note(e)!.match(/then every (\S+)/)![1])).toEqual(['2nd', '4th', '32nd', '1,024th']);
  });
});
