/**
 * The chart theme: light or dark, and presentation mode, applied to any figure in one place
 * (plotly-figure.tsx applies it to every chart it draws, and to what it exports).
 *
 * Builders draw for a white page, with run colours from PALETTE and greys from INK (palette.ts).
 * In the dark theme every such colour is swapped for its twin (PALETTE_DARK, INK_DARK; white,
 * the paper, for the dark paper), wherever it appears: lines, markers, fills (an rgba keeps its
 * alpha), shapes, annotations, the legend's background. Colours a builder did not take from there
 * (colour scales, the surface image) are left alone, and so are traces drawn over a filled
 * surface (`meta.onSurface`: the contour's paths and markers), whose colours are chosen against
 * the surface, which is the same in both themes. Traces other than scatter (contour, heatmap) are
 * returned as the same object: Plotly.react compares by reference.
 *
 * Presentation mode: every font at least 18 px and every drawn line at least 2.5 px.
 */
import type { Data, Layout } from 'plotly.js';
import { INK, INK_DARK, PALETTE, PALETTE_DARK, PAPER, type ThemeName } from './palette';
import type { Figure } from './semilog';

export interface ChartTheme {
  dark: boolean;
  presenting: boolean;
}

export const PRESENTING = { minFont: 18, minLine: 2.5 } as const;
/** The size of a superscript in Plotly's tick labels, relative to the label (its `sup` style). */
const SUPERSCRIPT = 0.7;

/** Plotly's default scatter line width, which a trace without one is drawn at. */
const DEFAULT_LINE = 2;

/** Axis furniture per theme: the grid faint, the zero line and ticks clear. */
export const AXIS_INK: Record<ThemeName, { grid: string; zeroline: string; line: string }> = {
  light: { grid: '#E5E5E5', zeroline: '#444444', line: '#444444' },
  dark: { grid: '#2E2E2E', zeroline: '#8A8A8A', line: '#8A8A8A' },
};

const MODEBAR: Record<ThemeName, { color: string; activecolor: string }> = {
  light: { color: '#8C8C8C', activecolor: '#444444' },
  dark: { color: '#8A8A8A', activecolor: '#E6E6E6' },
};

/** Light colour (lower-case #rrggbb) -> its dark twin. */
const DARK_TWIN = new Map<string, string>([
  ...PALETTE.map((c, i) => [c.toLowerCase(), PALETTE_DARK[i]] as const),
  ...(Object.keys(INK) as (keyof typeof INK)[]).map((k) => [INK[k].toLowerCase(), INK_DARK[k]] as const),
]);

const hex2 = (n: number) => Math.round(n).toString(16).padStart(2, '0');

/**
 * A colour as the dark theme draws it: its twin if it is one of the builders' colours (in #rgb,
 * #rrggbb, rgb() or rgba() form; an rgba keeps its alpha), else itself.
 */
export function darkTwin(colour: string): string {
  const c = colour.trim().toLowerCase();
  let hex: string | null = null;
  let alpha: string | null = null;
  if (/^#[0-9a-f]{6}$/.test(c)) hex = c;
  else if (/^#[0-9a-f]{3}$/.test(c)) hex = `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}`;
  else {
    const m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(c);
    if (!m) return colour;
    hex = `#${hex2(+m[1])}${hex2(+m[2])}${hex2(+m[3])}`;
    alpha = m[4] ?? null;
  }
  const twin = DARK_TWIN.get(hex);
  if (!twin) return colour;
  if (!/^rgb/.test(c)) return twin;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(twin.slice(i, i + 2), 16));
  return alpha === null ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The colours of the page a theme draws on, for the CSS to match: paper and text. */
export const themeInk = (dark: boolean) => ({ paper: PAPER[dark ? 'dark' : 'light'], text: dark ? INK_DARK.text : INK.text });

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});

