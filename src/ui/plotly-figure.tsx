/**
 * The one Plotly figure component. Rules (pure, tested, in charts/theme.ts):
 *
 * - Plotly (about 475 KB gzipped) is loaded when the first figure mounts, not with the page.
 * - Redraws go through the one scheduler (redraw-scheduler.ts): coalesced, paced, one figure per
 *   task, and figures off screen wait (an IntersectionObserver tells it which are on screen).
 * - A redraw that changes only the points of lines and markers (charts/live-frame.ts) draws them
 *   on the live layer (live-layer.ts) in 1-6 ms instead of Plotly's 15-250 ms; SETTLE_MS
 *   after the last such redraw, and before an export or a "Fit", Plotly draws everything again.
 * - Theme: light or dark and presentation mode come from the view store and are applied to the
 *   built figure here, for every chart, and to what is exported (applyTheme).
 * - Height: the legend sits below the plot; after each draw its measured height is added to the
 *   figure's, so that ten runs' names wrap there without taking the plot's room (figureHeight).
 * - "Fit to the runs" (a caption button): the axes go back to the figure's own ranges after the
 *   reader zoomed (withFitRevision); the layout's uirevision otherwise keeps a zoom across redraws.
 * - PNG and SVG buttons export what is shown (the reader's zoom, the theme), with the title on the
 *   image. Plotly's "Share chart" (an upload of the data to its cloud, on by default in this
 *   bundle) is switched off: nothing leaves the page.
 */
import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Figure } from '../charts/semilog';
import { applyTheme, figureHeight, withFitRevision, type ChartTheme } from '../charts/theme';
import { useView } from '../state/view-store';
import { frameKey, liveTraces, type LiveTrace } from '../charts/live-frame';
import { clearLive, drawLive, type LaidOutAxis } from './live-layer';
import { drawNow, forget, markDirty, setOnScreen, type Drawable } from './redraw-scheduler';

/** Plotly redraws everything this long after the live layer last drew: hover and the SVG catch up once the points stop coming. */
export const SETTLE_MS = 1000;

const CONFIG = {
  responsive: true,
  displaylogo: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'],
} satisfies Partial<Config>;

type PlotlyApi = typeof import('plotly.js-cartesian-dist-min').default;
let plotly: Promise<PlotlyApi> | null = null;
/** Plotly, imported once, when the first figure mounts. */
const loadPlotly = () => (plotly ??= import('plotly.js-cartesian-dist-min').then((m) => m.default));
/** Plotly once it has loaded (a figure that never drew has nothing to purge). */
let loaded: PlotlyApi | null = null;

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

/** What Plotly keeps of a laid-out axis: its type, range, pixel offset and length, and pixel -> data. */
interface PlotAxis extends LaidOutAxis {
  p2c(px: number): number;
}

/** What this component reads of Plotly's element: the laid-out axes and legend, and the figure as shown. */
type PlotDiv = HTMLDivElement & {
  _fullLayout?: { xaxis: PlotAxis; yaxis: PlotAxis; showlegend?: boolean; legend?: { yref?: string; _height?: number } };
  data?: Data[];
  layout?: Partial<Layout>;
  /** The traces as last drawn, on the live layer or by Plotly (whose `data` lags while the live layer draws): for the bench and the tests. */
  __shown?: Data[];
};

