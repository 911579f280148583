/**
 * Lanczos against symmetricEigen on dense random symmetric matrices (GOE: symmetric with standard
 * normal entries, whose semicircle spectrum has no gaps at the edges to help convergence). Run to
 * n steps it reproduces the whole spectrum; well short of n the extreme Ritz values converge first,
 * and every reported Ritz pair obeys the bound that makes its residual worth reporting: for
 * symmetric A some eigenvalue lies within |A y - theta y| of theta.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createRandom } from '../random';
import { denseOperator } from './cg';
import { symmetricEigen } from './eigen';
import { lanczos } from './lanczos';

/** Symmetric, entries standard normal (row-major n x n). */
function goe(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = random.normal();
  return A;
}

/** Q diag(lambda) Q^T with Q = I - 2 u u^T / u^T u for a seeded normal u. */
function reflected(lambda: number[], seed: number): Float64Array {
  const n = lambda.length;
  const random = createRandom(seed);
  const u = Array.from({ length: n }, () => random.normal());
  const uu = u.reduce((s, x) => s + x * x, 0);
  const Q = (i: number, k: number) => (i === k ? 1 : 0) - (2 * u[i] * u[k]) / uu;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) A[i * n + j] += Q(i, k) * lambda[k] * Q(j, k);
  return A;
}

const largestAbs = (values: Float64Array) => Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));

describe('lanczos on dense symmetric matrices', () => {
  // Measured: at most 7e-15 of the largest |lambda| for n = 20 to 100.
  test.prop([fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 2 ** 31 })], { numRuns: 30 })(
    'with iterations = n every Ritz value is an eigenvalue, to 1e-8 of the largest |lambda|',
    (n, seed) => {
      const A = goe(n, seed);
      const exact = symmetricEigen(A, n).values;
      const r = lanczos(denseOperator(A, n), n, { seed });
      expect(r.iterations).toBe(n);
      expect(r.breakdown).toBe(false);
      for (let i = 0; i < n; i++) expect(Math.abs(r.values[i] - exact[i])).toBeLessThanOrEqual(1e-8 * largestAbs(exact));
    },
  );

  // GOE at n = 100 with 50 steps, seeds 1-20 (measured): extreme Ritz values within 3.3e-14 of
  // the largest |lambda|, second ones within 1.6e-12, extreme residuals up to 1.5e-7 of it (the
  // value's error goes as residual^2 / gap). 25 steps are too few: errors up to 2e-2.
  test.each([1, 2, 3, 4, 5])('seed %d, n = 100, 50 iterations: the extreme eigenvalues to 1e-10, second ones to 1e-8', (seed) => {
    const n = 100;
    const A = goe(n, seed);
    const exact = symmetricEigen(A, n).values;
    const top = largestAbs(exact);
    const r = lanczos(denseOperator(A, n), 50, { k: 5, seed });
    expect(r.iterations).toBe(50);
    expect(r.values).toHaveLength(50);
    expect(Math.abs(r.smallest[0].value - exact[0]) / top).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(r.largest[0].value - exact[n - 1]) / top).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(r.smallest[1].value - exact[1]) / top).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(r.largest[1].value - exact[n - 2]) / top).toBeLessThanOrEqual(1e-8);
    expect(r.smallest[0].residual / top).toBeLessThanOrEqual(1e-5);
    expect(r.largest[0].residual / top).toBeLessThanOrEqual(1e-5);
    // Ritz values are the extremes of T's spectrum, in the stated order, inside A's.
    expect(r.smallest.map((p) => p.value)).toEqual(Array.from(r.values.slice(0, 5)));
    expect(r.largest.map((p) => p.value)).toEqual(Array.from(r.values.slice(45)).reverse());
    expect(r.values[0]).toBeGreaterThanOrEqual(exact[0] - 1e-12 * top);
    expect(r.values[49]).toBeLessThanOrEqual(exact[n - 1] + 1e-12 * top);
    for (const p of [...r.smallest, ...r.largest]) {
      // Converged or not, an eigenvalue lies within the residual (plus rounding, 1e-12 |A|); the
      // Ritz vector is a unit vector (1e-12).
      const distance = Math.min(...Array.from(exact, (lambda) => Math.abs(lambda - p.value)));
      expect(distance).toBeLessThanOrEqual(p.residual + 1e-12 * top);
      expect(Math.abs(Math.hypot(...p.vector) - 1)).toBeLessThanOrEqual(1e-12);
    }
  });

  test('breakdown: 3 distinct eigenvalues (-1, 2, 5, each ~17 times in 50) end it after 3 steps, exact to 1e-13', () => {
    // The Krylov space of any start is spanned by its components in the 3 eigenspaces: beta_3 is
    // rounding (measured residuals 3e-15 to 8e-15).
    const lambda = Array.from({ length: 50 }, (_, k) => [-1, 2, 5][k % 3]);
    const r = lanczos(denseOperator(reflected(lambda, 4), 50), 20, { k: 2 });
    expect(r.breakdown).toBe(true);
    expect(r.iterations).toBe(3);
    [-1, 2, 5].forEach((lambda, i) => expect(Math.abs(r.values[i] - lambda)).toBeLessThanOrEqual(1e-13));
    for (const p of [...r.smallest, ...r.largest]) expect(p.residual).toBeLessThanOrEqual(1e-13);
  });

  test('iterations are capped at the dimension; k at the number of Ritz values; the same seed gives the same values', () => {
    const A = goe(5, 3);
    const r = lanczos(denseOperator(A, 5), 20, { k: 9, seed: 2 });
    expect(r.iterations).toBe(5);
    expect(r.smallest).toHaveLength(5);
    expect(r.largest).toHaveLength(5);
    expect(lanczos(denseOperator(A, 5), 3, { seed: 7 }).values).toEqual(lanczos(denseOperator(A, 5), 3, { seed: 7 }).values);
    expect(lanczos(denseOperator(A, 5), 0).values).toHaveLength(0);
  });
});
