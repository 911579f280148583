/**
 * The live layer: a canvas over a Plotly figure's plot area on which the points of streaming runs
 * are drawn between Plotly's redraws (the rules are charts/live-frame.ts). While it shows, the
 * SVG groups of the traces it draws are hidden, so that nothing is drawn twice; Plotly's next
 * full redraw clears it and shows them again. Hover and export read Plotly's data, so the figure
 * settles into a full redraw once the points stop coming (plotly-figure.tsx).
 */
import { pixelMap, type AxisView, type LiveTrace } from '../charts/live-frame';

/** A laid-out axis: its type and range, and where it sits in px within Plotly's element. */
export interface LaidOutAxis extends Omit<AxisView, 'length'> {
  _offset: number;
  _length: number;
}

/** What the layer reads of Plotly's element: the laid-out axes and the traces as shown. */
export interface LivePlot extends HTMLElement {
  _fullLayout?: { xaxis?: LaidOutAxis; yaxis?: LaidOutAxis };
  _fullData?: { uid?: string; visible?: boolean | 'legendonly' }[];
}

/** The SVG group Plotly draws a scatter trace in (class "trace" + its uid), if it has one. */
function traceGroup(el: LivePlot, index: number): SVGGElement | null {
  const uid = el._fullData?.[index]?.uid;
  return uid ? el.querySelector<SVGGElement>(`.scatterlayer .${CSS.escape(`trace${uid}`)}`) : null;
}

/**
 * Draws the traces on the canvas over el's plot area and hides their SVG groups. False when the
 * figure is not laid out (nothing drawn: the caller redraws with Plotly instead).
 */
export function drawLive(el: LivePlot, canvas: HTMLCanvasElement, traces: LiveTrace[]): boolean {
  const xa = el._fullLayout?.xaxis;
  const ya = el._fullLayout?.yaxis;
  const ctx = canvas.getContext('2d');
  if (!xa || !ya || !ctx || !(xa._length > 0) || !(ya._length > 0)) return false;
  const dpr = window.devicePixelRatio || 1;
  const [w, h] = [Math.round(xa._length * dpr), Math.round(ya._length * dpr)];
  // Resizing a canvas clears and reallocates it: only when the plot area changed.
  if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
  Object.assign(canvas.style, { left: `${xa._offset}px`, top: `${ya._offset}px`, width: `${xa._length}px`, height: `${ya._length}px`, display: 'block' });
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, xa._length, ya._length);
  const px = pixelMap({ ...xa, length: xa._length }, false);
  const py = pixelMap({ ...ya, length: ya._length }, true);
  for (const t of traces) {
    const group = traceGroup(el, t.index);
    if (group) group.style.visibility = 'hidden';
    // A trace the reader switched off in the legend stays off.
    if (el._fullData?.[t.index]?.visible !== true) continue;
    if (t.kind === 'line') strokeLine(ctx, t, px, py);
    else fillMarkers(ctx, t, px, py);
  }
  return true;
}

/** Clears the canvas and shows the SVG groups again (Plotly has just drawn every point). */
export function clearLive(el: LivePlot, canvas: HTMLCanvasElement) {
  canvas.style.display = 'none';
  for (const g of el.querySelectorAll<SVGGElement>('.scatterlayer .trace')) g.style.visibility = '';
}

function strokeLine(ctx: CanvasRenderingContext2D, t: LiveTrace, px: (v: number) => number, py: (v: number) => number) {
  ctx.strokeStyle = typeof t.color === 'string' ? t.color : (t.color[0] ?? '#000');
  ctx.lineWidth = t.width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(t.dash);
  ctx.beginPath();
  let open = false;
  for (let i = 0; i < t.x.length; i++) {
    const [x, y] = [px(t.x[i]), py(t.y[i])];
    // A non-finite point is a gap, as in Plotly (connectgaps off).
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      open = false;
      continue;
    }
    if (open) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    open = true;
  }
  ctx.stroke();
}

/**
 * Circles, or triangles pointing down drawn as Plotly draws them (symbol 'triangle-down', r = size
 * / 2). Markers of one colour are one path, filled once: a fill per marker cost 0.4 s of main
 * thread in 8 s with 1,200 zero markers on a chart (the bench's profile).
 */
function fillMarkers(ctx: CanvasRenderingContext2D, t: LiveTrace, px: (v: number) => number, py: (v: number) => number) {
  ctx.setLineDash([]);
  const r = t.size / 2;
  const half = (2 * r) / Math.sqrt(3);
  const shape = (x: number, y: number) => {
    if (t.kind === 'circle') {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    } else {
      ctx.moveTo(x - half, y - r / 2);
      ctx.lineTo(x + half, y - r / 2);
      ctx.lineTo(x, y + r);
      ctx.closePath();
    }
  };
  const paint = (color: string) => {
    ctx.fillStyle = color;
    ctx.fill();
    if (t.outline) {
      ctx.lineWidth = t.outline.width;
      ctx.strokeStyle = t.outline.color;
      ctx.stroke();
    }
  };
  const one = typeof t.color === 'string';
  if (one) ctx.beginPath();
  for (let i = 0; i < t.x.length; i++) {
    const [x, y] = [px(t.x[i]), py(t.y[i])];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (one) shape(x, y);
    else {
      ctx.beginPath();
      shape(x, y);
      paint(t.color[i] ?? '#000');
    }
  }
  if (one) paint(t.color as string);
}
