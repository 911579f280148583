/**
 * A run's step columns on the page: batches from the worker appended to growing Float64Arrays.
 *
 * The record is bounded, so that a link's largest settings (16 runs of 1,000,000 steps) cannot
 * exhaust the page: every step is held up to RECORD.fullSteps; past that, the tail holds every
 * `every`-th step, `every` doubling each time the tail fills, plus the steps the seed's log prints
 * (k + 1 a power of two) and always the last step. Values held are exact; only rows are dropped.
 * Per-step parameters are held only for small problems (paths, the table's columns); a net keeps
 * its latest parameters alone.
 */
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';

export type ColumnName = (typeof COLUMN_NAMES)[number];

export const RECORD = {
  /** Steps held in full, from step 0. */
  fullSteps: 50_000,
  /** Rows the thinned tail may grow to before it is halved. */
  tailRows: 10_000,
  /** Problems with at most this many parameters keep them for every row held. */
  rowParamsUpTo: 8,
} as const;

const MAX_ROWS = RECORD.fullSteps + RECORD.tailRows + 1;

export interface Series {
  dim: number;
  /** Number of rows held (step 0, the start, included). */
  length: number;
  columns: Record<ColumnName, Float64Array>;
  /** length x dim, row-major, when dim <= RECORD.rowParamsUpTo; empty otherwise. */
  params: Float64Array;
  /** Parameters after the last step, whatever the dimension. */
  latest: Float64Array;
  /** 1 while every step is held; then the tail's spacing in steps. */
  every: number;
  /** Rejected trials over every step taken, including rows no longer held. */
  rejectedTotal: number;
}

const rowDim = (dim: number) => (dim <= RECORD.rowParamsUpTo ? dim : 0);

export function emptySeries(dim: number): Series {
  const columns = Object.fromEntries(COLUMN_NAMES.map((c) => [c, new Float64Array(64)])) as Record<ColumnName, Float64Array>;
  return { dim, length: 0, columns, params: new Float64Array(64 * rowDim(dim)), latest: new Float64Array(dim), every: 1, rejectedTotal: 0 };
}

function grow(a: Float64Array, rows: number, width: number): Float64Array {
  if (a.length >= rows * width) return a;
  const b = new Float64Array(Math.min(Math.max(rows, (2 * a.length) / Math.max(width, 1)), MAX_ROWS) * width);
  b.set(a);
  return b;
}

const isPowerOfTwo = (k: number) => k > 0 && (k & (k - 1)) === 0;
/** Whether a tail row at `step` stays when the tail holds every `every`-th step. */
const kept = (step: number, every: number) => step % every === 0 || isPowerOfTwo(step + 1);

function copyRow(s: Series, from: number, to: number) {
  for (const c of COLUMN_NAMES) s.columns[c][to] = s.columns[c][from];
  const w = rowDim(s.dim);
  s.params.copyWithin(to * w, from * w, (from + 1) * w);
}

/** Halves the tail: doubles `every` and keeps the rows on it, and the last. */
function thinTail(s: Series) {
  s.every *= 2;
  let to = RECORD.fullSteps;
  for (let i = RECORD.fullSteps; i < s.length; i++) {
    if (i === s.length - 1 || kept(s.columns.step[i], s.every)) copyRow(s, i, to++);
  }
  s.length = to;
}

/** Appends a batch in place and returns the same series (its arrays may be replaced). */
export function appendBatch(s: Series, batch: StepColumns): Series {
  const n = batch.step.length;
  const w = rowDim(s.dim);
  for (const c of COLUMN_NAMES) s.columns[c] = grow(s.columns[c], s.length + n, 1);
  s.params = grow(s.params, s.length + n, w);
  // While every step is held, a batch is copied whole.
  if (s.length + n <= RECORD.fullSteps) {
    for (const c of COLUMN_NAMES) s.columns[c].set(batch[c], s.length);
    if (w) s.params.set(batch.params, s.length * w);
    for (let j = 0; j < n; j++) s.rejectedTotal += batch.rejected[j];
    s.length += n;
  } else for (let j = 0; j < n; j++) {
    // The previous last row was held only for being last: the new last replaces it.
    const prev = s.length - 1;
    if (prev >= RECORD.fullSteps && !kept(s.columns.step[prev], s.every)) s.length--;
    for (const c of COLUMN_NAMES) s.columns[c][s.length] = batch[c][j];
    if (w) s.params.set(batch.params.subarray(j * s.dim, (j + 1) * s.dim), s.length * w);
    s.length++;
    s.rejectedTotal += batch.rejected[j];
    if (s.length === MAX_ROWS) thinTail(s);
  }
  if (n) s.latest = batch.params.slice((n - 1) * s.dim, n * s.dim);
  return s;
}

/** The last value of a column, or NaN when empty. */
export const last = (s: Series, c: ColumnName) => (s.length ? s.columns[c][s.length - 1] : NaN);

/** Parameters after the last step held. */
export const lastParams = (s: Series) => Array.from(s.latest);

/** The spacing of the rows held at row i: 1 where every step is held. */
export const spacingAt = (s: Series, i: number) => (i < RECORD.fullSteps ? 1 : s.every);

/** The parameters of row i, where the record holds them (small problems); else none. */
export const rowParams = (s: Series, i: number): Float64Array => {
  const w = rowDim(s.dim);
  return s.params.subarray(i * w, (i + 1) * w);
};

/** 2nd, 4th, ..., 32nd, 1,024th. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n.toLocaleString('en')}${suffix}`;
}

/** What the record holds, in words, when it no longer holds every step; null while it does. */
export function thinningNote(s: Series): string | null {
  if (s.every === 1) return null;
  return `every step to ${RECORD.fullSteps.toLocaleString('en')}, then every ${ordinal(s.every)} (and the last)`;
}
