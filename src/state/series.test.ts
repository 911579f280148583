import { describe, expect, test } from 'vitest';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import { appendBatch, emptySeries, last, lastParams } from './series';

function batch(from: number, n: number): StepColumns {
  const col = (f: (k: number) => number) => Float64Array.from({ length: n }, (_, i) => f(from + i));
  const cols = Object.fromEntries(COLUMN_NAMES.map((c) => [c, col((k) => (c === 'step' ? k : k * 10))])) as unknown as StepColumns;
  cols.params = Float64Array.from({ length: 2 * n }, (_, i) => from * 2 + i);
  return cols;
}

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
});
