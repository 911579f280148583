/**
 * The loss surface as an image: log10 of the loss, bilinear between the grid's points, in
 * SURFACE_LEVELS equal bands coloured on reversed Viridis (low loss bright), with a light line
 * where two bands meet. Drawn once per surface and placed under the paths as a layout image, it
 * costs a redraw nothing; a Plotly contour trace is recomputed on every redraw of its chart
 * (about 20 ms of each, measured with scratch figures in headless Chromium), and the paths are
 * redrawn many times a second while runs stream.
 */
import type { Surface } from './contour';

export const SURFACE_LEVELS = 24;

/** Plotly's Viridis, as its colorscale stops. */
export const VIRIDIS: readonly (readonly [number, string])[] = [
  [0, '#440154'], [0.06274509803921569, '#48186a'], [0.12549019607843137, '#472d7b'], [0.18823529411764706, '#424086'],
  [0.25098039215686274, '#3b528b'], [0.3137254901960784, '#33638d'], [0.3764705882352941, '#2c728e'], [0.4392156862745098, '#26828e'],
  [0.5019607843137255, '#21918c'], [0.5647058823529412, '#1fa088'], [0.6274509803921569, '#28ae80'], [0.6901960784313725, '#3fbc73'],
  [0.7529411764705882, '#5ec962'], [0.8156862745098039, '#84d44b'], [0.8784313725490196, '#addc30'], [0.9411764705882353, '#d8e219'],
  [1, '#fde725'],
];

const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));

/** The colour at t in [0, 1] on a colorscale, linear between its stops. */
export function colorAt(scale: readonly (readonly [number, string])[], t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, t));
  let k = 1;
  while (k < scale.length - 1 && scale[k][0] < u) k++;
  const [t0, c0] = scale[k - 1];
  const [t1, c1] = scale[k];
  const f = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
  const [a, b] = [rgb(c0), rgb(c1)];
  return [0, 1, 2].map((i) => Math.round(a[i] + f * (b[i] - a[i]))) as [number, number, number];
}

export interface SurfaceRaster {
  width: number;
  height: number;
  /** Row-major RGBA, the first row at the top (the largest y). */
  rgba: Uint8ClampedArray;
  /** The range of log10 loss the bands cover (the colour bar's). */
  zmin: number;
  zmax: number;
}

/** The surface's image, `width` x `height` pixels over the grid's extent. Non-finite losses are transparent. */
export function rasterizeSurface(s: Surface, width = 480, height = 480): SurfaceRaster {
  const nx = s.x.length;
  const ny = s.y.length;
  const lz = Float64Array.from(s.z, (v) => Math.log10(Math.max(v, 1e-300)));
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const v of lz) {
    if (Number.isFinite(v)) {
      zmin = Math.min(zmin, v);
      zmax = Math.max(zmax, v);
    }
  }
  const span = zmax > zmin ? zmax - zmin : 1;
  const colors = Array.from({ length: SURFACE_LEVELS }, (_, b) => colorAt(VIRIDIS, 1 - (b + 0.5) / SURFACE_LEVELS));
  const band = new Int16Array(width * height).fill(-1);
  for (let py = 0; py < height; py++) {
    const v = (1 - (py + 0.5) / height) * (ny - 1);
    const j = Math.min(Math.max(Math.floor(v), 0), Math.max(ny - 2, 0));
    const fv = ny > 1 ? v - j : 0;
    const j1 = Math.min(j + 1, ny - 1);
    for (let px = 0; px < width; px++) {
      const u = ((px + 0.5) / width) * (nx - 1);
      const i = Math.min(Math.max(Math.floor(u), 0), Math.max(nx - 2, 0));
      const fu = nx > 1 ? u - i : 0;
      const i1 = Math.min(i + 1, nx - 1);
      const value =
        (1 - fv) * ((1 - fu) * lz[j * nx + i] + fu * lz[j * nx + i1]) + fv * ((1 - fu) * lz[j1 * nx + i] + fu * lz[j1 * nx + i1]);
      if (Number.isFinite(value)) band[py * width + px] = Math.min(SURFACE_LEVELS - 1, Math.max(0, Math.floor(((value - zmin) / span) * SURFACE_LEVELS)));
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const b = band[p];
    if (b < 0) continue;
    const [r, g, bl] = colors[b];
    const px = p % width;
    const edge = (px + 1 < width && band[p + 1] >= 0 && band[p + 1] !== b) || (p + width < band.length && band[p + width] >= 0 && band[p + width] !== b);
    // Where two bands meet, half white: the contour line.
    const w = edge ? 0.5 : 1;
    rgba[4 * p] = r * w + 255 * (1 - w);
    rgba[4 * p + 1] = g * w + 255 * (1 - w);
    rgba[4 * p + 2] = bl * w + 255 * (1 - w);
    rgba[4 * p + 3] = 255;
  }
  return { width, height, rgba, zmin, zmax };
}
