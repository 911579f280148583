/**
 * Live frames: while runs stream, most redraws of a chart change nothing but its traces' points.
 * Plotly's redraw of an SVG chart costs 15-150 ms of main thread whatever changed; drawing the
 * points on a canvas over the plot area costs 1-6 ms (ui/live-layer.ts). These pure
 * rules say when a new figure may be drawn that way, what is drawn, and where.
 *
 * A figure may be drawn live over the one Plotly last drew when everything but the points of its
 * streamable traces is the same (frameKey), and every axis has a range of its own: an autoranged
 * axis would move with the new points, and only Plotly can move an axis.
 */
import type { Data } from 'plotly.js';
import type { Figure } from './semilog';

/** A trace as this module reads it. */
interface Trace {
  type?: string;
  mode?: string;
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  line?: { color?: string; width?: number; dash?: string };
  marker?: { symbol?: string; size?: number; color?: string | string[]; line?: { width?: number; color?: string } };
  hovertemplate?: string | string[];
}

/** The marker symbols the live layer draws: plain circles (where each run is) and the triangles of exact zeros. */
const SYMBOLS = new Set(['circle', 'triangle-down']);

/** Lines, or markers of a symbol it knows: the live layer draws these and nothing else. */
export function streamable(data: Data): boolean {
  const t = data as Trace;
  if ((t.type ?? 'scatter') !== 'scatter') return false;
  if (t.mode === 'lines') return true;
  return t.mode === 'markers' && SYMBOLS.has(t.marker?.symbol ?? 'circle') && typeof t.marker?.size === 'number';
}

/** The fields of a streamable trace that follow its points, left out of the key. */
const POINT_FIELDS = new Set(['x', 'y', 'customdata', 'text']);

/**
 * Everything of the figure but its streamable traces' points, as a string; null when an axis has
 * no range of its own. Two figures with the same key differ only in those points.
 */
export function frameKey({ data, layout }: Figure, extra: unknown = null): string | null {
  for (const axis of [layout.xaxis, layout.yaxis]) {
    if (!axis || axis.autorange === true || !Array.isArray(axis.range)) return null;
  }
  const traces = data.map((d) => {
    if (!streamable(d)) return d;
    const t = d as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const k of Object.keys(t)) {
      // A hover template per point follows the points too (semilog's start on a log axis).
      if (POINT_FIELDS.has(k) || (k === 'hovertemplate' && Array.isArray(t[k]))) continue;
      // A marker colour per point (the ends of the paths) follows the points.
      kept[k] = k === 'marker' && Array.isArray((t[k] as Trace['marker'])?.color) ? { ...(t[k] as object), color: null } : t[k];
    }
    return kept;
  });
  return JSON.stringify([traces, layout, extra]);
}

/** A laid-out axis as the live layer maps it: Plotly's type and range (log10 units on a log axis), and its length in pixels. */
export interface AxisView {
  type: string;
  range: readonly [number, number] | readonly number[];
  length: number;
}

/** Data -> pixel along an axis, from its start (x: left; y: top, so flipped). NaN where there is no place (a log axis's non-positive values). */
export function pixelMap(axis: AxisView, flip: boolean): (v: number) => number {
  const [r0, r1] = [Number(axis.range[0]), Number(axis.range[1])];
  const scale = axis.length / (r1 - r0);
  const log = axis.type === 'log';
  return (v) => {
    const u = log ? (v > 0 ? Math.log10(v) : NaN) : v;
    const p = (u - r0) * scale;
    return flip ? axis.length - p : p;
  };
}

/** What the live layer draws of one trace. */
export interface LiveTrace {
  /** The trace's index in the figure's data (Plotly's fullData has the same order). */
  index: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A polyline broken at every non-finite point, or a marker at every finite point. */
  kind: 'line' | 'circle' | 'triangle-down';
  color: string | string[];
  width: number;
  /** Dash pattern in pixels, as Plotly draws it (drawing.dashStyle): [] when solid. */
  dash: number[];
  /** Markers: size (Plotly's: a circle's diameter), and outline. */
  size: number;
  outline?: { width: number; color: string };
}

/** Plotly's dash patterns (its drawing.dashStyle: the unit is the line width, at least 3 px). */
export function dashPattern(dash: string | undefined, width: number): number[] {
  const u = Math.max(width, 3);
  if (dash === 'dot') return [u, u];
  if (dash === 'dash') return [3 * u, 3 * u];
  if (dash === 'longdash') return [5 * u, 5 * u];
  if (dash === 'dashdot') return [3 * u, u, u, u];
  if (dash === 'longdashdot') return [5 * u, 2 * u, u, 2 * u];
  return [];
}

/** The streamable traces of a figure, as the live layer draws them. */
export function liveTraces({ data }: Figure): LiveTrace[] {
  const out: LiveTrace[] = [];
  data.forEach((d, index) => {
    if (!streamable(d)) return;
    const t = d as Trace;
    const x = t.x ?? [];
    const y = t.y ?? [];
    if (t.mode === 'lines') {
      const width = t.line?.width ?? 2;
      out.push({ index, x, y, kind: 'line', color: t.line?.color ?? '#000', width, dash: dashPattern(t.line?.dash, width), size: 0 });
    } else {
      const m = t.marker!;
      out.push({ index, x, y, kind: m.symbol === 'triangle-down' ? 'triangle-down' : 'circle', color: m.color ?? '#000', width: 0, dash: [], size: m.size ?? 6, outline: m.line?.width ? { width: m.line.width, color: m.line.color ?? '#000' } : undefined });
    }
  });
  return out;
}
