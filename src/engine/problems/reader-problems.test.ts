/**
 * The problems a reader brings (chapters 7 and 8), on cpu64 (float64): f(x, y) from a formula and a model
 * fitted to a table, against closed forms and float64 hand computations; and the fit report
 * against ordinary least squares' closed form and a model with a redundant parameter.
 */
import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, FIT_XTOL, type FitDefinition } from '../../catalog';
import { loadNist } from '../../data/nist';
import { jacobianByDifferences } from '../../testing/float64';
import { createOracle } from '../autodiff/oracle';
import { confidenceBand } from '../fit/band';
import { fitReportAt } from '../fit/report-at';
import { onCpu64 } from '../float64/testing';
import { createRun } from '../run/run';
import { tf } from '../tf';
import { createFitProblem } from './fit-model';
import { createFormulaProblem } from './formula-function';

/** Ordinary least squares of y = a + b x in closed form: the references of the report and the band. */
function straightLine(x: number[], y: number[]) {
  const n = x.length;
  const xm = x.reduce((s, v) => s + v, 0) / n;
  const ym = y.reduce((s, v) => s + v, 0) / n;
  const sxx = x.reduce((s, v) => s + (v - xm) ** 2, 0);
  const b = x.reduce((s, v, i) => s + (v - xm) * (y[i] - ym), 0) / sxx;
  const a = ym - b * xm;
  const rss = y.reduce((s, v, i) => s + (v - a - b * x[i]) ** 2, 0);
  return { n, xm, sxx, a, b, rss, s2: rss / (n - 2) };
}

const at = (p: number[]) => tf.tensor1d(Float64Array.from(p));

