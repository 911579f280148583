/**
 * Error bars at a least-squares problem's parameters (covariance.ts), against references computed
 * here in float64 without tfjs:
 *   - chapter 1 at (2.5, 2.5) and at a point a run reached: a finite-difference Jacobian of the
 *     float64 residuals, J^T J by hand and its explicit 2 x 2 inverse; H from the hand-written
 *     float64 Hessian (rosenbrock-fit.float64.ts) and its 2 x 2 inverse;
 *   - NIST's Misra1a: the certified standard errors at the certified parameters (the fit itself,
 *     run by LM from NIST's starts, is certified in fit/nist-certification.test.ts);
 *   - chapter 4 (96 parameters): J^T J is singular, rank 60; the undetermined subspace has
 *     dimension 36 and is the model's symmetry W1 -> W1 G, W2 -> G^-1 W2 (G invertible 6 x 6),
 *     whose tangent directions (W1 E, -E W2) it must contain;
 *   - chapter 3 after 100 LM steps: the hand-written float64 Jacobian (net-on-rosenbrock.float64.ts),
 *     J^T J inverted by Gauss-Jordan in float64.
 */
import { describe, expect, test } from 'vitest';
import type { FitDefinition, Hyperparameters } from '../../catalog';
import { loadNist } from '../../data/nist';
import { lre, worstLre } from '../../data/lre';
import { expectCloseToMax } from '../../testing/expect-close';
import { jacobianByDifferences } from '../../testing/float64';
import { runToEnd } from '../../testing/run-to-end';
import { onCpu64 } from '../float64/testing';
import { createFitProblem } from '../problems/fit-model';
import { createNetOnRosenbrock, netOnRosenbrockSetup } from '../problems/net-on-rosenbrock';
import { net64 } from '../problems/net-on-rosenbrock.float64';
import { createRahimiLinearNet, rahimiLinearNetSetup } from '../problems/rahimi-linear-net';
import { createRosenbrockFit } from '../problems/rosenbrock-fit';
import { hessian64, residuals64 } from '../problems/rosenbrock-fit.float64';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { gaussNewtonCovariance, hessianCovariance } from './covariance';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const worstRel = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(b).reduce((w, bk, k) => Math.max(w, rel(a[k], bk)), 0);

/** Gauss-Jordan inverse with partial pivoting, float64 (n x n arrays). */
function inverse(A: number[][]): number[][] {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[pivot][k])) pivot = i;
    [M[k], M[pivot]] = [M[pivot], M[k]];
    const d = M[k][k];
    for (let j = 0; j < 2 * n; j++) M[k][j] /= d;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = M[i][k];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) M[i][j] -= f * M[k][j];
    }
  }
  return M.map((row) => row.slice(n));
}

/** J^T J of a row-major m x n J. */
function normal(J: ArrayLike<number>, m: number, n: number): number[][] {
  const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < m; i++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) A[a][b] += J[i * n + a] * J[i * n + b];
  return A;
}

/** Chapter 1's reference at p: covariance, standard errors, correlation, condition of the scaled J^T J. */
function chapter1Reference(p: number[]) {
  const r = residuals64(p);
  const m = r.length;
  const J = jacobianByDifferences(residuals64, p, 1e-3);
  const A = normal(J, m, 2);
  const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
  const inv = [
    [A[1][1] / det, -A[0][1] / det],
    [-A[1][0] / det, A[0][0] / det],
  ];
  const rss = r.reduce((s, ri) => s + ri * ri, 0);
  const s2 = rss / (m - 2);
  // Scaled to unit diagonal, J^T J is [[1, rho], [rho, 1]]: eigenvalues 1 -/+ |rho|.
  const rho = A[0][1] / Math.sqrt(A[0][0] * A[1][1]);
  const H = hessian64(p);
  const detH = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  // Sigma_H = 2 c s^2 H^-1 with c = 1/m (chapter 1's loss is the mean square).
  const factor = (2 / m) * s2;
  return {
    rss,
    covariance: inv.map((row) => row.map((v) => s2 * v)),
    stdErrors: [Math.sqrt(s2 * inv[0][0]), Math.sqrt(s2 * inv[1][1])],
    correlation: inv[0][1] / Math.sqrt(inv[0][0] * inv[1][1]),
    conditionNumber: (1 + Math.abs(rho)) / (1 - Math.abs(rho)),
    hessianStdErrors: [Math.sqrt((factor * H[1][1]) / detH), Math.sqrt((factor * H[0][0]) / detH)],
    hessianCorrelation: -H[0][1] / Math.sqrt(H[0][0] * H[1][1]),
  };
}

