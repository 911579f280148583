/**
 * --report through the runner's main, output captured (and no tensor left behind): the curvature
 * reports at each run's final parameters, in float64 on cpu64 whatever the run's precision, as
 * fields of the --json summary line or a block of text; against float64 closed forms written here
 * (chapter 1's Hessian and Gauss-Newton matrix, a formula's Hessian, Rosenbrock's slopes), central
 * differences of the net's output on cpu64, and the engine's inspectAt at the same parameters (the
 * function inspect.test.ts checks against covariance.ts, spectrum.ts and input-jacobian.ts). Then the
 * refusals, each before any run, with exit code 2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FLOAT64_BACKEND, type CovarianceReport, type InputJacobianReport } from '../catalog';
import { createProblem, inspectAt, switchBackend, tf } from '../engine';
import { runMain } from './run-main.fixture';

beforeAll(async () => {
  expect(await switchBackend('cpu')).toBe(true);
});

/** The last line (the run's summary) of a successful --json call, as parsed JSON. */
async function summary(argv: string[]) {
  const { code, out, err } = await runMain(argv);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const last = JSON.parse(out[out.length - 1]);
  expect(last.summary).toBe(true);
  return last;
}

/** The eigenvalues of a symmetric 2 x 2 matrix, ascending. */
function eigen2([[a, b], [, d]]: number[][]): number[] {
  const mid = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  return [mid - radius, mid + radius];
}

/** Chapter 1 in float64: the data on the grid {-2, 0, 2}^2, z = (2.5 - x)^2 + 2.5 (y - x^2)^2; loss (1/9) sum r_i^2. */
const GRID = [-2, 0, 2].flatMap((x) => [-2, 0, 2].map((y) => ({ x, y, z: (2.5 - x) ** 2 + 2.5 * (y - x * x) ** 2 })));
/** H = (2/9) sum (J_i J_i^T + r_i Hess r_i) and G = (2/9) sum J_i J_i^T at (a, b), r_i = z_i - (a - x_i)^2 - b (y_i - x_i^2)^2. */
function chapter1([a, b]: number[]): { H: number[][]; G: number[][] } {
  const G = [
    [0, 0],
    [0, 0],
  ];
  let residualTerm = 0;
  for (const { x, y, z } of GRID) {
    const J = [-2 * (a - x), -((y - x * x) ** 2)];
    const r = z - (a - x) ** 2 - b * (y - x * x) ** 2;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) G[i][j] += (2 / 9) * J[i] * J[j];
    // Hess r_i = [[-2, 0], [0, 0]].
    residualTerm += (2 / 9) * -2 * r;
  }
  return { G, H: [[G[0][0] + residualTerm, G[0][1]], [G[1][0], G[1][1]]] };
}

function close(actual: readonly number[], expected: readonly number[], tol: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  actual.forEach((x, k) => expect(Math.abs(x - expected[k]), `${what}[${k}]: ${x} vs ${expected[k]}`).toBeLessThanOrEqual(tol * scale));
}

/** f on cpu64 (the backend before is current again after). */
async function onCpu64<T>(f: () => T): Promise<T> {
  const before = tf.getBackend();
  expect(await switchBackend(FLOAT64_BACKEND)).toBe(true);
  try {
    return f();
  } finally {
    expect(await switchBackend(before as 'cpu')).toBe(true);
  }
}

/** inspectAt on a fresh problem of data seed 1, on the current backend. */
function inspectFresh(id: 'net-on-rosenbrock', params: number[], what: 'covariance' | 'input-jacobian') {
  const problem = createProblem(id, { seed: 1 });
  try {
    return inspectAt(problem, params, what, { seed: 1 });
  } finally {
    problem.dispose();
  }
}

const NET_NAMES = [...['x', 'y'].flatMap((input) => Array.from({ length: 10 }, (_, j) => `W1[${input},${j + 1}]`)), ...['b1', 'W2'].flatMap((block) => Array.from({ length: 10 }, (_, j) => `${block}[${j + 1}]`)), 'b2'];

