/** Two surfaces side by side on one colour scale: the true function and a model's prediction. */
import type { Data, Layout } from 'plotly.js';
import type { Figure } from './semilog';

export interface SurfacePair {
  x: Float64Array;
  y: Float64Array;
  truth: Float64Array;
  prediction: Float64Array;
}

const rows = (z: Float64Array, n: number) => Array.from({ length: n }, (_, j) => Array.from(z.subarray(j * n, (j + 1) * n)));

/** `zTitle`: what the colour scale measures (z, or a slope). */
export function surfacesFigure(s: SurfacePair, predictionTitle: string, zTitle = 'z'): Figure {
  const n = s.x.length;
  const all = [...s.truth, ...s.prediction].filter(Number.isFinite);
  const [zmin, zmax] = [Math.min(...all), Math.max(...all)];
  const heatmap = (z: Float64Array, axes: 1 | 2, showscale: boolean): Data =>
    ({
      type: 'heatmap',
      x: Array.from(s.x),
      y: Array.from(s.y),
      z: rows(z, n),
      zmin,
      zmax,
      colorscale: 'Viridis',
      showscale,
      colorbar: { title: { text: zTitle }, thickness: 12 },
      xaxis: axes === 1 ? 'x' : 'x2',
      yaxis: axes === 1 ? 'y' : 'y2',
      hovertemplate: `x %{x:.2f}<br>y %{y:.2f}<br>${zTitle} %{z:.3g}<extra></extra>`,
    }) as Data;
  const layout: Partial<Layout> = {
    margin: { l: 48, r: 8, t: 32, b: 40 },
    xaxis: { domain: [0, 0.44], title: { text: 'x' } },
    yaxis: { title: { text: 'y' } },
    xaxis2: { domain: [0.5, 0.94], title: { text: 'x' } },
    yaxis2: { anchor: 'x2', showticklabels: false },
    annotations: [
      { text: 'true surface', xref: 'paper', x: 0.22, y: 1.08, yref: 'paper', showarrow: false, font: { size: 14 } },
      { text: predictionTitle, xref: 'paper', x: 0.72, y: 1.08, yref: 'paper', showarrow: false, font: { size: 14 } },
    ],
    font: { family: 'system-ui, sans-serif', size: 14 },
  };
  return { data: [heatmap(s.truth, 1, false), heatmap(s.prediction, 2, true)], layout };
}
