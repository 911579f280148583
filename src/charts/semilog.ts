/**
 * Semilog line charts (loss, gradient norm, mu against step). Log axes cannot show 0, so an exact
 * zero is drawn as a marker at the bottom of the axis and named as such; a diverged run ends with
 * an x at its last finite value and says so in the legend.
 *
 * The x-axis is logarithmic where the step budget spans decades (defaultLogX): on a linear axis to
 * 15,000 steps, Newton and Gauss-Newton (done in a handful of steps) are a smear at x = 0. On a log
 * x-axis the start (step 0, and wall time or cost 0) has no place either: it is drawn a decade left
 * of the first positive x, at a power of ten whose tick is relabelled "0" (logStartX), and its
 * hover says so. No other x is moved.
 *
 * Layout rules: the legend goes below the plot, across its width (ten runs' names wrap there, and
 * the figure grows to hold them: plotly-figure.tsx), so the plot keeps the chart's width; log axes
 * label powers of ten only (no minor 2 and 5 labels to collide); every axis makes room for its
 * labels and title (automargin); before the first step the axes show plain ranges.
 */
import type { Data, Layout, LayoutAxis, Shape } from 'plotly.js';
import type { RunPrecision, StopReason } from '../catalog';
import { niceLinearRange, snapOut, streamingLogRange } from './axis-range';
import { INK } from './palette';
import { envelopeIndices, firstPerColumn } from './thin';

export interface LineRun {
  runId: string;
  label: string;
  color: string;
  length: number;
  /** The x of each point: step, wall time or cost, per the chart's x-axis. */
  step: ArrayLike<number>;
  values: Float64Array;
  /** A second series drawn dotted in the same colour: the validation loss. */
  validation?: Float64Array;
  stopReason: StopReason | null;
  /** A float64 run is drawn dashed beside its float32 twin (solid). */
  dashed?: boolean;
  /** What the values were computed in: the hover shows every digit that precision has (float32 when absent). */
  precision?: RunPrecision;
}

/**
 * What a chart's x-axis counts. Cost is in gradient-equivalents: a loss value 1/2, a gradient 1, a
 * Hessian-vector product 2 (double backprop), a residual Jacobian 1 (one backward pass over the
 * tiled problem does the same arithmetic as the summed gradient).
 */
export const COST_WEIGHTS = { f: 0.5, grad: 1, hvp: 2, jac: 1 } as const;
export const X_AXES = {
  step: { label: 'step', title: 'step', unit: '' },
  time: { label: 'wall time', title: 'engine time (ms)', unit: ' ms' },
  evals: { label: 'evaluations', title: 'cost in gradient-equivalents (f ½, ∇ 1, Hv 2, J 1)', unit: '' },
} as const;
export type XAxis = keyof typeof X_AXES;

/**
 * The one rule for the x scale's default: logarithmic when the step budget is at least 1,000
 * steps (three decades or more). Then the first ten steps, where Newton, Gauss-Newton and
 * Levenberg-Marquardt finish, take a third of the axis instead of under 1%; below it, a linear
 * axis reads more simply and loses little. The reader can switch either way.
 */
export const LOG_X_FROM_STEPS = 1000;
export const defaultLogX = (stepBudget: number): boolean => stepBudget >= LOG_X_FROM_STEPS;

/** An experiment's step budget: its max steps, or a run's own where larger. */
export const stepBudget = (e: { maxSteps: number; runs: readonly { maxSteps?: number }[] }): number => Math.max(e.maxSteps, ...e.runs.map((r) => r.maxSteps ?? 0));

/**
 * Where x = 0 is drawn on a log x-axis: the power of ten a decade below the smallest positive x
 * (0.1 when the first step is 1), so that its tick can carry the label "0" (powerLabel) and no
 * other tick crowds it. With no positive x yet, the first one is taken to be 1.
 */
export function logStartX(minPositive: number): number {
  const p = Number.isFinite(minPositive) && minPositive > 0 ? Math.floor(Math.log10(minPositive)) : 0;
  // Parsed, not 10 ** (p - 1): 10 ** -4 is 0.00009999999999999999, not the double nearest 1e-4.
  return Number(`1e${p - 1}`);
}

