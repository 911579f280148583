/**
 * Chapter 3's error bars along a slice of the input plane: the true surface, the net's prediction,
 * the band of its fitted mean (the delta method, J_x Sigma J_x^T) and the wider prediction band
 * (the residual variance added), both at the report's level.
 */
import type { Data } from 'plotly.js';
import type { SliceBand } from '../catalog';
import { runColor } from './palette';
import { LEGEND_BELOW, type Figure } from './semilog';

const fill = (hex: string, alpha: number) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
};

export function sliceBandFigure(band: SliceBand): Figure {
  const color = runColor(0);
  const pct = `${Math.round(band.level * 100)}%`;
  const edge = (y: number[], name: string, alpha: number, filled: boolean): Data =>
    ({ x: band.x, y, type: 'scatter', mode: 'lines', line: { width: 0, color }, name, showlegend: filled, hoverinfo: 'skip', ...(filled ? { fill: 'tonexty', fillcolor: fill(color, alpha) } : {}) }) as Data;
  const data: Data[] = [
    edge(band.predictionUpper, '', 0, false),
    edge(band.predictionLower, `${pct} prediction band`, 0.15, true),
    edge(band.upper, '', 0, false),
    edge(band.lower, `${pct} band of the mean`, 0.35, true),
    { x: band.x, y: band.fit, type: 'scatter', mode: 'lines', name: 'the net', line: { color, width: 2 }, hovertemplate: 'x %{x:.2f}: %{y:.4g}<extra>the net</extra>' },
    { x: band.x, y: band.truth, type: 'scatter', mode: 'lines', name: 'true surface', line: { color: runColor(1), width: 2, dash: 'dot' }, hovertemplate: 'x %{x:.2f}: %{y:.4g}<extra>true</extra>' },
  ];
  return {
    data,
    layout: {
      xaxis: { title: { text: `x (y = ${band.y})`, standoff: 6 }, automargin: true },
      yaxis: { title: { text: 'z' }, automargin: true },
      legend: LEGEND_BELOW,
      margin: { l: 64, r: 16, t: 8, b: 40 },
      showlegend: true,
    },
  };
}
