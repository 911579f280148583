/**
 * inspectAt (inspect.ts), the one entry of the curvature reports at a run's parameters, against the
 * functions it wraps (on the same backend, where the same computation gives the same bits) and
 * against independent float64 references, on cpu64 and on wasm (float32):
 *   - spectrum: dense up to DENSE_HESSIAN_MAX parameters (chapter 1 at (2.5, 2.5), where H = G =
 *     (2/9) J^T J in closed form; chapter 3 at its start), Lanczos above (chapter 4's 96: its
 *     extreme Ritz values against the dense Hessian of the hand-written float64 gradient, by central
 *     differences), and the Gauss-Newton spectrum (chapter 4's rank 60 of 96);
 *   - covariance: the Gauss-Newton fit report under the parameters' names, the Hessian's where the
 *     dense Hessian is affordable (null above), chapter 3's band along y = 1 (the fit inside its
 *     bands, the held-out coverage recounted from the float64 net's Jacobian), and a fit's
 *     absolute sigma passed on;
 *   - input-jacobian: chapter 3's slopes, those of surfaceSlopes;
 *   - refusals with inspectionFault's reason.
 * Every call leaves the tensor count as it found it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { DENSE_HESSIAN_MAX, FLOAT64_BACKEND, inspectionFault, type CovarianceReport, type CurvatureReport, type FitDefinition, type Hyperparameters, type InputJacobianReport, type ProblemId, type SpectrumReport } from '../../catalog';
import { loadNist } from '../../data/nist';
import { expectCloseToMax } from '../../testing/expect-close';
import { maxAbs } from '../../testing/float64';
import { runToEnd } from '../../testing/run-to-end';
import { createOracle } from '../autodiff/oracle';
import { fitReportAt } from '../fit/report-at';
import { studentQuantile } from '../fit/student-t';
import { createProblem } from '../problems';
import { createFitProblem } from '../problems/fit-model';
import { netOnRosenbrockSetup } from '../problems/net-on-rosenbrock';
import { net64 } from '../problems/net-on-rosenbrock.float64';
import { rahimiLinearNetSetup } from '../problems/rahimi-linear-net';
import { linear64, symmetricEigenvalues } from '../problems/rahimi-linear-net.float64';
import { jacobian64 as fitJacobian64 } from '../problems/rosenbrock-fit.float64';
import { rosenbrock } from '../problems/rosenbrock-fit';
import { switchBackend } from '../backend';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import type { Problem } from '../types';
import { gaussNewtonCovariance, hessianCovariance } from './covariance';
import { surfaceSlopes } from './input-jacobian';
import { BAND_SLICE, inspectAt, LANCZOS, SLOPE_GRID, type InspectOptions } from './inspect';
import { gaussNewtonSpectrum, hessianSpectrum, lanczosSpectrum, spectrumSummary } from './spectrum';

const BACKENDS = [FLOAT64_BACKEND, 'wasm'] as const;


/** f's result, asserting it left no tensor behind. */
function counted<T>(f: () => T): T {
  const before = tf.memory().numTensors;
  const out = f();
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  return out;
}

/** f on a fresh problem `id` of data seed `seed` (current backend), disposed after. */
function withProblem<T>(id: ProblemId, seed: number, f: (problem: Problem) => T): T {
  const problem = createProblem(id, { seed });
  try {
    return f(problem);
  } finally {
    problem.dispose();
  }
}

/** inspectAt, asserting it left no tensor behind. */
const inspect = (problem: Problem, params: ArrayLike<number>, what: 'spectrum' | 'covariance' | 'input-jacobian', options?: InspectOptions): CurvatureReport => counted(() => inspectAt(problem, params, what, options));

function asSpectrum(r: CurvatureReport): SpectrumReport {
  if (r.kind !== 'spectrum') throw new Error(`expected a spectrum, got ${r.kind}`);
  return r;
}
function asCovariance(r: CurvatureReport): CovarianceReport {
  if (r.kind !== 'covariance') throw new Error(`expected a covariance, got ${r.kind}`);
  return r;
}
function asInputJacobian(r: CurvatureReport): InputJacobianReport {
  if (r.kind !== 'input-jacobian') throw new Error(`expected an input Jacobian, got ${r.kind}`);
  return r;
}

/** A spectrum function's eigenvalues at p on the current backend, every tensor disposed. */
function direct(problem: Problem, params: number[], f: (oracle: ReturnType<typeof createOracle>, p: tf.Tensor1D) => Float64Array): number[] {
  const p = tf.tensor1d(Float64Array.from(params));
  try {
    return Array.from(counted(() => f(createOracle(problem), p)));
  } finally {
    p.dispose();
  }
}

