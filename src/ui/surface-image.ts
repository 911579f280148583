/** The loss surface's image as a PNG data: URL (rasterized once per surface: charts/surface-raster.ts). */
import type { Surface, SurfaceImage } from '../charts/contour';
import { rasterizeSurface } from '../charts/surface-raster';

const encoded = new WeakMap<Surface, SurfaceImage>();

export function surfaceImage(surface: Surface): SurfaceImage {
  const known = encoded.get(surface);
  if (known) return known;
  const { width, height, rgba, zmin, zmax } = rasterizeSurface(surface);
  const canvas = document.createElement('canvas');
  Object.assign(canvas, { width, height });
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  const image = { source: canvas.toDataURL('image/png'), zmin, zmax };
  encoded.set(surface, image);
  return image;
}
