/**
 * The one Plotly figure component. It redraws from `build` when `version` changes, at most 10 times
 * a second, and less often when drawing is slow: the pause between redraws is at least ten times
 * the last redraw's cost, so each chart keeps the main thread busy at most ~10% of the time
 * (a redraw costs 25-45 ms in software-rendered Chromium). PNG and SVG buttons under the title
 * export what is shown, with the title on the image; Plotly's "Share chart" (an upload of the data
 * to its cloud, on by default in this bundle) is switched off: nothing leaves the page.
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
  /**
   * Called with data coordinates when the plot area is clicked anywhere, not only on a point
   * (plotly_click fires only on points): the click's pixel is converted by the axes' p2c.
   */
  onPlotClick?: (x: number, y: number) => void;
}

/** What Plotly keeps of a laid-out axis: its pixel offset and length, and pixel -> data. */
interface PlotAxis {
  _offset: number;
  _length: number;
  p2c(px: number): number;
}

export function PlotlyFigure({ chart, title, build, version, height = 360, onPlotClick }: Props) {
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
        showSendToCloud: false,
        showEditInChartStudio: false,
        modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'],
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

  const click = (e: React.MouseEvent<HTMLDivElement>) => {
    const el = div.current as (HTMLDivElement & { _fullLayout?: { xaxis: PlotAxis; yaxis: PlotAxis } }) | null;
    const layout = el?._fullLayout;
    if (!onPlotClick || !el || !layout) return;
    const box = el.getBoundingClientRect();
    const px = e.clientX - box.left - layout.xaxis._offset;
    const py = e.clientY - box.top - layout.yaxis._offset;
    // Only clicks inside the plot area: not on the legend, the colour bar or the axes.
    if (px < 0 || py < 0 || px > layout.xaxis._length || py > layout.yaxis._length) return;
    onPlotClick(layout.xaxis.p2c(px), layout.yaxis.p2c(py));
  };

  /** The chart as shown, its title on top, as a file (a PNG at twice the pixels, or an SVG). */
  const download = async (format: 'png' | 'svg') => {
    const el = div.current;
    if (!el) return;
    const { data, layout } = latest.current();
    const margin = { ...layout.margin, t: Math.max(layout.margin?.t ?? 0, 56) };
    const figure = { data, layout: { ...layout, margin, title: { text: title, x: 0, xanchor: 'left' as const, font: { size: 16 } } } };
    const url = await Plotly.toImage(figure, { format, width: el.clientWidth || 800, height: height + 48, scale: format === 'png' ? 2 : 1 });
    const a = Object.assign(document.createElement('a'), { href: url, download: `curvature-${chart}.${format}` });
    a.click();
  };

  return (
    <figure className="figure" data-chart={chart} aria-label={title}>
      <figcaption>
        <span>{title}</span>
        <span className="figure-export">
          <button type="button" className="small" onClick={() => void download('png')} aria-label={`Download “${title}” as PNG`}>
            PNG
          </button>
          <button type="button" className="small" onClick={() => void download('svg')} aria-label={`Download “${title}” as SVG`}>
            SVG
          </button>
        </span>
      </figcaption>
      <div ref={div} style={{ height }} onClick={onPlotClick ? click : undefined} className={onPlotClick ? 'pickable' : undefined} />
    </figure>
  );
}
