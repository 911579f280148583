/**
 * symmetricEigen against matrices of known spectrum: A = Q diag(lambda) Q^T with Q a product of n
 * seeded Householder reflections (orthogonal to rounding), lambda drawn with spreads up to 1e10,
 * repeated values and zeros. Forming A in float64 already moves its eigenvalues by about
 * n eps |A| (2e-14 of |A| at n = 100); a backward-stable solver adds as much again. So 1e-10 of
 * the largest |lambda| is a bound with four orders of margin, and small eigenvalues of a spread
 * spectrum are only claimed to that absolute accuracy, as a backward-stable method can give.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createRandom } from '../random';
import { symmetricEigen } from './eigen';

/** Q = H_1 ... H_n, H_k = I - 2 u u^T / u^T u with u standard normal: row-major n x n. */
function randomOrthogonal(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (let k = 0; k < n; k++) {
    const u = Float64Array.from({ length: n }, () => random.normal());
    const uu = u.reduce((s, x) => s + x * x, 0);
    // Q <- Q H: each row q becomes q - 2 (q . u / u . u) u.
    for (let i = 0; i < n; i++) {
      let qu = 0;
      for (let j = 0; j < n; j++) qu += Q[i * n + j] * u[j];
      const f = (2 * qu) / uu;
      for (let j = 0; j < n; j++) Q[i * n + j] -= f * u[j];
    }
  }
  return Q;
}

/** Q diag(lambda) Q^T, row-major. */
function withSpectrum(Q: Float64Array, lambda: number[]): Float64Array {
  const n = lambda.length;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
      A[i * n + j] = A[j * n + i] = s;
    }
  }
  return A;
}

const KINDS = ['uniform', 'spread 1e10', 'repeated', 'zeros', 'semidefinite, rank n/2'] as const;

/** n eigenvalues of the given kind, times 10^exponent. */
function spectrum(kind: (typeof KINDS)[number], n: number, seed: number, exponent: number): number[] {
  const random = createRandom(seed + 1);
  const scale = 10 ** exponent;
  const signed = () => (random.next() < 0.5 ? -1 : 1);
  const values = Array.from({ length: n }, (_, k) => {
    switch (kind) {
      case 'uniform':
        return random.uniform(-1, 1);
      case 'spread 1e10':
        // |lambda| from 1e-10 to 1 (both ends present), either sign.
        return signed() * (k === 0 ? 1 : k === 1 ? 1e-10 : 10 ** random.uniform(-10, 0));
      case 'repeated':
        return [-2, 0.5, 0.5, 3][k % 4];
      case 'zeros':
        return k % 3 === 0 ? random.uniform(-1, 1) : 0;
      case 'semidefinite, rank n/2':
        return k < n / 2 ? 10 ** random.uniform(-4, 0) : 0;
    }
  });
  return values.map((v) => v * scale);
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => Math.max(s, Math.abs(x)), 0);

describe('symmetricEigen on Q diag(lambda) Q^T', () => {
  test.prop([fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(...KINDS), fc.integer({ min: -6, max: 6 })], { numRuns: 60 })(
    'eigenvalues to 1e-10 of the largest |lambda|; V^T V = I and A V = V diag(values) to 1e-10 (times |A|)',
    (n, seed, kind, exponent) => {
      const lambda = spectrum(kind, n, seed, exponent);
      const A = withSpectrum(randomOrthogonal(n, seed), lambda);
      const { values, vectors: V } = symmetricEigen(A, n);
      const norm = maxAbs(lambda);
      const sorted = [...lambda].sort((a, b) => a - b);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      let worst = 0;
      for (let k = 0; k < n; k++) worst = Math.max(worst, Math.abs(values[k] - sorted[k]));
      expect(worst, 'eigenvalues').toBeLessThanOrEqual(1e-10 * norm);
      let orthogonality = 0;
      let residual = 0;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          // (V^T V)_ab and (A V - V diag(values))_ab.
          let vv = 0;
          let av = 0;
          for (let i = 0; i < n; i++) {
            vv += V[i * n + a] * V[i * n + b];
            av += A[a * n + i] * V[i * n + b];
          }
          orthogonality = Math.max(orthogonality, Math.abs(vv - (a === b ? 1 : 0)));
          residual = Math.max(residual, Math.abs(av - V[a * n + b] * values[b]));
        }
      }
      expect(orthogonality, 'V^T V - I').toBeLessThanOrEqual(1e-10);
      expect(residual, 'A V - V diag(values)').toBeLessThanOrEqual(1e-10 * norm);
    },
  );
});

describe('symmetricEigen: small cases', () => {
  test('[[2, 1], [1, 2]]: 1 and 3, eigenvectors (1, -1) / sqrt 2 and (1, 1) / sqrt 2 up to sign (1e-15)', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 15);
    expect(values[1]).toBeCloseTo(3, 15);
    const s = Math.SQRT1_2;
    expect(Math.abs(vectors[0] * vectors[2])).toBeCloseTo(s * s, 15);
    expect(vectors[0] * vectors[2]).toBeLessThan(0);
    expect(vectors[1] * vectors[3]).toBeCloseTo(0.5, 15);
  });

  test('an unsymmetric input is read as its symmetric part: [[1, 2], [0, 1]] has the spectrum {0, 2} of [[1, 1], [1, 1]]', () => {
    const { values } = symmetricEigen([1, 2, 0, 1], 2);
    expect(Math.abs(values[0])).toBeLessThanOrEqual(1e-15);
    expect(values[1]).toBeCloseTo(2, 15);
  });

  test('a diagonal matrix: its entries sorted, with unit vectors permuted accordingly (exactly)', () => {
    const { values, vectors } = symmetricEigen([3, 0, 0, 0, -1, 0, 0, 0, 2], 3);
    expect(Array.from(values)).toEqual([-1, 2, 3]);
    expect(Array.from(vectors, Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  test('the zero matrix has only zero eigenvalues; n = 0 gives empty arrays', () => {
    expect(Array.from(symmetricEigen(new Float64Array(16), 4).values)).toEqual([0, 0, 0, 0]);
    const empty = symmetricEigen([], 0);
    expect([empty.values.length, empty.vectors.length]).toEqual([0, 0]);
  });

  test('a non-finite entry gives NaN values and vectors; a wrong length throws', () => {
    const { values, vectors } = symmetricEigen([1, NaN, NaN, 1], 2);
    expect(Array.from(values).every(Number.isNaN)).toBe(true);
    expect(Array.from(vectors).every(Number.isNaN)).toBe(true);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/2 x 2/);
  });
});