/** The tick label Plotly writes for 10^p on a log axis with exponentformat 'power': what `labelalias` must match. */
export function powerLabel(p: number): string {
  if (p === 0) return '1';
  if (p === 1) return '10';
  return `10<sup>${p > 0 ? '' : '\u2212'}${Math.abs(p)}</sup>`;
}

/** The hover's y: 9 significant digits tell every float32 apart, 17 every float64 (trailing zeros trimmed). */
export const hoverDigits = (precision: RunPrecision | undefined) => (precision === 'float64' ? 17 : 9);

/** Diverged markers clamped to the top edge within this share of the x-axis of each other are stacked downwards. */
const STACK_NEAR = 0.03;
/** Each stacked marker sits this share of the y-axis below the one before (about 15 px on a 250 px plot). */
const STACK_STEP = 0.06;
/**
 * Decades of padding at least above and below the data on a log y-axis, and beside it on a log
 * x-axis; the ranges are then snapped outward to quarter decades (axis-range.ts), so that they
 * move in steps while runs stream.
 */
const Y_PAD = 0.2;
const X_PAD = 0.08;

export interface Floor {
  y: number;
  label: string;
  dotted?: boolean;
}

export interface SemilogOptions {
  xAxis?: XAxis;
  /** A log x-axis (the labs default it with defaultLogX). */
  logX?: boolean;
  /** A linear y-axis, for counts such as rejected trials. */
  linear?: boolean;
  yTitle: string;
  /** Horizontal lines with their labels: the precision floors (dashed; dotted if asked). */
  floors?: Floor[];
  /**
   * Where the x-axis ends while a run is still going: the step budget, on a step axis. The axis
   * then stands still while the runs stream (no redraw of the axes every round), and fits the
   * runs once they have all stopped.
   */
  xBudget?: number;
}

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

