/**
 * The one scheduler of every figure's redraws (plotly-figure.tsx). A figure whose data changed is
 * marked dirty; rounds redraw the dirty ones, however many batches arrived in between (coalesced),
 * one figure per task so that clicks and frames get in between. Rules:
 *
 * - A figure on screen is redrawn every round. One off screen waits
 *   until it scrolls into view, or at most OFFSCREEN_MS: a full Plotly redraw costs 15-250 ms of
 *   main thread, and ten charts in a long page cannot all be redrawn at 10 Hz on one core, while
 *   the few the reader sees can. The data are never held back (the table, CSV and log have every
 *   step); only drawing waits.
 * - After a round that cost C ms the next waits redrawPause(C) (charts/theme.ts), so the charts
 *   take at most about half the main thread; rounds of live frames (1-6 ms a chart) come with
 *   every batch shown.
 * - Each redraw is a user-timing measure named `redraw <chart>`: `npm run bench -- --charts`
 *   reads them, and a performance trace shows them.
 */
import { redrawPause } from '../charts/theme';

export interface Drawable {
  /** The figure's data-chart name. */
  chart: string;
  /** Draws the figure as it is now; a promise when the drawing finishes later (Plotly loading). */
  draw(): Promise<void> | void;
}

/** An off-screen figure is redrawn at most this often. */
export const OFFSCREEN_MS = 1000;

const dirty = new Set<Drawable>();
const onScreen = new WeakSet<Drawable>();
const lastDrawn = new WeakMap<Drawable, number>();
let timer = 0;
let lastRoundEnd = -Infinity;
let lastRoundCost = 0;

export function markDirty(d: Drawable) {
  dirty.add(d);
  arm();
}

/** A figure leaving the page: nothing of it is drawn again. */
export function forget(d: Drawable) {
  dirty.delete(d);
}

/** Drawn now, outside the rounds (an export, a "Fit" click): it is no longer dirty. */
export function drawNow(d: Drawable): Promise<void> | void {
  dirty.delete(d);
  return measured(d);
}

/** Called by the figure's IntersectionObserver: a dirty figure coming into view is drawn at the next round. */
export function setOnScreen(d: Drawable, visible: boolean) {
  if (visible) onScreen.add(d);
  else onScreen.delete(d);
  if (visible && dirty.has(d)) arm();
}

/** Whether a dirty figure is drawn in a round starting at `now`. */
const due = (d: Drawable, now: number) => onScreen.has(d) || now - (lastDrawn.get(d) ?? -Infinity) >= OFFSCREEN_MS;

/** Sets the next round's timer, paced after the last round, unless one is set or nothing waits. */
function arm() {
  if (timer || !dirty.size) return;
  const now = performance.now();
  const soonest = Math.min(...[...dirty].map((d) => (due(d, now) ? 0 : (lastDrawn.get(d) ?? 0) + OFFSCREEN_MS - now)));
  const wait = Math.max(soonest, redrawPause(lastRoundCost) - (now - lastRoundEnd), 0);
  timer = window.setTimeout(round, wait);
}

function measured(d: Drawable): Promise<void> | void {
  const start = performance.now();
  lastDrawn.set(d, start);
  try {
    const pending = d.draw();
    return pending?.catch((e: unknown) => console.error(e));
  } catch (e) {
    console.error(e); // one chart's failure does not stop the others
  } finally {
    performance.measure(`redraw ${d.chart}`, { start });
  }
}

/** One round: the figures due when it starts, one per task. A figure made dirty during the round waits for the next. */
function round() {
  const now = performance.now();
  const todo = [...dirty].filter((d) => due(d, now));
  for (const d of todo) dirty.delete(d);
  let cost = 0;
  const next = () => {
    const d = todo.shift();
    if (!d) {
      timer = 0;
      lastRoundEnd = performance.now();
      lastRoundCost = cost;
      arm();
      return;
    }
    const start = performance.now();
    void measured(d);
    cost += performance.now() - start;
    timer = window.setTimeout(next, 0);
  };
  next();
}