/** Each backend and the tolerance of its results against the float64 references. */
const BACKENDS = [
  // cpu64: float64 throughout; the finite-difference reference (h = 1e-3 on residuals quadratic in
  // a and linear in b) is exact up to rounding, ~1e-13 (measured 5e-13 worst, the covariance).
  ['cpu64', 'float64', 1e-11],
  // float32: residuals and J rounded to float32 (relative 6e-8 per entry): the RSS is off by 8e-7
  // relative at the run's point, the covariance with it (measured 8.1e-7 on cpu and wasm).
  ['cpu', 'float32', 1e-5],
  ['wasm', 'float32', 1e-5],
] as const;

describe.each(BACKENDS)('chapter 1 on %s (%s)', (backend, precision, tol) => {
  if (backend === 'cpu64') onCpu64();
  else onBackend(backend);

  test('at the solution (2.5, 2.5): RSS 0, standard errors 0, the correlation and condition of (J^T J)^-1 (1e-11 relative); with sigma absolute, 2 c H^-1 = (J^T J)^-1', () => {
    const problem = createRosenbrockFit();
    const before = tf.memory().numTensors;
    const report = gaussNewtonCovariance(problem, [2.5, 2.5]);
    const ref = chapter1Reference([2.5, 2.5]);
    expect(report.names).toEqual(['p0', 'p1']);
    // The data are Rosenbrock's own values at small grid points: every residual is exactly 0 in
    // either precision (measured), so s^2 = 0 and the error bars vanish.
    expect(report.rss).toBe(0);
    expect(report.stdErrors).toEqual([0, 0]);
    expect(report.dof).toBe(7);
    // Measured: -0.59498517910378 against the reference's -0.59498517910364; condition 3.93809.
    expect(rel(report.correlation![0][1], ref.correlation)).toBeLessThan(1e-11);
    expect(rel(report.conditionNumber, ref.conditionNumber)).toBeLessThan(1e-11);
    // With sigma absolute, 2 c H^-1 (c = 1/9) is (J^T J)^-1 where the residuals vanish: the
    // factor of the Hessian's convention, checked.
    const absolute = gaussNewtonCovariance(problem, [2.5, 2.5], { absoluteSigma: true });
    const laplace = hessianCovariance(problem, [2.5, 2.5], { absoluteSigma: true });
    if (!laplace.covariance) throw new Error(laplace.reason);
    expect(worstRel(laplace.covariance.flat(), absolute.covariance!.flat())).toBeLessThan(backend === 'cpu64' ? 1e-12 : 1e-6);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });

  test(`after one Gauss-Newton step from (-1, 1): covariance, standard errors, correlation and condition equal the float64 reference (${tol}); so does 2 c s^2 H^-1`, () => {
    const { records } = runToEnd({ problem: 'rosenbrock-fit', optimizer: 'gauss-newton', hp: { lr: 1, damping: 0 } as Hyperparameters, start: [-1, 1], maxSteps: 3, targetLoss: -Infinity, precision });
    // (1.5411, 2.8914), loss 38.3: residuals far from 0, so H and J^T J differ.
    const p = Array.from(records[1].params);
    const problem = createRosenbrockFit();
    const before = tf.memory().numTensors;
    const report = gaussNewtonCovariance(problem, p, { names: ['a', 'b'] });
    const ref = chapter1Reference(p);
    expect(report.names).toEqual(['a', 'b']);
    expect(rel(report.rss, ref.rss)).toBeLessThan(tol);
    expect(worstRel(report.covariance!.flat(), ref.covariance.flat())).toBeLessThan(tol);
    expect(worstRel(report.stdErrors!, ref.stdErrors)).toBeLessThan(tol);
    expect(rel(report.correlation![0][1], ref.correlation)).toBeLessThan(tol);
    expect(rel(report.conditionNumber, ref.conditionNumber)).toBeLessThan(tol);
    // The Hessian's (measured 2e-16 on cpu64, 4e-7 on cpu and wasm): standard errors 0.5505 and
    // 0.1403 against Gauss-Newton's 0.5966 and 0.1428, the residuals' own curvature at work.
    const laplace = hessianCovariance(problem, p);
    if (!laplace.covariance) throw new Error(laplace.reason);
    expect(worstRel(laplace.stdErrors, ref.hessianStdErrors)).toBeLessThan(tol);
    expect(rel(laplace.correlation[0][1], ref.hessianCorrelation)).toBeLessThan(tol);
    expect(rel(laplace.stdErrors[0], report.stdErrors![0])).toBeGreaterThan(0.05);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });

  test('at (0, 0) H is not positive definite: no Hessian covariance, and the reason', () => {
    const problem = createRosenbrockFit();
    // H_aa = (2/9) sum_i (4 (a - x_i)^2 - 2 r_i) = -137 there: the data lie far above the model.
    const laplace = hessianCovariance(problem, [0, 0], { names: ['a', 'b'] });
    expect(laplace.covariance).toBeNull();
    if (laplace.covariance === null) expect(laplace.reason).toMatch(/^H is not positive definite: its diagonal entry for a is -137(\.\d*)?\.$/);
    problem.dispose();
  });
});