/** The smallest and largest positive finite values of a run, in one pass (no spread: runs can be long). */
function positiveExtent(values: ArrayLike<number>, length: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v > 0 && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/** A linear y range over every finite value of the runs (nice bounds: axis-range.ts); [0, 1] before any. */
function linearYRange(runs: LineRun[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const r of runs) {
    for (let i = 0; i < r.length; i++) {
      const v = r.values[i];
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return niceLinearRange(min, max);
}

/** A plain legend below the plot, across its width, under the x-axis title (yref 'container': Plotly reserves its height below everything else). */
export const LEGEND_BELOW: Partial<Layout['legend']> = { orientation: 'h', x: 0, xanchor: 'left', y: 0, yanchor: 'bottom', yref: 'container', font: { size: 14 } };

export function semilogFigure(runs: LineRun[], { yTitle, floors = [], xAxis = 'step', linear = false, logX = false, xBudget }: SemilogOptions): Figure {
  // While a run goes on, the axes move in coarse steps (the budget; decades, coarser over wide
  // spans): each move is a full Plotly redraw, and between moves the live layer draws new points.
  const going = runs.some((r) => r.length > 0 && r.stopReason === null);
  const extents = runs.map((r) => positiveExtent(r.values, r.length));
  const lowest = Math.min(...extents.map((e) => e.min), ...floors.map((f) => f.y));
  // Where exact zeros are drawn: a decade below everything else on the chart.
  // (Not below the smallest double: a tenth of a subnormal mu would be 0, and its log -Infinity.)
  const zeroAt = Number.isFinite(lowest) ? Math.max(lowest / 10, Number.MIN_VALUE) : 1e-16;
  // A diverged run would squash every other curve against the floor: the axis stops two decades
  // above the highest value of the runs that did not diverge (or the starts), and the diverged
  // run's x is drawn at that edge.
  const sane = extents.filter((_, i) => runs[i].stopReason !== 'diverged').map((e) => e.max);
  const starts = runs.filter((r) => r.length && r.values[0] > 0 && Number.isFinite(r.values[0])).map((r) => r.values[0]);
  const highest = Math.max(...extents.map((e) => e.max), zeroAt);
  const top = Math.min(highest, 100 * Math.max(...sane, ...starts, zeroAt));
  // Before any run has a value, a plain range of whole decades, from 1e-3 (or a decade below the
  // lowest floor) to 10: never one scaled to a floor alone, whose narrow span gets minor labels.
  const anyValue = extents.some((e) => Number.isFinite(e.min));
  const [yLo, yHi] = [Math.log10(zeroAt) - Y_PAD, Math.log10(top) + Y_PAD];
  const yRange = anyValue ? (going ? streamingLogRange(yLo, yHi) : snapOut(yLo, yHi)) : [Math.min(-3, Math.floor(Math.log10(lowest)) - 1), 1];

  // The x extent, over the positive x (0 is the start: on a log axis it has a place of its own).
  const xs = runs.map((r) => positiveExtent(r.step, r.length));
  const minX = Math.min(...xs.map((e) => e.min));
  const reached = Math.max(...xs.map((e) => e.max));
  const maxX = going && xBudget !== undefined && xBudget > reached ? xBudget : reached;
  const empty = runs.every((r) => r.length === 0);
  const hasZeroX = runs.some((r) => r.length > 0 && !(r.step[0] > 0));
  const startX = logStartX(minX);
  /** Where an x is drawn: itself, except 0 (the start) on a log axis. */
  const plotX = logX ? (x: number) => (x > 0 ? x : startX) : (x: number) => x;
  const xLo = logX ? (hasZeroX || empty ? Math.log10(startX) : Math.log10(minX)) : 0;
  // The left end is the start's (fixed); the right end follows the runs, in snapped steps.
  const xRight = snapOut(0, Math.max(Number.isFinite(maxX) ? Math.log10(maxX) : 3, xLo + 1) + X_PAD)[1];
  const xRange = logX ? [xLo - X_PAD, xRight] : empty ? [0, 10] : niceLinearRange(0, maxX);

  const { label: xName, unit } = X_AXES[xAxis];
  const xHover = logX ? `%{customdata:.10~g}${unit}` : `%{x:.10~g}${unit}`;
  const startHover = `0${unit}, the start (a log axis has no 0: it is drawn at the tick labelled 0, a decade left of the first ${xName})`;
  /** One hover template per trace, or one per point where the start is on a log axis (said so). */
  const hover = (head: string, tail: string, xRaw: number[]) => {
    const base = `${head}<br>${xName} ${xHover}<br>${tail}<extra></extra>`;
    if (!logX || xRaw.every((x) => x > 0)) return base;
    const start = `${head}<br>${xName} ${startHover}<br>${tail}<extra></extra>`;
    return xRaw.map((x) => (x > 0 ? base : start));
  };

  const data: Data[] = [];
  const divergedAt: { r: LineRun; i: number }[] = [];
  /** What is drawn of a value: itself, or a gap where a log axis has no place for it. */
  const shown = (v: number) => (linear || (v > 0 && Number.isFinite(v)) ? v : NaN);
  const scaleX = logX ? (x: number) => Math.log10(plotX(x)) : (x: number) => x;
  for (const r of runs) {
    const idx = envelopeIndices(r.step, Float64Array.from({ length: r.length }, (_, i) => shown(r.values[i])), r.length, { x0: xRange[0], x1: xRange[1], scaleX });
    const xRaw = idx.map((i) => r.step[i]);
    const x = logX ? xRaw.map(plotX) : xRaw;
    const y = idx.map((i) => shown(r.values[i]));
    const diverged = r.stopReason === 'diverged';
    const yHover = `%{y:.${hoverDigits(r.precision)}~g}`;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: diverged ? `${r.label} (diverged)` : r.label,
      x,
      y,
      ...(logX ? { customdata: xRaw } : {}),
      line: { color: r.color, width: 2, dash: r.dashed ? 'dash' : 'solid' },
      meta: { runId: r.runId },
      hovertemplate: hover(r.label, yHover, xRaw),
    } as Data);
    if (r.validation) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${r.label} (validation)`,
        x,
        y: idx.map((i) => (r.validation![i] > 0 ? r.validation![i] : NaN)),
        ...(logX ? { customdata: xRaw } : {}),
        line: { color: r.color, width: 1.5, dash: 'dot' },
        meta: { runId: r.runId, role: 'validation' },
        hovertemplate: hover(`${r.label} validation`, yHover, xRaw),
      } as Data);
    }
    // One marker per pixel column at most: a run that stays at exactly 0 is a row of triangles.
    const zeros = linear ? [] : firstPerColumn(r.step, r.length, (i) => r.values[i] === 0, { x0: xRange[0], x1: xRange[1], scaleX });
    if (zeros.length) {
      const zx = zeros.map((i) => r.step[i]);
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${r.label}: exactly 0`,
        x: zx.map(plotX),
        y: zeros.map(() => zeroAt),
        ...(logX ? { customdata: zx } : {}),
        marker: { color: r.color, symbol: 'triangle-down', size: 11 },
        showlegend: false,
        meta: { runId: r.runId, role: 'zero' },
        hovertemplate: hover(r.label, 'exactly 0', zx),
      } as Data);
    }
    if (diverged) {
      const lastFinite = idx.filter((i) => Number.isFinite(r.values[i]) && (linear || r.values[i] > 0)).pop();
      if (lastFinite !== undefined) divergedAt.push({ r, i: lastFinite });
    }
  }

  // Diverged runs: an x where each left, at its own x. Above the axis it sits on the top edge;
  // several there at about the same x are stacked downwards, so that each stays visible and
  // hoverable, its hover naming the run and its last finite value.
  const share = logX ? (x: number) => (Math.log10(x) - xRange[0]) / (xRange[1] - xRange[0]) : (x: number) => x / (xRange[1] || 1);
  const onTop: number[] = [];
  for (const { r, i } of divergedAt) {
    const value = r.values[i];
    const x = plotX(r.step[i]);
    const above = !linear && value > top;
    let y = value;
    if (above) {
      const at = share(x);
      const below = onTop.filter((s) => Math.abs(s - at) < STACK_NEAR).length;
      onTop.push(at);
      y = top / 10 ** (below * STACK_STEP * (yRange[1] - yRange[0]));
    }
    const where = r.step[i] > 0 || !logX ? `${String(r.step[i])}${unit}` : startHover;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${r.label} diverged here`,
      showlegend: false,
      x: [x],
      y: [y],
      marker: { color: r.color, symbol: 'x', size: 14, line: { width: 2 } },
      meta: { runId: r.runId, role: 'diverged' },
      hovertemplate: `${r.label} diverged after ${xName} ${where}<br>last finite value ${String(value)}${above ? ' (above the chart: drawn at its top edge)' : ''}<extra></extra>`,
    } as Data);
  }

  const shapes: Partial<Shape>[] = floors.map((f) => ({
    type: 'line',
    xref: 'paper',
    x0: 0,
    x1: 1,
    y0: f.y,
    y1: f.y,
    line: { dash: f.dotted ? 'dot' : 'dash', color: INK.rule, width: 1.5 },
  }));
  const xaxis = {
    title: { text: X_AXES[xAxis].title, standoff: 6 },
    automargin: true,
    // A new x kind or scale forgets a zoom made in the old one's units.
    uirevision: `${xAxis}-${logX ? 'log' : 'linear'}`,
    ...(logX
      ? {
          type: 'log',
          range: xRange,
          exponentformat: 'power',
          minorloglabels: 'none',
          ...(hasZeroX || empty ? { labelalias: { [powerLabel(Math.round(Math.log10(startX)))]: '0' } } : {}),
        }
      : { type: 'linear', range: xRange }),
  } as Partial<LayoutAxis>;
  // Before the first step there is nothing to scale to: a plain decade range, not one of 1e-16.
  const yaxis = (
    linear
      ? { title: { text: yTitle }, automargin: true, range: linearYRange(runs) }
      : { title: { text: yTitle }, automargin: true, type: 'log', exponentformat: 'power', minorloglabels: 'none', range: yRange }
  ) as Partial<LayoutAxis>;
  return {
    data,
    layout: {
      uirevision: 'keep',
      margin: { l: 64, r: 16, t: 8, b: 40 },
      xaxis,
      yaxis,
      legend: LEGEND_BELOW,
      shapes,
      annotations: floors.map((f) => ({ xref: 'paper', x: 1, xanchor: 'right', y: Math.log10(f.y), yanchor: 'bottom', text: f.label, showarrow: false, font: { size: 13, color: INK.muted } })),
      font: { family: 'system-ui, sans-serif', size: 14 },
    },
  };
}
