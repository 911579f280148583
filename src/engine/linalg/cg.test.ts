import { describe, expect, test } from 'vitest';
import { conjugateGradient, denseOperator } from './cg';
import { addDiagonal, solveLU } from './dense';

describe('conjugate gradient', () => {
  // Seed 004 / NOTEBOOK chapter 6: f = x^3 + 2xy + y^2 - x at (1, 1) has H = [[6, 2], [2, 2]] and
  // H^-1 (16, 12) = (1, 5). CG is exact in n = 2 iterations up to float64 round-off (1e-12).
  test('solves the seed-004 2 x 2 system in two iterations', () => {
    const { x, iterations } = conjugateGradient(denseOperator([6, 2, 2, 2], 2), Float64Array.from([16, 12]), 10);
    expect(iterations).toBe(2);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(5, 12);
  });

  // The 3-variable example, + z^2 at (3, 1, 5): H = [[18, 2, 0], [2, 2, 0], [0, 0, 2]], g = (3, 12, 6),
  // H^-1 g = (-0.5625, 6.5625, 3); with damping 1e-3 and 10 iterations CG lands within 1e-2.
  test('the seed-004 3 x 3 example, exact and damped', () => {
    const H = [18, 2, 0, 2, 2, 0, 0, 0, 2];
    const g = Float64Array.from([3, 12, 6]);
    const exact = conjugateGradient(denseOperator(H, 3), g, 10).x;
    [-0.5625, 6.5625, 3].forEach((v, i) => expect(exact[i]).toBeCloseTo(v, 10));
    const damped = conjugateGradient(denseOperator(H, 3, 1e-3), g, 10).x;
    [-0.5625, 6.5625, 3].forEach((v, i) => expect(Math.abs(damped[i] - v)).toBeLessThan(1e-2));
  });

  test('from zero on a singular consistent system it finds the minimum-norm solution', () => {
    // A = [[1, 1], [1, 1]], b = (2, 2): solutions x1 + x2 = 2; minimum norm (1, 1).
    const { x } = conjugateGradient(denseOperator([1, 1, 1, 1], 2), Float64Array.from([2, 2]), 10);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(1, 12);
  });

  test('stops on negative curvature, returning b (steepest descent) when it happens at once', () => {
    const r = conjugateGradient(denseOperator([-1, 0, 0, 2], 2), Float64Array.from([1, 0]), 10);
    expect(r.negativeCurvature).toBe(true);
    expect(Array.from(r.x)).toEqual([1, 0]);
  });

  // The seed ran 10 iterations on H + 1e-3 I and printed (-0.56205505, 6.5587754, 2.9985006), from
  // float32. In float64 CG stops after 3 (three distinct eigenvalues) on the dense damped solution,
  // to 1e-12; the seed's float32 digits are 1.8e-7 relative from it (their own rounding), so 5e-7.
  test('the seed-004 damped system: the dense damped solution, and the seed printed digits to float32 precision', () => {
    const H = [18, 2, 0, 2, 2, 0, 0, 0, 2];
    const g = Float64Array.from([3, 12, 6]);
    const r = conjugateGradient(denseOperator(H, 3, 1e-3), g, 10);
    expect(r.iterations).toBe(3);
    const exact = solveLU(addDiagonal(H, 1e-3, 3), g, 3) as Float64Array;
    exact.forEach((v, i) => expect(Math.abs(r.x[i] - v)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))));
    [-0.56205505, 6.5587754, 2.9985006].forEach((v, i) => expect(Math.abs(r.x[i] - v) / Math.abs(v)).toBeLessThan(5e-7));
  });
});

describe('conjugate gradient: the per-iteration observer', () => {
  const H = [4, 1, 0, 1, 3, 1, 0, 1, 2];
  const b = Float64Array.from([1, -2, 3]);

  test('sees iterations 1..k with x_k and r_k = b - A x_k (1e-12 of |b|), the last x_k being the answer; the answer is the same without it', () => {
    const seen: { k: number; x: number[]; r: number[] }[] = [];
    const A = denseOperator(H, 3);
    const observed = conjugateGradient(A, b, 10, 1e-10, { onIteration: (k, x, r) => seen.push({ k, x: Array.from(x), r: Array.from(r) }) });
    const plain = conjugateGradient(A, b, 10);
    expect(Array.from(observed.x)).toEqual(Array.from(plain.x));
    expect(observed.iterations).toBe(plain.iterations);
    expect(seen.map((s) => s.k)).toEqual(Array.from({ length: plain.iterations }, (_, i) => i + 1));
    expect(seen[seen.length - 1].x).toEqual(Array.from(plain.x));
    const bNorm = Math.hypot(...b);
    for (const { x, r } of seen) {
      const Ax = A.apply(Float64Array.from(x));
      r.forEach((ri, i) => expect(Math.abs(ri - (b[i] - Ax[i]))).toBeLessThan(1e-12 * bNorm));
    }
  });

  test('with a tolerance of 0 it runs every iteration asked for, short of an exact zero residual', () => {
    const ks: number[] = [];
    conjugateGradient(denseOperator(H, 3), b, 2, 0, { onIteration: (k) => ks.push(k) });
    expect(ks).toEqual([1, 2]);
  });

  test('is not called for the iteration that stops on negative curvature', () => {
    const ks: number[] = [];
    // diag(2, -0.1): g's direction curves up, the next (H-conjugate to it) down.
    const r = conjugateGradient(denseOperator([2, 0, 0, -0.1], 2), Float64Array.from([1, 0.1]), 10, 1e-10, { onIteration: (k) => ks.push(k) });
    expect(r).toMatchObject({ negativeCurvature: true, iterations: 1 });
    expect(ks).toEqual([1]);
    const atOnce: number[] = [];
    conjugateGradient(denseOperator([-1, 0, 0, 2], 2), Float64Array.from([1, 0]), 10, 1e-10, { onIteration: (k) => atOnce.push(k) });
    expect(atOnce).toEqual([]);
  });
});