describe('NIST Misra1a on cpu64, at the certified parameters', () => {
  onCpu64();

  test('the certified standard errors (all 11 digits of the LRE scale) and residual SD; the Hessian covariance within 1% of them', () => {
    // fit/nist-certification.test.ts certifies the standard errors of LM's fits of all seven
    // datasets through fitReportAt; this checks the path of covariance.ts (the fit problem through
    // the oracle) at NIST's own parameters.
    const nist = loadNist('Misra1a');
    const definition: FitDefinition = { problem: 'fit', model: nist.model, data: { names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) } };
    const problem = createFitProblem(definition);
    const report = gaussNewtonCovariance(problem, nist.certified);
    expect(report.names).toEqual(['b1', 'b2']);
    // Measured: LRE 11 (capped) for both standard errors, 10.6 for the residual SD.
    expect(worstLre(report.stdErrors!, nist.certifiedSd)).toBeGreaterThanOrEqual(10);
    expect(lre(report.residualSD, nist.residualSd)).toBeGreaterThanOrEqual(10);
    // Measured: 2.71086 and 7.27725e-6 against 2.70701 and 7.26687e-6 (0.14%): the residuals are
    // small beside the model's curvature, so H is nearly 2 c J^T J.
    const laplace = hessianCovariance(problem, nist.certified);
    if (!laplace.covariance) throw new Error(laplace.reason);
    expect(worstRel(laplace.stdErrors, nist.certifiedSd)).toBeLessThan(0.01);
    expect(worstRel(laplace.stdErrors, nist.certifiedSd)).toBeGreaterThan(1e-4);
    problem.dispose();
  });
});

/**
 * Chapter 4's symmetry: Yhat = W1 W2 X is unchanged by W1 -> W1 G, W2 -> G^-1 W2, whose tangent
 * at G = I along E (6 x 6) is (W1 E, -E W2). E = e_k e_l^T moves column l of W1 by W1's column k
 * and row k of W2 by minus W2's row l: 36 directions, independent when W1 has full column rank.
 */
function gaugeDirections(p: number[]): number[][] {
  const directions: number[][] = [];
  for (let k = 0; k < 6; k++) {
    for (let l = 0; l < 6; l++) {
      const v = new Array<number>(96).fill(0);
      for (let i = 0; i < 10; i++) v[6 * i + l] = p[6 * i + k];
      for (let j = 0; j < 6; j++) v[60 + 6 * k + j] = -p[60 + 6 * l + j];
      directions.push(v);
    }
  }
  return directions;
}

