import { describe, expect, test } from 'vitest';
import { createRandom } from './random';

describe('seeded random (mulberry32)', () => {
  test('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [...Array.from({ length: 50 }, () => r.uniform(-2, 2)), ...Array.from({ length: 50 }, () => r.normal())];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  test('uniform stays in [lo, hi) and fills it', () => {
    const r = createRandom(1);
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform(-2, 2);
      if (!(u >= -2 && u < 2)) outside++;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      sum += u;
    }
    expect(outside).toBe(0);
    // With 1e5 draws the extremes are within 1e-3 of the ends (expected gap 4e-5).
    expect(lo).toBeLessThan(-2 + 1e-3);
    expect(hi).toBeGreaterThan(2 - 1e-3);
    // Mean 0, standard error 4 / sqrt(12 n) = 3.7e-3: 0.02 is over 5 standard errors.
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
  });

  test('100k normals have mean 0 and variance 1', () => {
    const r = createRandom(12345);
    const n = 100_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      if (!Number.isFinite(z)) nonFinite++;
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(nonFinite).toBe(0);
    const mean = s1 / n;
    const variance = s2 / n - mean * mean;
    // Standard errors: mean 1/sqrt(n) = 3.2e-3, variance sqrt(2/n) = 4.5e-3, fourth moment
    // sqrt(96/n) = 0.031. Tolerances are about 5 standard errors.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.023);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.16);
  });
});
