/**
 * The one Plotly figure component. It redraws from `build` when `version` changes, at most 10 times
 * a second, and less often when drawing is slow: the pause between redraws is at least ten times
 * the last redraw's cost, so each chart keeps the main thread busy at most ~10% of the time
 * (a redraw costs 25-45 ms in software-rendered Chromium). The modebar's camera exports PNG.
 */
import Plotly from 'plotly.js-cartesian-dist-min';
import { useEffect, useRef } from 'react';
import type { Figure } from '../charts/semilog';

const MIN_REDRAW_MS = 100;
const MAX_BUSY_SHARE = 0.1;

interface Props {
  /** data-chart attribute: a stable name for tests and styling. */
  chart: string;
  title: string;
  build: () => Figure;
  version: unknown;
  height?: number;
}

export function PlotlyFigure({ chart, title, build, version, height = 360 }: Props) {
  const div = useRef<HTMLDivElement>(null);
  const latest = useRef(build);
  const timer = useRef(0);
  const lastDraw = useRef(0);
  const lastCost = useRef(0);

  useEffect(() => {
    latest.current = build;
    if (timer.current) return;
    const interval = Math.max(MIN_REDRAW_MS, lastCost.current / MAX_BUSY_SHARE);
    const wait = Math.max(0, interval - (performance.now() - lastDraw.current));
    timer.current = window.setTimeout(() => {
      timer.current = 0;
      lastDraw.current = performance.now();
      if (!div.current) return;
      const { data, layout } = latest.current();
      void Plotly.react(div.current, data, { ...layout, height, autosize: true }, {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ['select2d', 'lasso2d'],
        toImageButtonOptions: { filename: `curvature-${chart}`, format: 'png', scale: 2 },
      });
      lastCost.current = performance.now() - lastDraw.current;
    }, wait);
  }, [build, version, chart, height]);

  useEffect(() => {
    const el = div.current;
    return () => {
      window.clearTimeout(timer.current);
      timer.current = 0;
      if (el) Plotly.purge(el);
    };
  }, []);

  return (
    <figure className="figure" data-chart={chart} aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={div} style={{ height }} />
    </figure>
  );
}
