/**
 * Test-only assertions that engine values (float32, mostly) are close to a float64 reference, with
 * the tolerance scaled the way the tests state it.
 */
import { expect } from 'vitest';
import { maxAbs } from './float64';

/** Every |actual_k - expected_k| <= tol * max_k |expected_k|. */
export function expectCloseToMax(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = maxAbs(expected);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  expect(worst / scale, what).toBeLessThanOrEqual(tol);
}

/** |actual - expected| <= tol * max(1, |expected|): relative for large values, absolute near 0. */
export function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}
