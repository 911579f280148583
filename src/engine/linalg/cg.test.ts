import { describe, expect, test } from 'vitest';
import { conjugateGradient, denseOperator } from './cg';

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
});