describe.each([
  // The share of a symmetry direction outside the basis's span: rounding in float64 (measured
  // 1.3e-14); from a float32 J the subspace tilts by the rounding of J over the gap to the smallest
  // kept singular value, 3.7e-2 of the largest (measured 2.9e-8).
  ['cpu64', 1e-12],
  ['cpu', 1e-6],
] as const)('chapter 4 on %s: J^T J is singular', (backend, tol) => {
  if (backend === 'cpu64') onCpu64();
  else onBackend(backend);

  test(`at the seeded start: rank 60 of 96, an undetermined subspace of dimension 36 that is the model's symmetry (${tol}); no parameter determined`, () => {
    const p = rahimiLinearNetSetup({ seed: 1 }).initialParams;
    const problem = createRahimiLinearNet({ seed: 1 });
    const before = tf.memory().numTensors;
    const report = gaussNewtonCovariance(problem, p);
    expect(tf.memory().numTensors).toBe(before);
    expect(report.covariance).toBeNull();
    // Measured: condition 1.2e31 (cpu64), 6.9e15 (cpu); the scaled J's singular values are 3.7e-2
    // of the largest and above for the 60 kept, 3e-16 to 6e-15 (cpu64) and 1.2e-8 to 1.8e-8 (cpu)
    // for the 36 others.
    expect(report.conditionNumber).toBeGreaterThan(1e15);
    const { dimension, basis, determined } = report.undeterminedSubspace!;
    expect(dimension).toBe(36);
    expect(determined.every((d) => !d)).toBe(true);
    expect(report.undetermined).toEqual(basis[0]);
    // Orthonormal, and every symmetry direction inside its span.
    let worstGram = 0;
    for (let a = 0; a < 36; a++) for (let b = 0; b < 36; b++) worstGram = Math.max(worstGram, Math.abs(basis[a].reduce((s, x, k) => s + x * basis[b][k], 0) - (a === b ? 1 : 0)));
    expect(worstGram).toBeLessThan(1e-12);
    let worstOutside = 0;
    for (const v of gaugeDirections(p)) {
      const inside = basis.map((b) => b.reduce((s, x, k) => s + x * v[k], 0));
      const outside = v.map((vk, k) => vk - inside.reduce((s, c, a) => s + c * basis[a][k], 0));
      worstOutside = Math.max(worstOutside, Math.hypot(...outside) / Math.hypot(...v));
    }
    expect(worstOutside).toBeLessThan(tol);
    problem.dispose();
  });
});

describe.each([
  // cpu64: the engine's float64 J (scaled SVD) against the hand-written one (normal equations,
  // Gauss-Jordan), at a condition of 1.6e8: measured 7.7e-9 (standard errors, relative) and
  // 1.5e-8 (covariance, of its largest entry).
  ['cpu64', 'float64', 1e-7],
  // wasm: a float32 J at the same condition: measured 3.2e-5 and 6.0e-5.
  ['wasm', 'float32', 1e-3],
] as const)('chapter 3 on %s after 100 LM steps (seed 2)', (backend, precision, tol) => {
  if (backend === 'cpu64') onCpu64();
  else onBackend(backend);

  test(`s^2 (J^T J)^-1 equals the float64 reference (${tol}); H has negative eigenvalues, so no Hessian covariance`, () => {
    const seed = 2;
    const { last } = runToEnd({ problem: 'net-on-rosenbrock', optimizer: 'lm', hp: { mu0: 3 } as Hyperparameters, start: [], maxSteps: 100, targetLoss: -Infinity, seed, precision });
    const p = Array.from(last.params);
    const problem = createNetOnRosenbrock({ seed });
    const before = tf.memory().numTensors;
    const report = gaussNewtonCovariance(problem, p);
    const setup = netOnRosenbrockSetup({ seed });
    const ref = net64(setup.train, setup.hidden);
    const r = ref.residuals(p);
    const inv = inverse(normal(ref.jacobian(p).flat(), 500, 41));
    const s2 = r.reduce((s, x) => s + x * x, 0) / (500 - 41);
    const se = inv.map((row, i) => Math.sqrt(s2 * row[i]));
    const covariance = inv.flat().map((v) => s2 * v);
    expect(report.undeterminedSubspace).toBeNull();
    // Measured: 1.621e8 (cpu64), 1.637e8 (wasm, its own trained point).
    expect(report.conditionNumber).toBeGreaterThan(1e8);
    expect(report.conditionNumber).toBeLessThan(1e9);
    expect(worstRel(report.stdErrors!, se)).toBeLessThan(tol);
    expectCloseToMax(report.covariance!.flat(), covariance, tol, 'covariance');
    // 100 LM steps do not end at a strict minimum: the Jacobi-scaled H has 4 (cpu64) and 1 (wasm)
    // negative eigenvalues, the smallest -1.3e-4 against 12.8 (measured); J^T J is positive
    // definite all the same.
    const laplace = hessianCovariance(problem, p);
    expect(laplace.covariance).toBeNull();
    if (laplace.covariance === null) expect(laplace.reason).toMatch(/^H is not positive definite: \d+ of its 41 eigenvalues/);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });
});
