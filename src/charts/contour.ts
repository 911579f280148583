/**
 * The loss contour over two parameters, log10-scaled, with each run's path drawn on it. Paths and
 * markers drawn over the surface are marked `onSurface`: their colours are chosen against the
 * surface, which looks the same in both themes, so the dark theme leaves them as they are
 * (theme.ts); without a surface they are on the page and take the theme's colours.
 */
import type { Data, Layout, LayoutAxis } from 'plotly.js';
import type { RunPrecision } from '../catalog';
import { INK } from './palette';
import { VIRIDIS } from './surface-raster';
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
  /** The surface drawn (rasterizeSurface, encoded): until it is, the paths show on the plain page. */
  surfaceImage?: SurfaceImage | null;
  paramNames: [string, string];
  start: number[];
  /** The known minima, marked with stars. */
  minima?: number[][];
  xRange: [number, number];
  yRange: [number, number];
}

/** The surface's image (surface-raster.ts, encoded by the page) and the range of log10 loss its colours span. */
export interface SurfaceImage {
  /** A data: URL, so that exports carry it. */
  source: string;
  zmin: number;
  zmax: number;
}

/**
 * The surface as a layout image below the paths, stretched over the grid's extent (it zooms with
 * the axes), and its colour bar from an invisible 1 x 2 heatmap that spans the same range.
 */
function surfaceLayer(surface: Surface, image: SurfaceImage): { image: Partial<Layout['images'][number]>; colorbar: Data } {
  const [x0, x1] = [surface.x[0], surface.x[surface.x.length - 1]];
  const [y0, y1] = [surface.y[0], surface.y[surface.y.length - 1]];
  return {
    image: { source: image.source, xref: 'x', yref: 'y', x: x0, y: y1, sizex: x1 - x0, sizey: y1 - y0, sizing: 'stretch', layer: 'below', xanchor: 'left', yanchor: 'top' },
    colorbar: {
      type: 'heatmap',
      x: [x0, x0],
      y: [y0, y0],
      z: [[image.zmin, image.zmax]],
      zmin: image.zmin,
      zmax: image.zmax,
      colorscale: VIRIDIS as unknown as [number, string][],
      reversescale: true,
      opacity: 0,
      hoverinfo: 'skip',
      showlegend: false,
      colorbar: { title: { text: 'log10 loss', side: 'right' }, thickness: 12 },
      meta: { role: 'colorbar' },
    } as Data,
  };
}

export function contourFigure(runs: PathRun[], o: ContourOptions): Figure {
  const data: Data[] = [];
  const layer = o.surface && o.surfaceImage ? surfaceLayer(o.surface, o.surfaceImage) : null;
  if (layer) data.push(layer.colorbar);
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
    // Over the surface, grid lines would read as contour lines: the surface's own lines stand in for them.
    xaxis: { title: { text: p0, standoff: 6 }, range: o.xRange, automargin: true, ...(layer ? { showgrid: false, zeroline: false } : {}) } as Partial<LayoutAxis>,
    yaxis: { title: { text: p1 }, range: o.yRange, automargin: true, ...(layer ? { showgrid: false, zeroline: false } : {}) },
    // Below the plot, as on the line charts: the start and the true minimum.
    legend: LEGEND_BELOW,
    font: { family: 'system-ui, sans-serif', size: 14 },
    ...(layer ? { images: [layer.image] } : {}),
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