export function PlotlyFigure({ chart, title, build, version, height = 360, onPlotClick }: Props) {
  const div = useRef<PlotDiv>(null);
  const dark = useView((s) => s.theme === 'dark');
  const presenting = useView((s) => s.presenting);
  const theme = useMemo<ChartTheme>(() => ({ dark, presenting }), [dark, presenting]);
  const [legendPx, setLegendPx] = useState(0);
  const total = figureHeight(height, presenting, legendPx);
  const latest = useRef({ build, theme, total });
  const fits = useRef(0);
  const listening = useRef(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  /** The frame key of the figure Plotly last drew (null: none, or not drawable live). */
  const drawnKey = useRef<string | null>(null);
  /** What the live layer shows, redrawn when Plotly moves the axes under it (a zoom). */
  const live = useRef<LiveTrace[] | null>(null);
  const full = useRef(false);
  const settle = useRef(0);

  /** The figure as it is to be shown now. */
  const figure = (): Figure => applyTheme(withFitRevision(latest.current.build(), fits.current), latest.current.theme);

  // One stable drawable per figure: the scheduler keeps it in a set, so a burst of changes is one redraw.
  const drawable = useRef<Drawable>({
    chart,
    draw: async () => {
      const Plotly = (loaded ??= await loadPlotly());
      const el = div.current;
      if (!el) return;
      const shown = figure();
      const key = frameKey(shown, latest.current.total);
      window.clearTimeout(settle.current);
      el.__shown = shown.data;
      const traces = liveTraces(shown);
      if (!full.current && key !== null && key === drawnKey.current && canvas.current && drawLive(el, canvas.current, traces)) {
        live.current = traces;
        settle.current = window.setTimeout(() => {
          full.current = true;
          markDirty(drawable);
        }, SETTLE_MS);
        return;
      }
      full.current = false;
      live.current = null;
      drawnKey.current = key;
      if (canvas.current) clearLive(el, canvas.current);
      const gd = await Plotly.react(el, shown.data, { ...shown.layout, height: latest.current.total, autosize: true }, CONFIG);
      measureLegend();
      if (!listening.current) {
        listening.current = true;
        // A resize rewraps the legend: measure after every draw, Plotly's own included.
        (gd as PlotlyHTMLElement).on('plotly_afterplot', afterPlot);
      }
    },
  }).current;

  /** After any Plotly draw (a zoom, a resize, a legend click): the legend's height, and the live layer on the new axes. */
  function afterPlot() {
    measureLegend();
    const el = div.current;
    if (live.current && el && canvas.current) drawLive(el, canvas.current, live.current);
  }

  /** The legend below the plot: its full height (Plotly's measure), or 0 when there is none. */
  function measureLegend() {
    const el = div.current;
    const full = el?._fullLayout;
    const shown = !!el?.querySelector('.legend') && full?.showlegend !== false && full?.legend?.yref === 'container';
    const px = shown ? Math.ceil(full?.legend?._height ?? 0) : 0;
    setLegendPx((before) => (Math.abs(before - px) > 2 ? px : before));
  }

  useEffect(() => {
    latest.current = { build, theme, total };
    markDirty(drawable);
  }, [build, version, chart, theme, total, drawable]);

  useEffect(() => {
    const el = div.current;
    // Plotly starts loading as the first figure mounts, while the data it will draw are computed.
    void loadPlotly();
    // What the reader sees is redrawn at the rounds' rate; a chart scrolled to is drawn at the next round.
    const seen = el && new IntersectionObserver(([entry]) => setOnScreen(drawable, entry.isIntersecting));
    if (el) seen?.observe(el);
    return () => {
      seen?.disconnect();
      forget(drawable);
      window.clearTimeout(settle.current);
      listening.current = false; // purge drops Plotly's listeners too
      if (el) loaded?.purge(el);
    };
  }, [drawable]);

  const click = (e: React.MouseEvent<HTMLDivElement>) => {
    const el = div.current;
    const layout = el?._fullLayout;
    if (!onPlotClick || !el || !layout) return;
    const box = el.getBoundingClientRect();
    const px = e.clientX - box.left - layout.xaxis._offset;
    const py = e.clientY - box.top - layout.yaxis._offset;
    // Only clicks inside the plot area: not on the legend, the colour bar or the axes.
    if (px < 0 || py < 0 || px > layout.xaxis._length || py > layout.yaxis._length) return;
    onPlotClick(layout.xaxis.p2c(px), layout.yaxis.p2c(py));
  };

  /** Back to the runs' extent on every axis, now (not at the next paced round). */
  const fit = () => {
    fits.current += 1;
    full.current = true;
    void drawNow(drawable);
  };

  /** The chart as shown (the reader's zoom and the theme included), its title on top, as a file (a PNG at twice the pixels, or an SVG). */
  const download = async (format: 'png' | 'svg') => {
    const el = div.current;
    if (!el) return;
    // Drawn now by Plotly, not at the next paced round: the file holds every step the runs have reached.
    full.current = true;
    await drawNow(drawable);
    const { data, layout } = el.data && el.layout ? { data: el.data, layout: el.layout } : figure();
    const margin = { ...layout.margin, t: Math.max(layout.margin?.t ?? 0, 56) };
    const shown = { data, layout: { ...layout, margin, title: { text: title, x: 0, xanchor: 'left' as const, font: { size: presenting ? 20 : 16 } } } };
    const url = await (await loadPlotly()).toImage(shown, { format, width: el.clientWidth || 800, height: latest.current.total + 48, scale: format === 'png' ? 2 : 1 });
    const a = Object.assign(document.createElement('a'), { href: url, download: `curvature-${chart}.${format}` });
    a.click();
  };

  return (
    <figure className="figure" data-chart={chart} aria-label={title}>
      <figcaption>
        <span>{title}</span>
        <span className="figure-export">
          <button type="button" className="small" onClick={fit} aria-label={`Fit “${title}” to the runs`} title="Zoom back out to every run's extent">
            Fit
          </button>
          <button type="button" className="small" onClick={() => void download('png')} aria-label={`Download “${title}” as PNG`}>
            PNG
          </button>
          <button type="button" className="small" onClick={() => void download('svg')} aria-label={`Download “${title}” as SVG`}>
            SVG
          </button>
        </span>
      </figcaption>
      <div className="plot-area">
        <div ref={div} style={{ height: total }} onClick={onPlotClick ? click : undefined} className={onPlotClick ? 'pickable' : undefined} />
        <canvas ref={canvas} className="live-layer" aria-hidden="true" />
      </div>
    </figure>
  );
}
