/**
 * Chapter 5's figure: accuracy against the fraction p, one curve per mode, the mean over the
 * repeats done so far with a band from the lowest to the highest. Results arrive in any order and
 * the figure takes whatever has arrived.
 */
import type { Data } from 'plotly.js';
import type { SweepResult, SweepMode } from '../catalog';
import { runColor } from './palette';
import type { Figure } from './semilog';

export interface AccuracyPoint {
  p: number;
  mean: number;
  min: number;
  max: number;
  count: number;
}

/** Mean, lowest and highest accuracy per p for one mode, sorted by p. */
export function accuracyByP(results: SweepResult[], mode: SweepMode, which: 'train' | 'test'): AccuracyPoint[] {
  const byP = new Map<number, number[]>();
  for (const r of results) if (r.mode === mode) byP.set(r.p, [...(byP.get(r.p) ?? []), r[which]]);
  return [...byP]
    .sort((a, b) => a[0] - b[0])
    .map(([p, xs]) => ({ p, mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs), count: xs.length }));
}

const withAlpha = (hex: string, alpha: number) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
};

export function accuracyFigure(results: SweepResult[], modes: { mode: SweepMode; label: string }[], which: 'train' | 'test'): Figure {
  const data: Data[] = modes.flatMap(({ mode, label }, i) => {
    const points = accuracyByP(results, mode, which);
    const color = runColor(i);
    const x = points.map((pt) => pt.p);
    return [
      // The band: the highest, then the lowest filled up to it.
      { x, y: points.map((pt) => pt.max), type: 'scatter', mode: 'lines', line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, meta: { mode, role: 'band-top' } } as Data,
      {
        x,
        y: points.map((pt) => pt.min),
        type: 'scatter',
        mode: 'lines',
        line: { width: 0, color },
        fill: 'tonexty',
        fillcolor: withAlpha(color, 0.2),
        hoverinfo: 'skip',
        showlegend: false,
        meta: { mode, role: 'band-bottom' },
      } as Data,
      {
        x,
        y: points.map((pt) => pt.mean),
        type: 'scatter',
        mode: 'lines+markers',
        name: label,
        line: { color, width: 2.5 },
        marker: { size: 6 },
        text: points.map((pt) => `${pt.count} repeat${pt.count === 1 ? '' : 's'}, ${pt.min.toFixed(3)} to ${pt.max.toFixed(3)}`),
        hovertemplate: `${label}<br>p = %{x:.2f}: %{y:.3f}<br>%{text}<extra></extra>`,
        meta: { mode },
      } as Data,
    ];
  });
  return {
    data,
    layout: {
      uirevision: 'keep',
      margin: { l: 64, r: 8, t: 8, b: 48 },
      xaxis: { title: { text: 'fraction p' }, range: [-0.02, 1.02] },
      yaxis: { title: { text: `${which} accuracy` }, range: [0, 1.02] },
      legend: { x: 0.02, xanchor: 'left', y: 0.02, yanchor: 'bottom', font: { size: 12 }, bgcolor: 'rgba(255,255,255,0.8)' },
      font: { family: 'system-ui, sans-serif', size: 14 },
    },
  };
}