describe('--report spectrum', () => {
  it('chapter 1 by LM, --json: hessianEigenvalues and gaussNewtonEigenvalues those of the closed forms at the final parameters (1e-12), near {44.38, 731.0} (3e-4, from the target loss)', async () => {
    const s = await summary(['rosenbrock-fit', '--optimizer', 'lm', '--report', 'spectrum', '--json']);
    expect(s).toMatchObject({ run: 'lm', precision: 'float32', stop: 'converged', hessianMethod: 'dense', hessianLanczos: null });
    const p: number[] = s.params;
    const { H, G } = chapter1(p);
    // The float32 run's parameters, exact in float64: the report is H and G there, in float64
    // (measured 1.6e-16 of the largest).
    close(s.hessianEigenvalues, eigen2(H), 1e-12, 'H at the final parameters');
    close(s.gaussNewtonEigenvalues, eigen2(G), 1e-12, 'G at the final parameters');
    // Near the solution's {44.3817186, 730.951615} (H = G there): the run stopped at a loss
    // (1/9)|J dp|^2 <= 1e-10, so |dp| <= 3e-5 / sigma_min(J) = 3e-5 / sqrt(9 x 44.38 / 2) < 2.2e-6,
    // and an eigenvalue moves by at most |dH/dp| |dp| <= 136 x 2.2e-6 = 3.0e-4 (dH_aa/da = 60,
    // dH_aa/db = dH_ab/da = 53.3 at (2.5, 2.5), H_bb constant; the same bound holds for G). Measured:
    // the run ends one float32 step from the solution, (2.5 - 2^-22, 2.5); the eigenvalues are
    // 8.8e-6 and 5.5e-6 away.
    expect(Math.hypot(p[0] - 2.5, p[1] - 2.5)).toBeLessThanOrEqual(2.2e-6);
    for (const values of [s.hessianEigenvalues, s.gaussNewtonEigenvalues]) {
      expect(Math.abs(values[0] - 44.3817186)).toBeLessThanOrEqual(3e-4);
      expect(Math.abs(values[1] - 730.951615)).toBeLessThanOrEqual(3e-4);
    }
    expect(s.hessianSummary).toMatchObject({ size: 2, rank: 2, zero: 0, negative: 0, smallest: s.hessianEigenvalues[0], largest: s.hessianEigenvalues[1] });
    expect(Math.abs(s.hessianSummary.conditionNumber / (s.hessianEigenvalues[1] / s.hessianEigenvalues[0]) - 1)).toBeLessThan(1e-12);
    expect(s.gaussNewtonSummary).toMatchObject({ size: 2, rank: 2, negative: 0 });
    // The report's fields come after the run's own; nothing else is added.
    expect(Object.keys(s).slice(-6)).toEqual(['hessianMethod', 'hessianEigenvalues', 'hessianSummary', 'hessianLanczos', 'gaussNewtonEigenvalues', 'gaussNewtonSummary']);
  });

  it("chapter 4 after one LM step, --json: gaussNewtonEigenvalues with 36 zeros (rank 60 of 96, condition Infinity as null with its text); the Hessian's extremes by Lanczos", async () => {
    const s = await summary(['rahimi-linear-net', '--optimizer', 'lm', '--max-steps', '1', '--report', 'spectrum', '--json']);
    const G: number[] = s.gaussNewtonEigenvalues;
    expect(G).toHaveLength(96);
    expect(G).toEqual([...G].sort((a, b) => a - b));
    // The model's rescaling symmetry (spectrum.test.ts): 36 eigenvalues are rounding, measured
    // 1.3e-16 of the largest (9.48e4) at this point; the 37th is 7.7e-6 of it.
    const top = G[95];
    expect(Math.max(...G.slice(0, 36).map(Math.abs)) / top).toBeLessThan(1e-14);
    expect(G[36] / top).toBeGreaterThan(1e-7);
    expect(s.gaussNewtonSummary).toMatchObject({ size: 96, rank: 60, zero: 36, negative: 0, positive: 60, conditionNumber: null, conditionNumberText: 'Infinity' });
    expect(s.gaussNewtonSummary.rangeConditionNumber).toBeGreaterThan(1e5);
    // 96 > 64: the Hessian by Lanczos, 60 steps: 60 Ritz values, the extremes converged to 1e-10 of
    // the largest (measured 8e-16 and 1.6e-15).
    expect(s.hessianMethod).toBe('lanczos');
    expect(s.hessianEigenvalues).toHaveLength(60);
    expect(s.hessianLanczos.iterations).toBe(60);
    expect(s.hessianLanczos.residuals).toHaveLength(20);
    const ritzTop = Math.max(...s.hessianEigenvalues.map(Math.abs));
    expect(s.hessianLanczos.residuals[0]).toEqual({ value: s.hessianEigenvalues[0], residual: expect.any(Number) });
    expect(s.hessianLanczos.residuals[10].value).toBe(s.hessianEigenvalues[59]);
    for (const k of [0, 10]) expect(s.hessianLanczos.residuals[k].residual / ritzTop).toBeLessThan(1e-10);
  });

  it('a formula without residuals by Newton: the Hessian [[6x, 2], [2, 2]] at the final point (1e-12); gaussNewton null', async () => {
    const s = await summary(['formula', '--f', 'x^3 + 2*x*y + y^2 - x', '--start', '1,1', '--optimizer', 'newton', '--max-steps', '3', '--report', 'spectrum', '--json']);
    close(s.hessianEigenvalues, eigen2([[6 * s.params[0], 2], [2, 2]]), 1e-12, 'H');
    expect(s).toMatchObject({ gaussNewtonEigenvalues: null, gaussNewtonSummary: null });
  });
});

