/**
 * The curvature panel's spectrum: each eigenvalue's magnitude, ascending by value, on a log scale
 * (a sign does not fit on one): positive as filled dots, negative as crosses, one colour per
 * matrix (the Hessian, the Gauss-Newton matrix). The dashed line is where an eigenvalue counts as
 * zero (n eps of the largest): below it, only rounding is left.
 */
import type { Data } from 'plotly.js';
import type { Spectrum } from '../catalog';
import { runColor } from './palette';
import { LEGEND_BELOW, type Figure } from './semilog';

export function spectrumFigure(spectra: { name: string; spectrum: Spectrum }[]): Figure {
  const data: Data[] = spectra.flatMap(({ name, spectrum }, s) => {
    const color = runColor(s);
    const points = spectrum.values.map((value, i) => ({ i: i + 1, value, size: Math.abs(value) }));
    const trace = (sign: 'positive' | 'negative', symbol: string): Data =>
      ({
        x: points.filter((p) => (sign === 'positive' ? p.value >= 0 : p.value < 0)).map((p) => p.i),
        y: points.filter((p) => (sign === 'positive' ? p.value >= 0 : p.value < 0)).map((p) => (p.size > 0 ? p.size : null)),
        customdata: points.filter((p) => (sign === 'positive' ? p.value >= 0 : p.value < 0)).map((p) => p.value),
        name: `${name}${sign === 'negative' ? ', negative' : ''}`,
        type: 'scatter',
        mode: 'markers',
        marker: { color, symbol, size: 8, line: { color, width: 2 } },
        hovertemplate: `${name}: λ%{x} = %{customdata:.6g}<extra></extra>`,
        showlegend: sign === 'positive' || spectrum.values.some((v) => v < 0),
      }) as Data;
    return [trace('positive', 'circle'), trace('negative', 'x-thin-open')];
  });
  const shapes = spectra.map(({ spectrum }, s) => ({
    type: 'line' as const,
    xref: 'paper' as const,
    x0: 0,
    x1: 1,
    y0: spectrum.summary.threshold,
    y1: spectrum.summary.threshold,
    line: { color: runColor(s), dash: 'dash' as const, width: 1 },
  }));
  return {
    data,
    layout: {
      xaxis: { title: { text: spectra[0]?.spectrum.method === 'lanczos' ? 'Ritz values, smallest to largest' : 'eigenvalues, smallest to largest', standoff: 6 }, automargin: true, rangemode: 'tozero' },
      yaxis: { title: { text: '|λ|' }, automargin: true, type: 'log', exponentformat: 'power' },
      shapes: shapes.filter((l) => l.y0 > 0),
      legend: LEGEND_BELOW,
      margin: { l: 64, r: 16, t: 8, b: 40 },
      showlegend: true,
    },
  };
}
