/**
 * Chapter 6's CG figure: per iteration k, CG's relative residual |g - A x_k| / |g| and its relative
 * distance |x_k - x*| / |x*| to the dense solution, on a log scale. Iteration 0 is the start,
 * x_0 = 0, where both are 1. A value of exactly 0 cannot be drawn on a log axis: it is left out and
 * the hover of the iteration before says nothing more (the table below gives the numbers).
 */
import type { Data } from 'plotly.js';
import type { CGIterate } from '../catalog';
import { runColor } from './palette';
import { LEGEND_BELOW, type Figure } from './semilog';

export function cgTraceFigure(trace: readonly CGIterate[]): Figure {
  const k = [0, ...trace.map((_, i) => i + 1)];
  const positive = (y: number) => (y > 0 && Number.isFinite(y) ? y : null);
  const line = (name: string, y: number[], i: number): Data => ({
    x: k,
    y: [1, ...y].map(positive),
    name,
    type: 'scatter',
    mode: 'lines+markers',
    line: { color: runColor(i), width: 2 },
    marker: { size: 6 },
    hovertemplate: `${name}: %{y:.3e} at iteration %{x}<extra></extra>`,
    meta: { role: name },
  }) as Data;
  return {
    data: [line('residual', trace.map((t) => t.residual), 0), line('distance to the solution', trace.map((t) => t.distance), 1)],
    layout: {
      xaxis: { title: { text: 'CG iteration', standoff: 6 }, automargin: true, dtick: trace.length > 20 ? undefined : 1, rangemode: 'tozero' },
      yaxis: { title: { text: 'relative to the start' }, automargin: true, type: 'log', exponentformat: 'power' },
      legend: LEGEND_BELOW,
      margin: { l: 64, r: 16, t: 8, b: 40 },
      showlegend: true,
    },
  };
}
