/**
 * Axis ranges that move in steps, not with every new point. While runs stream, a chart whose
 * ranges are unchanged can draw its new points on the live layer (ui/live-layer.ts) in about a
 * millisecond; a changed range needs Plotly's full redraw (15-150 ms). Ranges snapped outward to a
 * coarse grid change a few dozen times over a run instead of every round.
 */

/** Log axes snap to this share of a decade. */
export const LOG_SNAP = 0.25;

/** The range [lo, hi] (in the axis's own units, log10 on a log axis) widened to whole multiples of `step`. */
export function snapOut(lo: number, hi: number, step = LOG_SNAP): [number, number] {
  // The 1e-9 keeps a bound already on the grid where rounding left it a hair off.
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/**
 * A log axis while runs stream: its top on whole decades, its bottom on a grid that coarsens as
 * the span grows (1 decade for spans up to 8, then 2 up to 16, 4 up to 32...), so that a value
 * falling D decades moves the axis about 4 log2(D / 4) times instead of D (LM's mu falls 320
 * decades to 0 in 300 steps of a run with no target).
 */
export function streamingLogRange(lo: number, hi: number): [number, number] {
  const step = 2 ** Math.max(0, Math.floor(Math.log2((hi - lo) / 4)));
  return [snapOut(lo, hi, step)[0], snapOut(lo, hi, 1)[1]];
}

/** Mantissas of the nice bounds of a linear axis: the bound is at most a third above the largest value. */
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest nice number (NICE x 10^k) at or above v > 0; 1 for anything else. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const decade = 10 ** Math.floor(Math.log10(v));
  // Rounded to 12 digits (10 ** -4 * 3 is 0.00030000000000000003, not 3e-4), and compared with
  // the same relative slack: a value within 1e-9 above 1.5e8 gets 1.5e8, not 2e8.
  const m = NICE.find((n) => Number((n * decade).toPrecision(12)) >= v * (1 - 1e-9)) ?? 10;
  return Number((m * decade).toPrecision(12));
}

/** A linear range from 0 (or a nice bound below it, for negative values) to a nice bound above the data. */
export function niceLinearRange(min: number, max: number): [number, number] {
  const lo = min < 0 ? -niceCeil(-min) : 0;
  const hi = max > 0 ? niceCeil(max) : lo < 0 ? 0 : 1;
  return [lo, hi];
}