describe('reader problems on cpu64', () => {
  onCpu64();

  test("seed 004's x^3 + 2xy + y^2 - x at (1, 1): gradient (4, 4) and Hessian [[6, 2], [2, 2]] (1e-12)", () => {
    const problem = createFormulaProblem({ problem: 'formula', f: 'x^3 + 2*x*y + y^2 - x' });
    const oracle = createOracle(problem);
    const { loss, grad } = tf.tidy(() => {
      const r = oracle.valueAndGrad(at([1, 1]));
      return { loss: r.loss, grad: Array.from(r.grad.dataSync()) };
    });
    expect(loss).toBe(3);
    grad.forEach((g, i) => expect(Math.abs(g - [4, 4][i])).toBeLessThanOrEqual(1e-12));
    const p = at([1, 1]);
    const H = oracle.hessian(p);
    p.dispose();
    Array.from(H).forEach((h, i) => expect(Math.abs(h - [6, 2, 2, 2][i])).toBeLessThanOrEqual(1e-12));
    expect(problem.provides).not.toContain('residuals');
    problem.dispose();
  });

  test('Rosenbrock typed as a sum of squares: its residuals give the loss, and their Jacobian equals central differences', () => {
    const problem = createFormulaProblem({ problem: 'formula', f: '(1 - x)^2 + 100*(y - x^2)^2' });
    const oracle = createOracle(problem);
    const p = [-1.2, 1];
    const point = at(p);
    const { r, J, loss } = oracle.residualsAndJacobian(point);
    point.dispose();
    expect(Array.from(r)).toEqual([2.2, 10 * (1 - 1.44)].map((v, i) => (i === 1 ? expect.closeTo(v, 12) : expect.closeTo(v, 12))));
    expect(loss).toBeCloseTo(2.2 ** 2 + 100 * 0.44 ** 2, 10);
    const residuals64 = (q: number[]) => [1 - q[0], 10 * (q[1] - q[0] ** 2)];
    Array.from(jacobianByDifferences(residuals64, p)).forEach((j, i) => expect(Math.abs(J[i] - j)).toBeLessThanOrEqual(1e-8));
    problem.dispose();
  });

  test('the least-squares methods are refused on a formula that is not a sum of squares, with the reason', () => {
    const run = createRun({ problem: 'formula', definition: { problem: 'formula', f: 'x^3 + 2*x*y + y^2 - x' }, optimizer: 'lm', hp: { mu0: 1 }, start: [1, 1], maxSteps: 5, targetLoss: 0 });
    expect(run.advance(Infinity)).toEqual([]);
    expect(run.stop).toEqual({ reason: 'error', message: 'Levenberg-Marquardt needs residuals, which this problem does not provide.' });
    run.dispose();
  });

  test('a formula that does not parse stops its run with the parser\'s message', () => {
    const run = createRun({ problem: 'formula', definition: { problem: 'formula', f: 'x + (y' }, optimizer: 'gd', hp: { lr: 0.1 }, start: [1, 1], maxSteps: 5, targetLoss: 0 });
    expect(run.stop?.reason).toBe('error');
    expect(run.stop?.message).toMatch(/^expected '\)' at column 7/);
    run.dispose();
  });

  const table = { names: ['x', 'y', 's'], columns: [[1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1], [0.1, 0.2, 0.1, 0.4, 0.5]] };

  test("residuals are w (g(y) - f(x; b)) with w = 1 / sigma, as curve_fit's sigma weights them, and g the response's transform", () => {
    const weighted = createFitProblem({ problem: 'fit', model: 'y = a + b*x', data: table, sigma: 's' });
    const logged = createFitProblem({ problem: 'fit', model: 'log(y) = a + b*x', data: table });
    const [a, b] = [0.3, 1.9];
    const [rw, rl] = tf.tidy(() => [weighted, logged].map((problem) => Array.from(problem.residuals!(tf.tensor2d([[a, b]])).dataSync())));
    table.columns[0].forEach((x, i) => {
      expect(rw[i]).toBeCloseTo((table.columns[1][i] - (a + b * x)) / table.columns[2][i], 12);
      expect(rl[i]).toBeCloseTo(Math.log(table.columns[1][i]) - (a + b * x), 12);
    });
    expect(weighted.parameters).toEqual(['a', 'b']);
    weighted.dispose();
    logged.dispose();
  });

  test('bad data is refused with the row and column: a non-positive sigma, a response not defined, fewer rows than parameters', () => {
    const bad = (change: Partial<FitDefinition>) => () => createFitProblem({ problem: 'fit', model: 'y = a + b*x', data: table, ...change });
    expect(bad({ sigma: 'x', data: { ...table, columns: [[1, 0, 3, 4, 5], table.columns[1], table.columns[2]] } })).toThrow("Row 2, column 'x': an uncertainty must be a positive number, got 0.");
    expect(bad({ model: 'log(y - 3) = a + b*x' })).toThrow('Row 1: the response is not a finite number there.');
    expect(bad({ data: { names: ['x', 'y'], columns: [[1], [2]] } })).toThrow('The data has 1 row for 2 parameters: a fit needs at least as many rows as parameters.');
    expect(bad({ model: 'Y = a + b*x' })).toThrow("'Y' at column 1 is not a data column (x, y, s): the left side may only use those");
  });

  test("the report at ordinary least squares' solution: RSS, s, standard errors and correlation equal the closed form (1e-12)", () => {
    const { n, xm, sxx, a, b, rss, s2 } = straightLine(table.columns[0], table.columns[1]);
    const report = fitReportAt({ problem: 'fit', model: 'y = a + b*x', data: table }, [a, b]);
    const close = (u: number, v: number) => expect(Math.abs(u - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v));
    close(report.rss, rss);
    close(report.residualSD, Math.sqrt(s2));
    close(report.stdErrors![0], Math.sqrt(s2 * (1 / n + xm ** 2 / sxx)));
    close(report.stdErrors![1], Math.sqrt(s2 / sxx));
    close(report.correlation![0][1], -xm / Math.sqrt(sxx / n + xm ** 2));
    expect(report.dof).toBe(3);
    expect(report.undetermined).toBeNull();
  });

  test('a redundant parameter (y = a*d*exp(-b*x)): no infinities; the report names the combination the data cannot determine', () => {
    const data = { names: ['x', 'y'], columns: [[0, 1, 2, 3, 4], [6, 3.7, 2.2, 1.3, 0.8]] };
    const [a, b, d] = [2, 0.5, 3];
    const report = fitReportAt({ problem: 'fit', model: 'y = a*d*exp(-b*x)', data }, [a, b, d]);
    expect(report.names).toEqual(['a', 'b', 'd']);
    expect(report.stdErrors).toBeNull();
    expect(report.covariance).toBeNull();
    expect(report.conditionNumber).toBeGreaterThan(1e13);
    // Moving a by -a t and d by +d t leaves a d unchanged: the direction (-a, 0, d), a unit vector
    // whose largest entry is positive.
    const norm = Math.hypot(a, d);
    const expected = [-a / norm, 0, d / norm];
    report.undetermined!.forEach((u, i) => expect(Math.abs(u - expected[i])).toBeLessThanOrEqual(1e-6));
  });

  test("Levenberg-Marquardt on a redundant model converges (its step is measured where the data determine it): Misra1a's y = a*d*(1-exp(-b*x)) ends at NIST's RSS, with a d = b1", () => {
    const nist = loadNist('Misra1a');
    const definition: FitDefinition = { problem: 'fit', model: 'y = a*d*(1-exp(-b*x))', data: { names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) } };
    const run = createRun({ problem: 'fit', definition, optimizer: 'lm', hp: chapterHyperparameters('fit', 'lm'), start: [100, 1e-4, 2.5], maxSteps: 500, targetLoss: 0, xtol: FIT_XTOL.float64, precision: 'float64' });
    const records = run.advance(Infinity);
    run.dispose();
    const last = records[records.length - 1];
    expect(run.stop?.reason).toBe('converged');
    expect(last.step).toBeLessThan(100);
    expect(Math.abs(last.loss - nist.residualSumOfSquares) / nist.residualSumOfSquares).toBeLessThan(1e-9);
    const [a, b, d] = last.params;
    expect(Math.abs((a * d) / nist.certified[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(b / nist.certified[1] - 1)).toBeLessThan(1e-8);
  });
});

describe('the confidence band on cpu64', () => {
  onCpu64();

  test("of a straight line: f +/- t_{0.975, n-2} s sqrt(1/n + (x - mean)^2 / Sxx), the closed form (1e-10); the prediction band adds s^2", () => {
    const data = { names: ['x', 'y'], columns: [[1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 11.7]] };
    const { n, xm, sxx, a, b, s2 } = straightLine(data.columns[0], data.columns[1]);
    const definition: FitDefinition = { problem: 'fit', model: 'y = a + b*x', data };
    const report = fitReportAt(definition, [a, b]);
    const xs = [0, 2.5, 3.5, 9];
    const band = confidenceBand(definition, report, xs)!;
    const t = 2.776445105; // qt(0.975, 4)
    xs.forEach((v, i) => {
      const fit = a + b * v;
      const half = t * Math.sqrt(s2 * (1 / n + (v - xm) ** 2 / sxx));
      const predictionHalf = t * Math.sqrt(s2 * (1 + 1 / n + (v - xm) ** 2 / sxx));
      expect(Math.abs(band.fit[i] - fit)).toBeLessThanOrEqual(1e-12 * Math.abs(fit) + 1e-12);
      expect(Math.abs(band.upper[i] - fit - half) / half).toBeLessThan(1e-9);
      expect(Math.abs(fit - band.lower[i] - half) / half).toBeLessThan(1e-9);
      expect(Math.abs(band.predictionUpper[i] - fit - predictionHalf) / predictionHalf).toBeLessThan(1e-9);
    });
  });

  test('no band for a singular fit or a model of two predictors', () => {
    const data = { names: ['x', 'z', 'y'], columns: [[0, 1, 2, 3], [1, 0, 1, 0], [1, 2, 2, 4]] };
    const two: FitDefinition = { problem: 'fit', model: 'y = a*x + b*z', data };
    expect(confidenceBand(two, fitReportAt(two, [1, 1]), [0, 1])).toBeNull();
    const redundant: FitDefinition = { problem: 'fit', model: 'y = a*d*x', data };
    expect(confidenceBand(redundant, fitReportAt(redundant, [1, 1]), [0, 1])).toBeNull();
  });
});
