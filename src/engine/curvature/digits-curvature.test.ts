/**
 * Chapter 6's digits cell: the trained net's Hessian extremes (Lanczos) and one test image's class
 * maps. The pieces are tested against float64 references in spectrum.test.ts and
 * input-jacobian.test.ts; here, that the cell assembles them honestly: the Ritz values it reports
 * are eigenvalue estimates with small residuals, the maps are derivatives of probabilities (each
 * pixel's sum over classes is 0), training moved the net (accuracy well above chance), and nothing
 * leaks.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { DigitsSplit } from '../problems/digits-data';
import { loadSplit } from '../problems/digits.fixture';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { digitsCurvature } from './digits-curvature';

let split: DigitsSplit;
beforeAll(async () => {
  split = await loadSplit(1);
});

describe('the digits cell (wasm)', () => {
  onBackend('wasm');

  test('after 400 steps: converged extreme Ritz values, an honest set of maps, no tensor left', () => {
    const before = tf.memory().numTensors;
    const r = digitsCurvature(split, { seed: 1, steps: 400, image: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.parameters).toBe(2314);
    expect(r.precision).toBe('float32');
    // Training worked: chance is 0.1; helper measurements put 400 steps at ~0.93.
    expect(r.testAccuracy).toBeGreaterThan(0.85);
    // The largest Ritz value is an eigenvalue to float32's resolution: residual below 1e-4 of it.
    const top = r.largest[0];
    expect(top.residual).toBeLessThan(1e-4 * Math.abs(top.value));
    expect(r.largest.map((p) => p.value)).toEqual([...r.largest.map((p) => p.value)].sort((a, b) => b - a));
    expect(r.smallest[0].value).toBeLessThanOrEqual(r.largest[0].value);
    // Probabilities sum to 1; each pixel's derivatives sum to 0 over the classes (float32 rounding).
    expect(r.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
    for (let k = 0; k < 64; k++) expect(Math.abs(r.maps.reduce((s, m) => s + m[k], 0))).toBeLessThan(1e-6);
    // A dropped pixel is NaN in the image and 0 in every map.
    const dropped = Array.from({ length: 64 }, (_, k) => k).filter((k) => !split.kept.includes(k));
    for (const k of dropped) {
      expect(r.image[k]).toBeNaN();
      for (const m of r.maps) expect(m[k]).toBe(0);
    }
    expect(r.label).toBe(split.yTest[0]);
  }, 120_000);

  test('a test image out of range is refused with the range', () => {
    expect(() => digitsCurvature(split, { seed: 1, steps: 0, image: split.yTest.length })).toThrow(`The test image must be a whole number from 0 to ${split.yTest.length - 1}.`);
  });
});
