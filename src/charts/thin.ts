/**
 * What of a long series is drawn. A chart is a few hundred pixels wide: drawing every step of a
 * 20,000-step run costs Plotly ~5x the time of drawing what can be seen, and the data themselves
 * (table, CSV, log) keep every step.
 */

/** Indices to draw for n points: all of them up to `max`, else an even stride that keeps the last. */
export function thinIndices(n: number, max = 2000): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const stride = Math.ceil(n / max);
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** Columns of the x-axis a line chart is split into: about one per 3 pixels of a laptop's chart. */
export const LINE_BUCKETS = 300;

/** Options of the screen-space thinning: the x-axis from x0 to x1 (after scaleX), cut into `buckets` columns. */
interface Columns {
  x0: number;
  x1: number;
  scaleX?: (x: number) => number;
  buckets?: number;
}

/** The one rule for which column of the x-axis a point falls in (ends clamped to the edge columns). */
const columnOf = ({ x0, x1, scaleX = (v) => v, buckets = LINE_BUCKETS }: Columns) => (x: number) =>
  Math.min(buckets - 1, Math.max(0, Math.floor(((scaleX(x) - x0) / (x1 - x0)) * buckets)));

/**
 * Indices to draw of a line y(x) with x increasing, in screen space: the x-axis (from `x0` to `x1`,
 * in the axis's own units after `scaleX`, e.g. log10 on a log axis) is cut into `buckets` columns,
 * and each column keeps its first and last point and its lowest and highest y (M4 decimation),
 * so the drawn line has the same envelope, spikes included, as the full one. A stretch of points
 * whose y is not finite keeps its first and last point (a gap stays a gap, however long: LM's mu
 * is exactly 0, a gap on a log axis, for 19,700 of a run's 20,000 steps). Up to 4 points per
 * column; the first and last points are always kept; every index is a real point, in increasing
 * order.
 */
export function envelopeIndices(x: ArrayLike<number>, y: ArrayLike<number>, n: number, columns: Columns): number[] {
  const { x0, x1, buckets = LINE_BUCKETS } = columns;
  if (n <= 4 * buckets || !(x1 > x0)) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const columnAt = columnOf(columns);
  let column = NaN;
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    for (const i of [...new Set([first, low, high, last])].sort((a, b) => a - b)) out.push(i);
  };
  let inGap = false;
  /** The last point of the gap so far, once it is not also its first. */
  let gapEnd = -1;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      // A gap: drawn as such, between the points around it; its first and last points are kept.
      if (inGap) gapEnd = i;
      else {
        flush();
        out.push(i);
        first = -1;
        column = NaN;
        inGap = true;
      }
      continue;
    }
    if (inGap) {
      if (gapEnd >= 0) out.push(gapEnd);
      gapEnd = -1;
      inGap = false;
    }
    const c = columnAt(x[i]);
    if (c !== column) {
      flush();
      column = c;
      first = i;
      low = i;
      high = i;
    }
    last = i;
    if (v < y[low]) low = i;
    if (v > y[high]) high = i;
  }
  flush();
  if (gapEnd >= 0) out.push(gapEnd);
  return out;
}

/**
 * Of the points where `keep` holds, the first in each of `buckets` columns of the x-axis (as in
 * envelopeIndices): markers closer than a column overlap anyway, and a stretch of 19,700 exact
 * zeros is a row of at most `buckets` triangles, not 19,700. All of them for short series.
 */
export function firstPerColumn(x: ArrayLike<number>, n: number, keep: (i: number) => boolean, columns: Columns): number[] {
  const { x0, x1, buckets = LINE_BUCKETS } = columns;
  const columnAt = n > 4 * buckets && x1 > x0 ? columnOf(columns) : null;
  const out: number[] = [];
  let column = NaN;
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const c = columnAt ? columnAt(x[i]) : i;
    if (c !== column) out.push(i);
    column = c;
  }
  return out;
}
