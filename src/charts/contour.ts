/**
 * The loss contour over two parameters, log10-scaled, with each run's path drawn on it. Paths and
 * markers drawn over the surface are marked `onSurface`: their colours are chosen against the
 * surface, which looks the same in both themes, so the dark theme leaves them as they are
 * (theme.ts); without a surface they are on the page and take the theme's colours.
 */
import type { Data, Layout, LayoutAxis } from 'plotly.js';
import type { RunPrecision } from '../catalog';
import { INK } from './palette';
import { hoverDigits, LEGEND_BELOW, type Figure } from './semilog';
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
  /** What the parameters were computed in: the hover shows every digit it has (float32 when absent). */
  precision?: RunPrecision;
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
  const onSurface = o.surface !== null;
  const [p0, p1] = o.paramNames;
  for (const r of runs) {
    const d = hoverDigits(r.precision);
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
      meta: { runId: r.runId, onSurface },
      // The colours match the optimizer rows and the line charts; the legend keeps start and truth.
      showlegend: false,
      hovertemplate: `${r.label}<br>${p0} %{x:.${d}~g}<br>${p1} %{y:.${d}~g}<extra></extra>`,
    } as Data);
  }
  const ends = runs.filter((r) => r.length > 0);
  // One template for every end: the digits of the most precise run among them.
  const endDigits = Math.max(hoverDigits(undefined), ...ends.map((r) => hoverDigits(r.precision)));
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'where each run is',
    x: ends.map((r) => r.params[2 * (r.length - 1)]),
    y: ends.map((r) => r.params[2 * (r.length - 1) + 1]),
    marker: { color: ends.map((r) => r.color), size: 10, line: { width: 1, color: INK.paper } },
    text: ends.map((r) => r.label),
    hovertemplate: `%{text}<br>${p0} %{x:.${endDigits}~g}<br>${p1} %{y:.${endDigits}~g}<extra></extra>`,
    showlegend: false,
    meta: { role: 'ends', onSurface },
  } as Data);
  data.push(point('start', o.start, 'start', onSurface, { symbol: 'circle-open', size: 14, color: INK.strong, line: { width: 2.5 } }));
  if (o.minima?.length) {
    const name = o.minima.length === 1 ? `true (${o.paramNames.join(', ')})` : 'minima';
    data.push(points(name, o.minima, 'solution', onSurface, { symbol: 'star', size: 16, color: INK.paper, line: { width: 1.5, color: INK.strong } }));
  }
  const layout: Partial<Layout> = {
    uirevision: 'keep',
    margin: { l: 56, r: 8, t: 8, b: 40 },
    xaxis: { title: { text: p0, standoff: 6 }, range: o.xRange, automargin: true } as Partial<LayoutAxis>,
    yaxis: { title: { text: p1 }, range: o.yRange, automargin: true },
    // Below the plot, as on the line charts: the start and the true minimum.
    legend: LEGEND_BELOW,
    font: { family: 'system-ui, sans-serif', size: 14 },
  };
  return { data, layout };
}

/** One marked point (the start, the true minimiser), named in the legend. */
function point(name: string, xy: number[], role: string, onSurface: boolean, marker: object): Data {
  return points(name, [xy], role, onSurface, marker);
}

function points(name: string, xys: number[][], role: string, onSurface: boolean, marker: object): Data {
  return { type: 'scatter', mode: 'markers', name, x: xys.map((p) => p[0]), y: xys.map((p) => p[1]), marker, meta: { role, onSurface } } as Data;
}
