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
  /** A float64 run's path is dashed beside its float32 twin's. */
  dashed?: boolean;
}

export interface Surface {
  x: Float64Array;
  y: Float64Array;
  /** Row-major: z[j * x.length + i] is the loss at (x[i], y[j]). */
  z: Float64Array;
}

export interface ContourOptions {
  surface: Surface | null;
  paramNames: [string, string];
  start: number[];
  /** The known minima, marked with stars. */
  minima?: number[][];
  xRange: [number, number];
  yRange: [number, number];
}

/**
 * The contour trace is built once per surface and then reused as the same object: Plotly.react
 * compares data by reference, so redraws while paths grow do not recompute the contour lines
 * (which cost ~180 ms a time, measured in Chromium).
 */
const contourCache = new WeakMap<Surface, Data>();

function contourTrace(surface: Surface, [p0, p1]: [string, string]): Data {
  const cached = contourCache.get(surface);
  if (cached) return cached;
  const { x, y, z } = surface;
  const rows = Array.from({ length: y.length }, (_, j) => Array.from(z.subarray(j * x.length, (j + 1) * x.length), (v) => Math.log10(Math.max(v, 1e-300))));
  const trace = {
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
    hovertemplate: `${p0} %{x:.3f}<br>${p1} %{y:.3f}<br>log10 loss %{z:.2f}<extra></extra>`,
    showlegend: false,
  } as Data;
  contourCache.set(surface, trace);
  return trace;
}

export function contourFigure(runs: PathRun[], o: ContourOptions): Figure {
  const data: Data[] = [];
  if (o.surface) data.push(contourTrace(o.surface, o.paramNames));
  for (const r of runs) {
    const idx = thinIndices(r.length, 800);
    // Points outside the view are kept: Plotly clips them, and the path stays continuous.
    // Lines only: a marker per point is an SVG node per point, which made each redraw ~100 ms.
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: r.label,
      x: idx.map((i) => r.params[2 * i]),
      y: idx.map((i) => r.params[2 * i + 1]),
      line: { color: r.color, width: 2, dash: r.dashed ? 'dash' : 'solid' },
      meta: { runId: r.runId },
      // The colours match the optimizer rows and the line charts; the legend keeps start and truth.
      showlegend: false,
      hovertemplate: `${r.label}<br>${o.paramNames[0]} %{x:.6g}<br>${o.paramNames[1]} %{y:.6g}<extra></extra>`,
    } as Data);
  }
  const ends = runs.filter((r) => r.length > 0);
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'where each run is',
    x: ends.map((r) => r.params[2 * (r.length - 1)]),
    y: ends.map((r) => r.params[2 * (r.length - 1) + 1]),
    marker: { color: ends.map((r) => r.color), size: 10, line: { width: 1, color: '#fff' } },
    text: ends.map((r) => r.label),
    hovertemplate: `%{text}<br>${o.paramNames[0]} %{x:.6g}<br>${o.paramNames[1]} %{y:.6g}<extra></extra>`,
    showlegend: false,
    meta: { role: 'ends' },
  } as Data);
  data.push(point('start', o.start, 'start', { symbol: 'circle-open', size: 14, color: '#000', line: { width: 2.5 } }));
  if (o.minima?.length) {
    const name = o.minima.length === 1 ? `true (${o.paramNames.join(', ')})` : 'minima';
    data.push(points(name, o.minima, 'solution', { symbol: 'star', size: 16, color: '#fff', line: { width: 1.5, color: '#000' } }));
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

/** One marked point (the start, the true minimiser), named in the legend. */
function point(name: string, xy: number[], role: string, marker: object): Data {
  return points(name, [xy], role, marker);
}

function points(name: string, xys: number[][], role: string, marker: object): Data {
  return { type: 'scatter', mode: 'markers', name, x: xys.map((p) => p[0]), y: xys.map((p) => p[1]), marker, meta: { role } } as Data;
}
