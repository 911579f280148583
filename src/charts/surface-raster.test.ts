import { describe, expect, test } from 'vitest';
import { colorAt, rasterizeSurface, SURFACE_LEVELS, VIRIDIS } from './surface-raster';

const pixel = (r: ReturnType<typeof rasterizeSurface>, px: number, py: number) => Array.from(r.rgba.subarray(4 * (py * r.width + px), 4 * (py * r.width + px) + 4));

describe('the surface image', () => {
  test('colour scale: the stops themselves, and linear between them', () => {
    expect(colorAt(VIRIDIS, 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(VIRIDIS, 1)).toEqual([0xfd, 0xe7, 0x25]);
    const [t0, t1] = [VIRIDIS[8][0], VIRIDIS[9][0]];
    // Halfway between #21918c and #1fa088.
    expect(colorAt(VIRIDIS, (t0 + t1) / 2)).toEqual([32, 153, 138]);
    expect(colorAt(VIRIDIS, -1)).toEqual(colorAt(VIRIDIS, 0));
  });

  test('log10 of the loss in 24 equal bands: low loss bright, high dark, a light line at each of the 23 meetings', () => {
    // z = 10^x: log10 z = x runs 0 to 24 across the grid, the same on every row.
    const nx = 25;
    const x = Float64Array.from({ length: nx }, (_, i) => i);
    const y = Float64Array.from([0, 1]);
    const z = Float64Array.from({ length: 2 * nx }, (_, k) => 10 ** (k % nx));
    const r = rasterizeSurface({ x, y, z }, 240, 10);
    expect([r.zmin, r.zmax]).toEqual([0, 24]);
    // Pixel centre px + 0.5 of 240 is x = (px + 0.5) / 10: band floor(x).
    expect(pixel(r, 0, 5)).toEqual([...colorAt(VIRIDIS, 1 - 0.5 / SURFACE_LEVELS), 255]);
    expect(pixel(r, 239, 5)).toEqual([...colorAt(VIRIDIS, 0.5 / SURFACE_LEVELS), 255]);
    expect(pixel(r, 125, 5)).toEqual([...colorAt(VIRIDIS, 1 - 12.5 / SURFACE_LEVELS), 255]);
    // Lines: the last pixel of each band (px = 10 b + 9) is half white; its neighbours are not.
    const light = (px: number) => pixel(r, px, 5)[0] > colorAt(VIRIDIS, 1 - (Math.floor((px + 0.5) / 10) + 0.5) / SURFACE_LEVELS)[0];
    const lines = Array.from({ length: 240 }, (_, px) => px).filter(light);
    expect(lines).toEqual(Array.from({ length: 23 }, (_, b) => 10 * b + 9));
    const [c] = colorAt(VIRIDIS, 1 - 0.5 / SURFACE_LEVELS);
    expect(pixel(r, 9, 5)[0]).toBe(Math.round((c + 255) / 2));
  });

  test('the first row is the top (largest y); a loss that is not a number leaves the pixel transparent', () => {
    const x = Float64Array.from([0, 1]);
    const y = Float64Array.from([0, 1]);
    // Bottom row log10 loss 0, top row 6: a pixel's value is bilinear in its centre's height, so
    // the bottom row of 4 pixels (centre 1/8 of the way up) reads 0.75 and the top row 5.25.
    const r = rasterizeSurface({ x, y, z: Float64Array.from([1, 1, 1e6, 1e6]) }, 4, 4);
    const colour = (value: number) => colorAt(VIRIDIS, 1 - (Math.floor((value / 6) * SURFACE_LEVELS) + 0.5) / SURFACE_LEVELS);
    expect(pixel(r, 0, 3).slice(0, 3)).toEqual(colour(0.75));
    // Every row's band differs from the next one's, so the top row is also a line: half white.
    pixel(r, 0, 0).slice(0, 3).forEach((c, k) => expect(Math.abs(c - (colour(5.25)[k] + 255) / 2)).toBeLessThanOrEqual(0.5));
    // A 3 x 3 grid with its bottom-right loss NaN: the pixels of that cell are transparent, the top-left cell's are not.
    const gap = rasterizeSurface({ x: Float64Array.from([0, 1, 2]), y: Float64Array.from([0, 1, 2]), z: Float64Array.from([1, 1, NaN, 10, 10, 10, 100, 100, 100]) }, 4, 4);
    expect(pixel(gap, 3, 3)[3]).toBe(0);
    expect(pixel(gap, 0, 0)[3]).toBe(255);
  });
});
