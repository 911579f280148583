/**
 * A run's step columns on the page: batches from the worker appended to growing Float64Arrays
 * (capacity doubles, so appending is amortised O(1)). The full data is kept for export; charts
 * thin it for display.
 */
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';

export type ColumnName = (typeof COLUMN_NAMES)[number];

export interface Series {
  dim: number;
  /** Number of steps held (step 0, the start, included). */
  length: number;
  columns: Record<ColumnName, Float64Array>;
  /** length x dim, row-major. */
  params: Float64Array;
}

export function emptySeries(dim: number): Series {
  const columns = Object.fromEntries(COLUMN_NAMES.map((c) => [c, new Float64Array(64)])) as Record<ColumnName, Float64Array>;
  return { dim, length: 0, columns, params: new Float64Array(64 * dim) };
}

function grow(a: Float64Array, needed: number): Float64Array {
  if (a.length >= needed) return a;
  const b = new Float64Array(Math.max(needed, a.length * 2));
  b.set(a);
  return b;
}

/** Appends a batch in place and returns the same series (its arrays may be replaced). */
export function appendBatch(s: Series, batch: StepColumns): Series {
  const n = batch.step.length;
  const total = s.length + n;
  for (const c of COLUMN_NAMES) {
    s.columns[c] = grow(s.columns[c], total);
    s.columns[c].set(batch[c], s.length);
  }
  s.params = grow(s.params, total * s.dim);
  s.params.set(batch.params, s.length * s.dim);
  s.length = total;
  return s;
}

/** The last value of a column, or NaN when empty. */
export const last = (s: Series, c: ColumnName) => (s.length ? s.columns[c][s.length - 1] : NaN);

/** Parameters after the last step held. */
export const lastParams = (s: Series) => Array.from(s.params.subarray((s.length - 1) * s.dim, s.length * s.dim));
