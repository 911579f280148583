/**
 * Semilog line charts (loss, gradient norm, mu against step). Log axes cannot show 0, so an exact
 * zero is drawn as a marker at the bottom of the axis and named as such; a diverged run ends with
 * an x at its last finite value and says so in the legend.
 */
import type { Data, Layout, Shape } from 'plotly.js';
import type { StopReason } from '../catalog';
import { thinIndices } from './thin';

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
}

/**
 * What a chart's x-axis counts. Cost is in gradient-equivalents: a loss value 1/2, a gradient 1, a
 * Hessian-vector product 2 (double backprop), a residual Jacobian 1 (one backward pass over the
 * tiled problem does the same arithmetic as the summed gradient).
 */
export const COST_WEIGHTS = { f: 0.5, grad: 1, hvp: 2, jac: 1 } as const;
export const X_AXES = {
  step: { label: 'step', title: 'step' },
  time: { label: 'wall time', title: 'engine time (ms)' },
  evals: { label: 'evaluations', title: 'cost in gradient-equivalents (f ½, ∇ 1, Hv 2, J 1)' },
} as const;
export type XAxis = keyof typeof X_AXES;

export interface Floor {
  y: number;
  label: string;
  dotted?: boolean;
}

export interface SemilogOptions {
  xAxis?: XAxis;
  /** A linear y-axis, for counts such as rejected trials. */
  linear?: boolean;
  yTitle: string;
  /** Horizontal lines with their labels: the precision floors (dashed; dotted if asked). */
  floors?: Floor[];
}

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

/** The smallest and largest positive finite values of a run, in one pass (no spread: runs can be long). */
function positiveExtent(r: LineRun): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < r.length; i++) {
    const v = r.values[i];
    if (v > 0 && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

export function semilogFigure(runs: LineRun[], { yTitle, floors = [], xAxis = 'step', linear = false }: SemilogOptions): Figure {
  const extents = runs.map(positiveExtent);
  const lowest = Math.min(...extents.map((e) => e.min), ...floors.map((f) => f.y));
  // Where exact zeros are drawn: a decade below everything else on the chart.
  const zeroAt = Number.isFinite(lowest) ? lowest / 10 : 1e-16;
  // A diverged run would squash every other curve against the floor: the axis stops two decades
  // above the highest value of the runs that did not diverge (or the starts), and the diverged
  // run's x is drawn at that edge.
  const sane = extents.filter((_, i) => runs[i].stopReason !== 'diverged').map((e) => e.max);
  const starts = runs.filter((r) => r.length && r.values[0] > 0 && Number.isFinite(r.values[0])).map((r) => r.values[0]);
  const highest = Math.max(...extents.map((e) => e.max), zeroAt);
  const top = Math.min(highest, 100 * Math.max(...sane, ...starts, zeroAt));
  const data: Data[] = [];
  for (const r of runs) {
    const idx = thinIndices(r.length, 1000);
    const x = idx.map((i) => r.step[i]);
    const y = idx.map((i) => (linear || (r.values[i] > 0 && Number.isFinite(r.values[i])) ? r.values[i] : NaN));
    const diverged = r.stopReason === 'diverged';
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: diverged ? `${r.label} (diverged)` : r.label,
      x,
      y,
      line: { color: r.color, width: 2, dash: r.dashed ? 'dash' : 'solid' },
      meta: { runId: r.runId },
      hovertemplate: `${r.label}<br>${X_AXES[xAxis].label} %{x:.4g}<br>%{y:.4g}<extra></extra>`,
    } as Data);
    if (r.validation) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${r.label} (validation)`,
        x,
        y: idx.map((i) => (r.validation![i] > 0 ? r.validation![i] : NaN)),
        line: { color: r.color, width: 1.5, dash: 'dot' },
        meta: { runId: r.runId, role: 'validation' },
        hovertemplate: `${r.label} validation<br>${X_AXES[xAxis].label} %{x:.4g}<br>%{y:.4g}<extra></extra>`,
      } as Data);
    }
    const zeros = linear ? [] : idx.filter((i) => r.values[i] === 0);
    if (zeros.length) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${r.label}: exactly 0`,
        x: zeros.map((i) => r.step[i]),
        y: zeros.map(() => zeroAt),
        marker: { color: r.color, symbol: 'triangle-down', size: 11 },
        showlegend: false,
        meta: { runId: r.runId, role: 'zero' },
        hovertemplate: `${r.label}<br>step %{x}<br>exactly 0<extra></extra>`,
      } as Data);
    }
    if (diverged) {
      const lastFinite = idx.filter((i) => Number.isFinite(r.values[i]) && r.values[i] > 0).pop();
      if (lastFinite !== undefined) {
        data.push({
          type: 'scatter',
          mode: 'markers',
          name: `${r.label} diverged here`,
          showlegend: false,
          x: [r.step[lastFinite]],
          y: [Math.min(r.values[lastFinite], top)],
          marker: { color: r.color, symbol: 'x', size: 14, line: { width: 2 } },
          meta: { runId: r.runId, role: 'diverged' },
          hovertemplate: `${r.label} diverged after step %{x}<extra></extra>`,
        } as Data);
      }
    }
  }
  const shapes: Partial<Shape>[] = floors.map((f) => ({
    type: 'line',
    xref: 'paper',
    x0: 0,
    x1: 1,
    y0: f.y,
    y1: f.y,
    line: { dash: f.dotted ? 'dot' : 'dash', color: '#666', width: 1.5 },
  }));
  return {
    data,
    layout: {
      uirevision: 'keep',
      margin: { l: 64, r: 8, t: 8, b: 48 },
      xaxis: { title: { text: X_AXES[xAxis].title }, rangemode: 'tozero' },
      // Before the first step there is nothing to scale to: a plain decade range, not one of 1e-16.
      yaxis: linear
        ? { title: { text: yTitle }, rangemode: 'tozero', ...(Number.isFinite(lowest) ? { autorange: true } : { range: [0, 1] }) }
        : { title: { text: yTitle }, type: 'log', exponentformat: 'power', range: Number.isFinite(lowest) ? [Math.log10(zeroAt) - 0.4, Math.log10(top) + 0.4] : [-3, 1] },
      // Beside the plot: on top, ten runs' entries would cover it.
      legend: { x: 1.02, xanchor: 'left', y: 1, yanchor: 'top', font: { size: 12 } },
      shapes,
      annotations: floors.map((f) => ({ xref: 'paper', x: 1, xanchor: 'right', y: Math.log10(f.y), yanchor: 'bottom', text: f.label, showarrow: false, font: { size: 12, color: '#444' } })),
      font: { family: 'system-ui, sans-serif', size: 14 },
    },
  };
}