export function applyTheme({ data, layout }: Figure, theme: ChartTheme): Figure {
  const name: ThemeName = theme.dark ? 'dark' : 'light';
  const colour = theme.dark ? (c: unknown) => (typeof c === 'string' ? darkTwin(c) : Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? darkTwin(x) : x)) : c) : (c: unknown) => c;
  const font = (f: unknown, fallback?: number) => {
    const size = obj(f).size as number | undefined;
    const sized = theme.presenting ? Math.max(size ?? fallback ?? 0, PRESENTING.minFont) : size;
    return { ...obj(f), ...(sized !== undefined ? { size: sized } : {}), ...(obj(f).color !== undefined ? { color: colour(obj(f).color) } : {}) };
  };
  /** A drawn line's width when presenting: at least 2.5 px, an invisible (0) one left invisible. Nothing when not presenting. */
  const width = (w: unknown) => {
    if (!theme.presenting) return {};
    const px = typeof w === 'number' ? w : DEFAULT_LINE;
    return { width: px === 0 ? 0 : Math.max(px, PRESENTING.minLine) };
  };

  const themeTrace = (trace: Data): Data => {
    const t = trace as Loose;
    if (t.type !== undefined && t.type !== 'scatter') return trace;
    const keep = obj(t.meta).onSurface === true;
    const paint = keep ? (c: unknown) => c : colour;
    const lines = typeof t.mode !== 'string' || t.mode.includes('lines');
    const out: Loose = { ...t };
    if (t.line || (theme.presenting && lines)) {
      const line = obj(t.line);
      out.line = { ...line, ...(line.color !== undefined ? { color: paint(line.color) } : {}), ...(lines ? width(line.width) : {}) };
    }
    if (t.marker) {
      const marker = obj(t.marker);
      const edge = obj(marker.line);
      out.marker = { ...marker, ...(marker.color !== undefined ? { color: paint(marker.color) } : {}), ...(marker.line ? { line: { ...edge, ...(edge.color !== undefined ? { color: paint(edge.color) } : {}) } } : {}) };
    }
    if (t.fillcolor !== undefined) out.fillcolor = paint(t.fillcolor);
    if (t.textfont) out.textfont = font(t.textfont);
    return out as Data;
  };

  const l = layout as Loose;
  const baseSize = (obj(l.font).size as number | undefined) ?? 12;
  const axisKeys = new Set(['xaxis', 'yaxis', ...Object.keys(l).filter((k) => /^[xy]axis\d*$/.test(k))]);
  const axes: Loose = {};
  for (const key of axisKeys) {
    const ax = obj(l[key]);
    const title = obj(ax.title);
    axes[key] = {
      // Level tick labels unless a builder asks otherwise: Plotly's 'auto' angle measures every
      // label on every redraw to decide, a third of a streaming chart's redraw (scratch figures
      // in headless Chromium).
      tickangle: 0,
      ...ax,
      gridcolor: AXIS_INK[name].grid,
      zerolinecolor: AXIS_INK[name].zeroline,
      linecolor: AXIS_INK[name].line,
      tickcolor: AXIS_INK[name].line,
      ...(ax.tickfont ? { tickfont: font(ax.tickfont) } : {}),
      // Plotly sets a power's exponent at 70% of the tick label: when presenting, the labels of a
      // log axis are large enough that the exponent too is at least the smallest font.
      ...(theme.presenting && ax.type === 'log' && ax.exponentformat === 'power' ? { tickfont: { ...font(ax.tickfont), size: Math.ceil(PRESENTING.minFont / SUPERSCRIPT) } } : {}),
      ...(ax.title ? { title: { ...title, ...(title.font ? { font: font(title.font) } : {}) } } : {}),
    };
  }
  const legend = obj(l.legend);
  const themed: Loose = {
    ...l,
    ...axes,
    paper_bgcolor: PAPER[name],
    plot_bgcolor: PAPER[name],
    font: { ...font(l.font, baseSize), color: theme.dark ? INK_DARK.text : INK.text },
    legend: { ...legend, bgcolor: legend.bgcolor !== undefined ? colour(legend.bgcolor) : 'rgba(0,0,0,0)', ...(legend.bordercolor !== undefined ? { bordercolor: colour(legend.bordercolor) } : {}), font: font(legend.font, baseSize) },
    hoverlabel: { ...obj(l.hoverlabel), ...(theme.presenting ? { font: font(obj(l.hoverlabel).font, baseSize) } : {}) },
    modebar: { ...obj(l.modebar), bgcolor: 'rgba(0,0,0,0)', ...MODEBAR[name] },
  };
  if (Array.isArray(l.shapes)) {
    themed.shapes = l.shapes.map((s: Loose) => {
      const line = obj(s.line);
      return { ...s, ...(s.line ? { line: { ...line, ...(line.color !== undefined ? { color: colour(line.color) } : {}), ...width(line.width) } } : {}), ...(s.fillcolor !== undefined ? { fillcolor: colour(s.fillcolor) } : {}) };
    });
  }
  if (Array.isArray(l.annotations)) {
    themed.annotations = l.annotations.map((a: Loose) => ({ ...a, font: font(a.font, baseSize), ...(a.bgcolor !== undefined ? { bgcolor: colour(a.bgcolor) } : {}) }));
  }
  return { data: data.map(themeTrace), layout: themed as Partial<Layout> };
}

/*
 * How a figure is drawn on the page, beyond its colours: one home for the rules plotly-figure.tsx
 * follows, pure so that they are tested with values (theme.test.ts).
 */

/**
 * Redraw pacing (ui/redraw-scheduler.ts). After a round of redraws that cost `lastCostMs`, the
 * next waits as long again, within [30, 200] ms: the charts take at most half the main thread.
 * A round of live frames (plotly-figure.tsx's live layer: 1-6 ms a chart) then comes with every
 * batch the runs store shows (every 50 ms), and a round of Plotly's full redraws (15-250 ms a
 * chart) spaces the next out. (Ten times the last cost, an older rule, kept charts 4 s behind on
 * a loaded machine.)
 */
export const REDRAW = { minPauseMs: 30, maxPauseMs: 200, pausePerCost: 1 } as const;
export const redrawPause = (lastCostMs: number): number => Math.min(REDRAW.maxPauseMs, Math.max(REDRAW.minPauseMs, REDRAW.pausePerCost * lastCostMs));

/** A figure's height: taller when presenting (18 px labels take room from the plot), plus the room its legend below the plot takes (capped: past it the legend scrolls). */
export const PRESENTING_HEIGHT = 1.25;
export function figureHeight(base: number, presenting: boolean, legendPx = 0): number {
  const h = presenting ? Math.round(base * PRESENTING_HEIGHT) : base;
  return h + Math.min(Math.max(0, Math.ceil(legendPx)), h);
}

/**
 * "Fit to the runs": each axis's uirevision gets the count of fits, so that a fit makes Plotly
 * forget the reader's zoom on every axis (and only there: hidden traces stay hidden) and take the
 * figure's own ranges again. An axis's own uirevision (a new x kind or scale) is kept in it.
 */
export function withFitRevision({ data, layout }: Figure, fits: number): Figure {
  const l = layout as Loose;
  const axes: Loose = {};
  for (const key of new Set(['xaxis', 'yaxis', ...Object.keys(l).filter((k) => /^[xy]axis\d*$/.test(k))])) {
    const ax = obj(l[key]);
    axes[key] = { ...ax, uirevision: `${String(ax.uirevision ?? 'keep')}/fit ${fits}` };
  }
  return { data, layout: { ...l, ...axes } as Partial<Layout> };
}
