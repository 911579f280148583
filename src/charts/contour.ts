/** The loss contour over two parameters, log10-scaled, with each run's path drawn on it. */
import type { Data, Layout } from 'plotly.js';
import type { Figure } from './semilog';
import { thinIndices } from './thin';

export interface PathRun {
  runId: string;
  label: string;
  color: string;
  length: number;
  /** length x 2, row-major. */
  params: Float64Array;
}

export interface ContourOptions {
  surface: { x: Float64Array; y: Float64Array; z: Float64Array } | null;
  paramNames: [string, string];
  start: number[];
  solution?: number[];
  xRange: [number, number];
  yRange: [number, number];
}

export function contourFigure(runs: PathRun[], o: ContourOptions): Figure {
  const data: Data[] = [];
  if (o.surface) {
    const { x, y, z } = o.surface;
    const rows = Array.from({ length: y.length }, (_, j) => Array.from(z.subarray(j * x.length, (j + 1) * x.length), (v) => Math.log10(Math.max(v, 1e-300))));
    data.push({
      type: 'contour',
      x: Array.from(x),
      y: Array.from(y),
      z: rows,
      colorscale: 'Viridis',
      reversescale: true,
      ncontours: 24,
      contours: { coloring: 'fill', showlines: true },
      line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
      colorbar: { title: { text: 'log10 loss', side: 'right' }, thickness: 12 },
      hovertemplate: `${o.paramNames[0]} %{x:.3f}<br>${o.paramNames[1]} %{y:.3f}<br>log10 loss %{z:.2f}<extra></extra>`,
      showlegend: false,
    } as Data);
  }
  for (const r of runs) {
    const idx = thinIndices(r.length, 1500);
    // Points outside the view are kept: Plotly clips them, and the path stays continuous.
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: r.label,
      x: idx.map((i) => r.params[2 * i]),
      y: idx.map((i) => r.params[2 * i + 1]),
      line: { color: r.color, width: 2 },
      marker: { color: r.color, size: idx.map((i) => (i === r.length - 1 ? 9 : 4)) },
      meta: { runId: r.runId },
      // The colours match the optimizer rows and the line charts; the legend is kept for start and truth.
      showlegend: false,
      hovertemplate: `${r.label}<br>${o.paramNames[0]} %{x:.6g}<br>${o.paramNames[1]} %{y:.6g}<extra></extra>`,
    } as Data);
  }
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'start',
    x: [o.start[0]],
    y: [o.start[1]],
    marker: { symbol: 'circle-open', size: 14, color: '#000', line: { width: 2.5 } },
    meta: { role: 'start' },
  } as Data);
  if (o.solution) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'true (a, b)',
      x: [o.solution[0]],
      y: [o.solution[1]],
      marker: { symbol: 'star', size: 16, color: '#fff', line: { width: 1.5, color: '#000' } },
      meta: { role: 'solution' },
    } as Data);
  }
  const layout: Partial<Layout> = {
    uirevision: 'keep',
    margin: { l: 56, r: 8, t: 8, b: 48 },
    xaxis: { title: { text: o.paramNames[0] }, range: o.xRange },
    yaxis: { title: { text: o.paramNames[1] }, range: o.yRange },
    legend: { orientation: 'h', x: 0, y: 1, yanchor: 'bottom' },
    font: { family: 'system-ui, sans-serif', size: 14 },
  };
  return { data, layout };
}