describe('--report covariance and input-jacobian', () => {
  it('chapter 3 after 20 LM steps, --report covariance,input-jacobian --json: 41 stdErrors, and every field, those of the float64 report at the final parameters; slopes against differences of the net (1e-6)', async () => {
    const s = await summary(['net-on-rosenbrock', '--optimizer', 'lm', '--max-steps', '20', '--report', 'covariance,input-jacobian', '--json']);
    const p: number[] = s.params;
    expect(s.steps).toBe(20);
    const [covariance, slopes] = await onCpu64(() => [inspectFresh('net-on-rosenbrock', p, 'covariance') as CovarianceReport, inspectFresh('net-on-rosenbrock', p, 'input-jacobian') as InputJacobianReport] as const);
    const fit = covariance.gaussNewton!;
    expect(s.names).toEqual(NET_NAMES);
    expect(s.stdErrors).toHaveLength(41);
    expect(s.stdErrors).toEqual(fit.stdErrors);
    expect(s.stdErrors.every((e: number) => e > 0 && Number.isFinite(e))).toBe(true);
    expect(s).toMatchObject({ covariance: fit.covariance, correlation: fit.correlation, conditionNumber: fit.conditionNumber, undetermined: null, undeterminedSubspace: null, rss: fit.rss, residualSD: fit.residualSD, dof: 459, covarianceScaled: true });
    // Float64 whatever the run's precision: the same report from float32 (cpu) differs (measured
    // 4.6e-7 relative at worst in the standard errors, at a condition of 1.4e4).
    expect(tf.getBackend()).toBe('cpu');
    const cpu = inspectFresh('net-on-rosenbrock', p, 'covariance') as CovarianceReport;
    expect(Math.max(...cpu.gaussNewton!.stdErrors!.map((e, k) => Math.abs(e / fit.stdErrors![k] - 1)))).toBeGreaterThan(1e-9);
    // H is indefinite after 20 steps: no Laplace covariance, and why.
    expect(s.hessianStdErrors).toBeNull();
    expect(s.hessianCovariance).toBeNull();
    expect(s.hessianCovarianceReason).toMatch(/^H is not positive definite: /);
    expect(s.band).toEqual(covariance.band);
    expect(s.band.coverage.points).toBe(500);

    const j = s.inputJacobian;
    expect(j).toEqual({ x: slopes.x, y: slopes.y, dzdx: slopes.dzdx, dzdy: slopes.dzdy, trueDzdx: slopes.trueDzdx, trueDzdy: slopes.trueDzdy });
    expect(j.x).toEqual(Array.from({ length: 21 }, (_, i) => -2 + (4 * i) / 20));
    // Rosenbrock's own slopes, a = b = 2.5 (1e-12 of max(1, |slope|)).
    j.y.forEach((y: number, row: number) =>
      j.x.forEach((x: number, col: number) => {
        const k = row * 21 + col;
        expect(Math.abs(j.trueDzdx[k] - (-2 * (2.5 - x) - 10 * x * (y - x * x)))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(j.trueDzdx[k])));
        expect(Math.abs(j.trueDzdy[k] - 5 * (y - x * x))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(j.trueDzdy[k])));
      }),
    );
    // The net's slopes against central differences (h = 1e-5) of its output on cpu64, all 441 grid
    // points in one predict: measured 2.9e-8 of max(1, |slope|), the differences' truncation (h^2
    // times the third derivative of a net whose weights reach 10 after 20 steps).
    const h = 1e-5;
    const points = j.y.flatMap((y: number) => j.x.map((x: number) => [x, y]));
    const shifted = points.flatMap(([x, y]: number[]) => [[x + h, y], [x - h, y], [x, y + h], [x, y - h]]);
    const zhat = await onCpu64(() => {
      const problem = createProblem('net-on-rosenbrock', { seed: 1 });
      try {
        return tf.tidy(() => Array.from(problem.predict!(tf.tensor2d(p, [1, 41]), tf.tensor2d(shifted.flat(), [shifted.length, 2])).dataSync()));
      } finally {
        problem.dispose();
      }
    });
    let worst = 0;
    points.forEach((_: number[], k: number) => {
      const [xp, xm, yp, ym] = zhat.slice(4 * k, 4 * k + 4);
      const [dx, dy] = [(xp - xm) / (2 * h), (yp - ym) / (2 * h)];
      worst = Math.max(worst, Math.abs(j.dzdx[k] - dx) / Math.max(1, Math.abs(dx)), Math.abs(j.dzdy[k] - dy) / Math.max(1, Math.abs(dy)));
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('chapter 1 without --json, --report spectrum --report covariance,spectrum (once each, in order): a block after the stop line, eigenvalue extremes, rank and condition; parameter, value and standard errors', async () => {
    const { code, out, err } = await runMain(['rosenbrock-fit', '--optimizer', 'lm', '--report', 'spectrum', '--report', 'covariance,spectrum']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const at = out.findIndex((l) => l.startsWith('stop: converged'));
    const block = out.slice(at + 1, out.indexOf('', at));
    expect(block[0]).toBe('spectrum at the final parameters, in float64 (cpu64):');
    expect(block[1]).toMatch(/^ {2}Hessian \(dense\): eigenvalues from 44\.3817\d* to 730\.9516\d*; rank 2 of 2, 0 negative; condition number 16\.4696\d*$/);
    expect(block[2]).toMatch(/^ {2}Gauss-Newton 2 c J\^T J \(dense\): eigenvalues from 44\.3817\d* to 730\.9516\d*; rank 2 of 2, 0 negative; condition number 16\.4696\d*$/);
    expect(block[3]).toMatch(/^covariance at the final parameters, in float64 \(cpu64\): s\^2 \(J\^T J\)\^-1; RSS [\d.e-]+, 7 degrees of freedom; condition of J\^T J 3\.93809\d* \(columns scaled to unit length\)$/);
    expect(block[4].split(/ {2,}/)).toEqual(['', 'parameter', 'value', 'std error', 'std error (H)']);
    expect(block[5]).toMatch(/^ {2}a +2\.4999998 +[\d.e-]+ +[\d.e-]+$/);
    expect(block[6]).toMatch(/^ {2}b +2\.5 +[\d.e-]+ +[\d.e-]+$/);
    expect(block).toHaveLength(7);
  });

  it("a formula whose J^T J is singular ((x + y - 1)^2 + (2x + 2y - 1)^2 + (x + y)^2): 'undetermined' in the table and a note naming the combination", async () => {
    const { code, out } = await runMain(['formula', '--f', '(x + y - 1)^2 + (2*x + 2*y - 1)^2 + (x + y)^2', '--optimizer', 'lm', '--max-steps', '5', '--report', 'covariance']);
    expect(code).toBe(0);
    const at = out.findIndex((l) => l.startsWith('covariance at the final parameters'));
    expect(out[at + 2]).toMatch(/^ {2}x +[\d.]+ +undetermined$/);
    expect(out[at + 3]).toMatch(/^ {2}y +[\d.]+ +undetermined$/);
    // Only x + y enters the residuals: x - y (normalised) is what the data do not see.
    expect(out[at + 4]).toMatch(/^ {2}note: J\^T J is singular: the data do not determine (0\.70710678 x - 0\.70710678 y|- ?0\.70710678 x \+ 0\.70710678 y)$/);
    expect(out[at + 5]).toMatch(/^ {2}no covariance from H: H is singular in float64/);
  });

  it('a run refused before its start has no parameters: its summary says why in reportErrors', async () => {
    const s = await summary(['rahimi-linear-net', '--optimizer', 'newton', '--report', 'spectrum', '--json']);
    expect(s).toMatchObject({ stop: 'error', params: [], reportErrors: { spectrum: 'the run has no parameters: it stopped before its start' } });
    expect(s).not.toHaveProperty('hessianEigenvalues');
  });
});

describe('--report: usage and refusals (exit code 2, before any run)', () => {
  it('--help lists --report', async () => {
    const { code, out } = await runMain(['--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/--report <what> +after each run, at its final parameters, in float64 on cpu64/);
  });

  it.each([
    [['rosenbrock-fit', '--report', 'input-jacobian'], '--report input-jacobian on rosenbrock-fit: Input Jacobians are drawn for a net of two inputs (chapter 3); the digits net has its own in chapter 6.'],
    [['--config', JSON.stringify({ problem: 'rahimi-linear-net', runs: [{ optimizer: 'gd' }] }), '--report=spectrum,input-jacobian'], '--report input-jacobian on rahimi-linear-net: Input Jacobians are drawn for a net of two inputs (chapter 3); the digits net has its own in chapter 6.'],
    [['formula', '--f', 'x^3 + 2*x*y + y^2 - x', '--report', 'covariance'], '--report covariance on formula: The covariance s^2 (J^T J)^-1 needs residuals, which this problem does not provide (f is not written as a sum of squares).'],
    [['--report', 'hessian'], '--report must be one of spectrum, covariance, input-jacobian, got "hessian"'],
    [['--report', ' , '], '--report needs at least one of spectrum, covariance, input-jacobian'],
    [['--report'], '--report needs a value'],
  ])('%j', async (argv, message) => {
    expect(await runMain(argv)).toEqual({ code: 2, out: [], err: [`error: ${message}`, 'Run with --help for usage.'] });
  });
});