/** Chapter 3's names by the net's layout: W1 by input and unit, then b1, W2, b2. */
const NET_NAMES = [
  ...Array.from({ length: 10 }, (_, j) => `W1[x,${j + 1}]`),
  ...Array.from({ length: 10 }, (_, j) => `W1[y,${j + 1}]`),
  ...Array.from({ length: 10 }, (_, j) => `b1[${j + 1}]`),
  ...Array.from({ length: 10 }, (_, j) => `W2[${j + 1}]`),
  'b2',
];

const NET_SEED = 2;
const netStart = netOnRosenbrockSetup({ seed: 1 }).initialParams;
const rahimi = rahimiLinearNetSetup({ seed: 1 });

/** Chapter 3's net after 100 LM steps (mu from 3, data seed 2), trained once on wasm. */
let trained: number[];
beforeAll(async () => {
  if (!(await switchBackend('wasm'))) throw new Error('wasm did not start');
  const { last } = runToEnd({ problem: 'net-on-rosenbrock', optimizer: 'lm', hp: { mu0: 3 } as Hyperparameters, start: [], maxSteps: 100, targetLoss: -Infinity, seed: NET_SEED });
  trained = Array.from(last.params);
});

describe.each(BACKENDS)('on %s', (backend) => {
  onBackend(backend);
  const float64 = backend === FLOAT64_BACKEND;

  test('spectrum, chapter 1 at (2.5, 2.5): dense, equal to hessianSpectrum and gaussNewtonSpectrum; both the closed form {44.38, 731.0}', () => {
    withProblem('rosenbrock-fit', 1, (problem) => {
      const p = [2.5, 2.5];
      const report = asSpectrum(inspect(problem, p, 'spectrum'));
      const { hessian, gaussNewton } = report;
      expect(hessian.method).toBe('dense');
      expect(hessian.iterations).toBeUndefined();
      expect(hessian.residuals).toBeUndefined();
      expect(hessian.values).toEqual(direct(problem, p, hessianSpectrum));
      expect(hessian.summary).toEqual(spectrumSummary(hessian.values));
      expect(gaussNewton).not.toBeNull();
      expect(gaussNewton!.method).toBe('dense');
      expect(gaussNewton!.values).toEqual(direct(problem, p, gaussNewtonSpectrum));
      expect(gaussNewton!.summary).toEqual(spectrumSummary(gaussNewton!.values));
      // Every residual is 0 at (2.5, 2.5), so H = G = (2/9) J^T J of the float64 Jacobian: its
      // eigenvalues by the 2 x 2 formula, 44.3817186 and 730.951615. spectrum.test.ts measured the
      // same functions, relative to the largest: 1.6e-16 on cpu64; H 6e-9 in float32 (double
      // backprop), G 1.6e-16 (its closed form is exact there).
      const J = fitJacobian64(p);
      const [a, b, d] = [0, 1, 2].map((k) => (2 / 9) * J.reduce((s, [j0, j1]) => s + (k === 0 ? j0 * j0 : k === 1 ? j0 * j1 : j1 * j1), 0));
      const [mid, radius] = [(a + d) / 2, Math.hypot((a - d) / 2, b)];
      const closed = [mid - radius, mid + radius];
      expectCloseToMax(closed, [44.3817186, 730.951615], 1e-9, 'closed form');
      const tol = float64 ? 1e-12 : 1e-6;
      expectCloseToMax(hessian.values, closed, tol, 'Hessian');
      expectCloseToMax(gaussNewton!.values, closed, tol, 'Gauss-Newton');
      expect(hessian.summary).toMatchObject({ size: 2, rank: 2, zero: 0, negative: 0 });
      expect(Math.abs(hessian.summary.conditionNumber / (closed[1] / closed[0]) - 1)).toBeLessThan(float64 ? 1e-12 : 1e-5);
    });
  });

  test('spectrum, chapter 3 at its start: dense (41 <= 64), equal to hessianSpectrum and gaussNewtonSpectrum; H indefinite (17 of 41 negative)', () => {
    withProblem('net-on-rosenbrock', 1, (problem) => {
      const report = asSpectrum(inspect(problem, netStart, 'spectrum'));
      expect(problem.dim).toBeLessThanOrEqual(DENSE_HESSIAN_MAX);
      expect(report.hessian.method).toBe('dense');
      expect(report.hessian.values).toEqual(direct(problem, netStart, hessianSpectrum));
      expect(report.hessian.summary).toEqual(spectrumSummary(report.hessian.values));
      expect(report.hessian.summary).toMatchObject({ size: 41, negative: 17, positive: 24, zero: 0, rank: 41 });
      expect(report.gaussNewton!.values).toEqual(direct(problem, netStart, gaussNewtonSpectrum));
      // G's smallest, 1.5e-10 against its largest 5.65, counts as zero under float32's rank rule (n eps32): rank
      // 41 on cpu64, 21 on float32 (spectrum.test.ts).
      expect(report.gaussNewton!.summary).toMatchObject({ size: 41, negative: 0, rank: float64 ? 41 : 21 });
    });
  });

  test(`spectrum, chapter 4 (96 > ${DENSE_HESSIAN_MAX}): Lanczos, ${LANCZOS.iterations} steps; its ${LANCZOS.k} extreme Ritz values at each end are the dense float64 Hessian's; Gauss-Newton rank 60 of 96`, () => {
    withProblem('rahimi-linear-net', 1, (problem) => {
      const p = rahimi.initialParams;
      const { hessian, gaussNewton } = asSpectrum(inspect(problem, p, 'spectrum'));
      expect(hessian.method).toBe('lanczos');
      expect(hessian.iterations).toBe(LANCZOS.iterations);
      expect(hessian.values).toHaveLength(LANCZOS.iterations);
      expect(hessian.values).toEqual([...hessian.values].sort((x, y) => x - y));
      expect(hessian.summary).toEqual(spectrumSummary(hessian.values));
      expect(hessian.residuals).toHaveLength(2 * LANCZOS.k);
      // The reference: H's columns by central differences (h = 1e-6) of the hand-written float64
      // gradient, eigenvalues by Jacobi (0.2 s). Measured, relative to the largest |lambda|
      // (95725.9; the smallest is -30517.6): cpu64 3.4e-10 at worst over the ten at each end (the
      // differences' error: the Ritz residuals are 1e-15 of it), wasm 1.1e-7.
      const L = linear64(rahimi);
      const n = problem.dim;
      const H = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const column = L.hvp(p, Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)), 1e-6);
        for (let j = 0; j < n; j++) H[j * n + i] = column[j];
      }
      const dense = Array.from(symmetricEigenvalues(H, n)).sort((x, y) => x - y);
      const top = maxAbs(dense);
      const tol = float64 ? 1e-8 : 1e-6;
      const ritz = hessian.values;
      const m = ritz.length;
      for (let i = 0; i < LANCZOS.k; i++) {
        expect(Math.abs(ritz[i] - dense[i]) / top, `smallest ${i}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(ritz[m - 1 - i] - dense[n - 1 - i]) / top, `largest ${i}`).toBeLessThanOrEqual(tol);
      }
      expect(ritz[0]).toBeLessThan(-3e4);
      expect(ritz[m - 1]).toBeGreaterThan(9.5e4);
      // The residuals are of the reported pairs (smallest ascending, then largest descending), each
      // within its residual (plus the reference's error) of a dense eigenvalue.
      expect(hessian.residuals!.map((r) => r.value)).toEqual([...ritz.slice(0, LANCZOS.k), ...ritz.slice(-LANCZOS.k).reverse()]);
      for (const { value, residual } of hessian.residuals!) {
        expect(residual / top).toBeLessThan(float64 ? 1e-10 : 1e-6);
        expect(Math.min(...dense.map((lambda) => Math.abs(lambda - value)))).toBeLessThanOrEqual(residual + tol * top);
      }
      // Lanczos from the report's settings, on the same backend: the same values (wasm only, where
      // it costs 1.4 s; 4.6 s on cpu64).
      if (!float64) expect(hessian.values).toEqual(direct(problem, p, (oracle, q) => lanczosSpectrum(oracle, q, LANCZOS.k, LANCZOS.iterations).values));
      // G = 2 J^T J: dense whatever the size (closed-form normal equations), rank 60 of 96.
      expect(gaussNewton!.method).toBe('dense');
      expect(gaussNewton!.values).toEqual(direct(problem, p, gaussNewtonSpectrum));
      expect(gaussNewton!.summary).toMatchObject({ size: 96, rank: 60, zero: 36, negative: 0, positive: 60, conditionNumber: Infinity });
    });
  });

  test("covariance, chapter 1 at (2, 3): the Gauss-Newton report named 'a', 'b', and the Hessian's (2 <= 64), those of covariance.ts; no band", () => {
    withProblem('rosenbrock-fit', 1, (problem) => {
      const p = [2, 3];
      const report = asCovariance(inspect(problem, p, 'covariance'));
      const names = ['a', 'b'];
      expect(report.gaussNewton).toEqual(gaussNewtonCovariance(problem, p, { names }));
      expect(report.gaussNewton!.names).toEqual(names);
      expect(report.gaussNewton!.stdErrors!.every((s) => s > 0)).toBe(true);
      const h = hessianCovariance(problem, p, { names });
      if (!h.covariance) throw new Error(h.reason);
      expect(report.hessian).toEqual({ stdErrors: h.stdErrors, covariance: h.covariance });
      expect(report.band).toBeNull();
    });
  });

  test('covariance, chapter 3 after 100 LM steps: 41 names by layout; no Hessian covariance (H indefinite), with the reason; the band along y = 1', () => {
    withProblem('net-on-rosenbrock', NET_SEED, (problem) => {
      const report = asCovariance(inspect(problem, trained, 'covariance', { seed: NET_SEED }));
      const fit = report.gaussNewton!;
      expect(fit).toEqual(gaussNewtonCovariance(problem, trained, { names: NET_NAMES }));
      expect(fit.names).toEqual(NET_NAMES);
      expect(fit.stdErrors).toHaveLength(41);
      // Measured: 4 negative eigenvalues on cpu64, 1 on wasm, the smallest -1.3e-4 of 12.8.
      const h = hessianCovariance(problem, trained, { names: NET_NAMES });
      expect(h.covariance).toBeNull();
      expect(report.hessian).toEqual({ reason: (h as { reason: string }).reason });
      expect((report.hessian as { reason: string }).reason).toMatch(/^H is not positive definite: \d+ of its 41 eigenvalues/);

      const band = report.band!;
      const { points, y } = BAND_SLICE;
      expect(band.y).toBe(y);
      expect(band.x).toEqual(Array.from({ length: points }, (_, i) => -2 + (4 * i) / (points - 1)));
      expect(band.truth).toEqual(band.x.map((x) => rosenbrock(x, y, 2.5, 2.5)));
      expect(band.level).toBe(0.95);
      // The fit is the net's: against the float64 net (measured 1.3e-14 on cpu64, 1.8e-5 on wasm,
      // of max(1, |z|)); the mean's band inside the prediction band, the fit inside both.
      const slice = net64({ x: band.x, y: band.x.map(() => y), z: band.x.map(() => 0) }, 10).residuals(trained);
      band.fit.forEach((f, i) => expect(Math.abs(f + slice[i]), `fit ${i}`).toBeLessThanOrEqual((float64 ? 1e-12 : 1e-4) * Math.max(1, Math.abs(f))));
      band.fit.forEach((f, i) => {
        expect(band.predictionLower[i]).toBeLessThan(band.lower[i]);
        expect(band.lower[i]).toBeLessThan(f);
        expect(f).toBeLessThan(band.upper[i]);
        expect(band.upper[i]).toBeLessThan(band.predictionUpper[i]);
      });
      // The held-out coverage, recounted in float64: zhat and its parameter gradient from the
      // hand-written net (its Jacobian of r = z - zhat), the report's covariance and s^2, Student's
      // t on 459 degrees of freedom. The point nearest the band's edge is 1e-3 of its half-width
      // away (measured), far above either computation's error: the counts agree exactly. Measured
      // 474 of 500 (0.948) on both backends.
      const { validation } = netOnRosenbrockSetup({ seed: NET_SEED });
      const held = net64(validation, 10);
      const r = held.residuals(trained);
      const J = held.jacobian(trained);
      const Sigma = fit.covariance!;
      const t = studentQuantile(0.975, fit.dof);
      const inside = validation.z.filter((_, i) => {
        const g = J[i];
        const variance = g.reduce((s, ga, a) => s + ga * g.reduce((u, gb, b) => u + Sigma[a][b] * gb, 0), 0);
        return Math.abs(r[i]) <= t * Math.sqrt(variance + fit.residualSD ** 2);
      }).length;
      expect(band.coverage).toEqual({ inside, points: 500 });
      expect(Math.abs(inside / 500 - 0.95)).toBeLessThanOrEqual(0.03);
    });
  });

  test('input-jacobian, chapter 3 after 100 LM steps: the slopes of surfaceSlopes on its 21 x 21 grid', () => {
    withProblem('net-on-rosenbrock', NET_SEED, (problem) => {
      const report = asInputJacobian(inspect(problem, trained, 'input-jacobian'));
      const s = counted(() => surfaceSlopes(problem, trained, SLOPE_GRID));
      expect(report).toEqual({
        kind: 'input-jacobian',
        x: Array.from(s.x),
        y: Array.from(s.y),
        dzdx: Array.from(s.dzdx),
        dzdy: Array.from(s.dzdy),
        trueDzdx: Array.from(s.trueDzdx),
        trueDzdy: Array.from(s.trueDzdy),
      });
      expect(report.x).toHaveLength(SLOPE_GRID);
      expect(report.dzdx).toHaveLength(SLOPE_GRID * SLOPE_GRID);
      expect([report.x[0], report.x[SLOPE_GRID - 1]]).toEqual([-2, 2]);
    });
  });

  test('refusals: input-jacobian of a problem without a surface throws inspectionFault\'s reason, leaving no tensor behind', () => {
    for (const id of ['rosenbrock-fit', 'rahimi-linear-net'] as const) {
      withProblem(id, 1, (problem) => {
        const reason = inspectionFault('input-jacobian', { provides: problem.provides, predictsSurface: !!problem.predictSurface });
        expect(reason).toBe('Input Jacobians are drawn for a net of two inputs (chapter 3); the digits net has its own in chapter 6.');
        counted(() => expect(() => inspectAt(problem, rahimi.initialParams.slice(0, problem.dim), 'input-jacobian')).toThrow(reason!));
      });
    }
  });
});

describe('on cpu64 only', () => {
  onBackend(FLOAT64_BACKEND);

  test(`covariance, chapter 4 (96 > ${DENSE_HESSIAN_MAX}): no Hessian covariance; J^T J singular, an undetermined subspace of dimension 36; names p0 ... p95`, () => {
    withProblem('rahimi-linear-net', 1, (problem) => {
      const p = rahimi.initialParams;
      const report = asCovariance(inspect(problem, p, 'covariance'));
      expect(report.hessian).toBeNull();
      expect(report.band).toBeNull();
      expect(report.gaussNewton).toEqual(gaussNewtonCovariance(problem, p));
      expect(report.gaussNewton!.names).toEqual(Array.from({ length: 96 }, (_, k) => `p${k}`));
      expect(report.gaussNewton!.covariance).toBeNull();
      expect(report.gaussNewton!.undeterminedSubspace!.dimension).toBe(36);
    });
  });

  test('a formula without residuals (not a sum of squares): no Gauss-Newton spectrum, and a covariance report of nulls', () => {
    const problem = createProblem('formula', { seed: 1, definition: { problem: 'formula', f: 'x^3 + 2*x*y + y^2 - x' } });
    try {
      expect(problem.residuals).toBeUndefined();
      const spectrum = asSpectrum(inspect(problem, [1, -1], 'spectrum'));
      // H = [[6x, 2], [2, 2]] = [[6, 2], [2, 2]] at (1, -1): 4 -/+ sqrt(8).
      expectCloseToMax(spectrum.hessian.values, [4 - Math.sqrt(8), 4 + Math.sqrt(8)], 1e-14, 'H');
      expect(spectrum.gaussNewton).toBeNull();
      expect(inspect(problem, [1, -1], 'covariance')).toEqual({ kind: 'covariance', gaussNewton: null, hessian: null, band: null });
    } finally {
      problem.dispose();
    }
  });

  test("covariance of a fit (NIST's Misra1a at its certified parameters): fitReportAt's report, scaled by default and unscaled with absoluteSigma", () => {
    const nist = loadNist('Misra1a');
    const definition: FitDefinition = { problem: 'fit', model: nist.model, data: { names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) } };
    const problem = createFitProblem(definition);
    try {
      const p = nist.certified;
      const scaled = asCovariance(inspect(problem, p, 'covariance'));
      expect(scaled.gaussNewton).toEqual(fitReportAt(definition, p));
      expect(scaled.gaussNewton!.names).toEqual(['b1', 'b2']);
      const absolute = asCovariance(inspect(problem, p, 'covariance', { absoluteSigma: true }));
      expect(absolute.gaussNewton).toEqual(fitReportAt({ ...definition, absoluteSigma: true }, p));
      expect(absolute.gaussNewton!.scaled).toBe(false);
      const h = hessianCovariance(problem, p, { absoluteSigma: true });
      if (!h.covariance) throw new Error(h.reason);
      expect(absolute.hessian).toEqual({ stdErrors: h.stdErrors, covariance: h.covariance });
      // Scaled is s times unscaled, s = sqrt(RSS / dof) = sqrt(0.1246 / 12) = 0.102.
      const s = scaled.gaussNewton!.residualSD;
      expectCloseToMax(absolute.gaussNewton!.stdErrors!.map((e) => e * s), scaled.gaussNewton!.stdErrors!, 1e-12, 'scaled = s x unscaled');
    } finally {
      problem.dispose();
    }
  });
});
