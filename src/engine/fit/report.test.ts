/**
 * fitReport's algebra on Jacobians built here, where the answer is known exactly: redundant
 * columns give an undetermined subspace of known dimension and span; a parameter outside it keeps
 * its standard error, that of the model without the redundancy; an exact fit has zero standard
 * errors and finite correlations. (The report against certified values: nist-certification.test.ts;
 * against closed forms through a fit problem: problems/reader-problems.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { createRandom } from '../random';
import { fitReport } from './report';

/** An m x n row-major Jacobian from its columns. */
function fromColumns(columns: number[][]): Float64Array {
  const m = columns[0].length;
  const n = columns.length;
  const J = new Float64Array(m * n);
  columns.forEach((c, k) => c.forEach((v, i) => (J[i * n + k] = v)));
  return J;
}

const random = createRandom(7);
const column = (m: number) => Array.from({ length: m }, () => random.normal());
const M = 12;
const [c1, c2, c4] = [column(M), column(M), column(M)];
const r = column(M).map((v) => 0.1 * v);

/** |J v| / (|J|_F |v|) for a row-major m x n J. */
function nullness(J: Float64Array, v: number[]): number {
  const n = v.length;
  const m = J.length / n;
  let Jv = 0;
  for (let i = 0; i < m; i++) Jv += v.reduce((s, vk, k) => s + J[i * n + k] * vk, 0) ** 2;
  return Math.sqrt(Jv) / Math.hypot(...J) / Math.hypot(...v);
}

describe('fitReport', () => {
  test("a redundant parameter (J's third column is twice its first): a 1-dimensional subspace along (2, 0, -1) / sqrt 5; b determined, with the reduced model's standard error (1e-12)", () => {
    const names = ['a', 'b', 'c'];
    const J = fromColumns([c1, c2, c1.map((v) => 2 * v)]);
    const report = fitReport(names, [1, 2, 3], r, J);
    expect(report.covariance).toBeNull();
    expect(report.stdErrors).toBeNull();
    expect(report.conditionNumber).toBeGreaterThan(1e20);
    const subspace = report.undeterminedSubspace!;
    expect(subspace.dimension).toBe(1);
    const expected = [2 / Math.sqrt(5), 0, -1 / Math.sqrt(5)];
    subspace.basis[0].forEach((u, k) => expect(Math.abs(u - expected[k])).toBeLessThan(1e-12));
    expect(report.undetermined).toEqual(subspace.basis[0]);
    expect(subspace.determined).toEqual([false, true, false]);
    // The model without c: J = [c1, c2], the same RSS and the same rank, so the same s^2 = RSS / (m - 2).
    const reduced = fitReport(['a', 'b'], [1, 2], r, fromColumns([c1, c2]));
    expect(Math.abs(subspace.stdErrors[1]! / reduced.stdErrors![1] - 1)).toBeLessThan(1e-12);
    expect(subspace.stdErrors[0]).toBeNull();
    expect(subspace.stdErrors[2]).toBeNull();
  });

  test('two redundancies among five parameters: dimension 2, an orthonormal basis of J null space (1e-14), weakest first; the free parameter determined', () => {
    // c3 = c1 + c2 and c5 = 3 c1 - c2: null vectors (1, 1, -1, 0, 0) and (3, -1, 0, 0, -1); c4 is free.
    const J = fromColumns([c1, c2, c1.map((v, i) => v + c2[i]), c4, c1.map((v, i) => 3 * v - c2[i])]);
    const report = fitReport(['p1', 'p2', 'p3', 'p4', 'p5'], [1, 1, 1, 1, 1], r, J);
    const { dimension, basis, determined, stdErrors } = report.undeterminedSubspace!;
    expect(dimension).toBe(2);
    expect(basis).toHaveLength(2);
    for (let a = 0; a < 2; a++) {
      expect(nullness(J, basis[a])).toBeLessThan(1e-14);
      for (let b = 0; b < 2; b++) expect(Math.abs(basis[a].reduce((s, x, k) => s + x * basis[b][k], 0) - (a === b ? 1 : 0))).toBeLessThan(1e-14);
    }
    // The span: both known null vectors lie in it (their part outside it is rounding).
    for (const v of [
      [1, 1, -1, 0, 0],
      [3, -1, 0, 0, -1],
    ]) {
      const inside = basis.map((b) => b.reduce((s, x, k) => s + x * v[k], 0));
      const outside = v.map((vk, k) => vk - inside.reduce((s, c, a) => s + c * basis[a][k], 0));
      expect(Math.hypot(...outside) / Math.hypot(...v)).toBeLessThan(1e-14);
    }
    expect(report.undetermined).toEqual(basis[0]);
    expect(determined).toEqual([false, false, false, true, false]);
    // p4's standard error: that of the model [c1, c2, c4] (rank 3 both), 1e-12.
    const reduced = fitReport(['p1', 'p2', 'p4'], [1, 1, 1], r, fromColumns([c1, c2, c4]));
    expect(Math.abs(stdErrors[3]! / reduced.stdErrors![2] - 1)).toBeLessThan(1e-12);
  });

  test('fewer observations than parameters (2 x 3): the subspace is J null space, of dimension 1; no standard error without degrees of freedom', () => {
    const J = Float64Array.from([1, 2, 3, 4, 5, 7]);
    const report = fitReport(['a', 'b', 'c'], [0, 0, 0], [0.1, -0.2], J);
    const { dimension, basis, stdErrors } = report.undeterminedSubspace!;
    expect(dimension).toBe(1);
    expect(nullness(J, basis[0])).toBeLessThan(1e-15);
    expect(stdErrors).toEqual([null, null, null]);
    expect(report.dof).toBe(-1);
  });

  test('an exact fit (RSS = 0): zero standard errors, and correlations from (J^T J)^-1, not 0 / 0', () => {
    const J = fromColumns([c1, c2]);
    const report = fitReport(['a', 'b'], [1, 2], new Float64Array(M), J);
    expect(report.stdErrors).toEqual([0, 0]);
    expect(report.covariance!.flat().every((c) => c === 0)).toBe(true);
    const A = [c1, c2].map((u) => [c1, c2].map((v) => u.reduce((s, x, i) => s + x * v[i], 0)));
    // The correlation of (J^T J)^-1 = [[A11, -A01], [-A01, A00]] / det.
    const rho = -A[0][1] / Math.sqrt(A[0][0] * A[1][1]);
    expect(Math.abs(report.correlation![0][1] - rho)).toBeLessThan(1e-14);
    expect(report.undeterminedSubspace).toBeNull();
  });

  test('absolute sigma: a determined parameter of a singular fit gets the unscaled standard error', () => {
    const J = fromColumns([c1, c2, c1.map((v) => -v)]);
    const report = fitReport(['a', 'b', 'c'], [1, 2, 3], r, J, { absoluteSigma: true });
    const reduced = fitReport(['a', 'b'], [1, 2], r, fromColumns([c1, c2]), { absoluteSigma: true });
    expect(Math.abs(report.undeterminedSubspace!.stdErrors[1]! / reduced.stdErrors![1] - 1)).toBeLessThan(1e-12);
  });
});
