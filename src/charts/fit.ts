/**
 * A fit's two charts: the data with the fitted curve, its 95% confidence band (shaded) and 95%
 * prediction band (dashed) over the one predictor; and the residuals, over the predictor or, with
 * several predictors, the observation's number. With several predictors there is no curve to
 * draw: the first chart shows each observation against its fitted value instead.
 */
import type { Data, Layout } from 'plotly.js';
import type { Band } from '../catalog';
import { INK, PALETTE } from './palette';
import type { Figure } from './semilog';

// Colours from the palette and the inks, so that the dark theme gives each its twin (theme.ts).
const CURVE = PALETTE[0];
const BAND_FILL = `rgba(${[1, 3, 5].map((i) => parseInt(CURVE.slice(i, i + 2), 16)).join(', ')}, 0.18)`;
const POINTS = INK.text;

const layout = (xTitle: string, yTitle: string, extra: Partial<Layout> = {}): Partial<Layout> => ({
  uirevision: 'keep',
  margin: { l: 72, r: 8, t: 8, b: 48 },
  // Room for the labels and titles at any font size (presentation mode's 18 px included).
  xaxis: { title: { text: xTitle }, exponentformat: 'power', automargin: true },
  yaxis: { title: { text: yTitle }, exponentformat: 'power', automargin: true },
  legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 12 } },
  font: { family: 'system-ui, sans-serif', size: 14 },
  ...extra,
});

const points = (x: ArrayLike<number>, y: ArrayLike<number>, name: string): Data => ({
  type: 'scatter',
  mode: 'markers',
  x: Array.from(x),
  y: Array.from(y),
  name,
  marker: { color: POINTS, size: 6 },
});

export interface CurveInput {
  /** The predictor and the response (as the model transforms it) of each observation. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  xTitle: string;
  yTitle: string;
  /** The fitted curve and its bands; null before a fit has its report. */
  band: Band | null;
}

/** The data, and once fitted the curve with its 95% bands. */
export function curveFigure({ x, y, xTitle, yTitle, band }: CurveInput): Figure {
  const data: Data[] = [];
  if (band) {
    // The confidence band: the lower edge, then the upper filled down to it.
    data.push(
      { type: 'scatter', mode: 'lines', x: band.x, y: band.lower, line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
      { type: 'scatter', mode: 'lines', x: band.x, y: band.upper, line: { width: 0 }, fill: 'tonexty', fillcolor: BAND_FILL, name: '95% confidence band', hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', x: band.x, y: band.predictionLower, line: { color: CURVE, width: 1, dash: 'dash' }, name: '95% prediction band', hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', x: band.x, y: band.predictionUpper, line: { color: CURVE, width: 1, dash: 'dash' }, showlegend: false, hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', x: band.x, y: band.fit, line: { color: CURVE, width: 2 }, name: 'fitted curve' },
    );
  }
  data.push(points(x, y, 'data'));
  return { data, layout: layout(xTitle, yTitle) };
}

/** Each observation against its fitted value, and the line where they are equal (several predictors). */
export function observedFigure(observed: ArrayLike<number>, fitted: ArrayLike<number>, yTitle: string): Figure {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...Array.from(observed), ...Array.from(fitted)]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const line: Data[] = Number.isFinite(lo) ? [{ type: 'scatter', mode: 'lines', x: [lo, hi], y: [lo, hi], line: { color: INK.faint, dash: 'dot' }, name: 'observed = fitted', hoverinfo: 'skip' }] : [];
  return { data: [...line, points(fitted, observed, 'data')], layout: layout(`fitted ${yTitle}`, `observed ${yTitle}`) };
}

/** The residuals, with the zero line. */
export function residualsFigure(x: ArrayLike<number>, residuals: ArrayLike<number>, xTitle: string, yTitle: string): Figure {
  return {
    data: [points(x, residuals, 'residuals')],
    layout: layout(xTitle, yTitle, { showlegend: false, shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0, y1: 0, line: { color: INK.faint, width: 1 } }] }),
  };
}
