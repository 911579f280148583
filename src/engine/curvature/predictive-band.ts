/**
 * The predictive band of a fitted model with inputs (chapter 3's net) by the delta method, as
 * fit/band.ts does for a formula of one predictor. At each input x_i:
 *   f_i = f(x_i; p)                        the model's output (problem.predict),
 *   g_i = df(x_i; p)/dp                    its parameter gradient (one backward pass for every
 *                                          point: point i gets its own copy of p, row i of P, as
 *                                          oracle.residualsAndJacobian does for residuals),
 *   var_i = g_i Sigma g_i^T                the variance of the fitted mean f_i (Sigma: the fit
 *                                          report's covariance, s^2 (J^T J)^-1),
 *   f_i +/- t sqrt(var_i)                  the confidence band of the mean,
 *   f_i +/- t sqrt(var_i + s^2)            the prediction band of a new observation (s^2 = 1 when
 *                                          sigma is absolute),
 * with t = Student's t quantile at (1 + level) / 2 on the fit's degrees of freedom m - n. Both
 * assume the model family contains the truth and the residuals are the noise; for a net fitted to
 * a noiseless function the residuals are misfit, not noise, and the bands' coverage has to be
 * measured, not assumed (predictive-band.test.ts).
 */
import type { FitReport } from '../../catalog';
import { studentQuantile } from '../fit/student-t';
import { tf } from '../tf';
import type { Problem } from '../types';

export interface PredictiveBand {
  level: number;
  /** Student's t quantile at (1 + level) / 2 on `dof` degrees of freedom. */
  t: number;
  dof: number;
  /** f(x_i; p). */
  fit: Float64Array;
  /** g_i Sigma g_i^T, the variance of the fitted mean. */
  variance: Float64Array;
  /** The noise variance added for the prediction band: s^2, or 1 when sigma is absolute. */
  noise: number;
  /** f -/+ t sqrt(variance). */
  lower: Float64Array;
  upper: Float64Array;
  /** f -/+ t sqrt(variance + noise). */
  predictionLower: Float64Array;
  predictionUpper: Float64Array;
}

/** Points per backward pass: the tiled parameters are chunk x dim. */
const CHUNK = 1024;

/**
 * f(x_i; p) and g_i = df(x_i; p)/dp (row-major N x dim) at the points X (each of the model's input
 * length), for a problem of one output (it throws for more, and for a problem without a model).
 * One backward pass per chunk of CHUNK points.
 */
export function parameterGradients(problem: Problem, params: ArrayLike<number>, X: readonly ArrayLike<number>[]): { values: Float64Array; gradients: Float64Array } {
  const predict = problem.predict;
  if (!predict) throw new Error(`${problem.id} has no model to predict with.`);
  const { dim } = problem;
  const N = X.length;
  const values = new Float64Array(N);
  const gradients = new Float64Array(N * dim);
  const p = Float64Array.from(params);
  for (let start = 0; start < N; start += CHUNK) {
    const rows = X.slice(start, start + CHUNK);
    const n = rows.length;
    const inputs = rows[0].length;
    const flat = new Float64Array(n * inputs);
    rows.forEach((x, i) => flat.set(Array.from(x), i * inputs));
    let f: ArrayLike<number> = [];
    const G = tf.tidy(() => {
      const Xt = tf.tensor2d(flat, [n, inputs]);
      const P = tf.tile(tf.tensor2d(p, [1, dim]), [n, 1]);
      return tf.grad((Q: tf.Tensor) => {
        const out = predict(Q as tf.Tensor2D, Xt);
        if (out.shape[1] !== 1) throw new Error(`The delta-method band is for one output; ${problem.id} has ${out.shape[1]}.`);
        f = out.dataSync();
        return tf.sum(out);
      })(P);
    });
    // Read outside the tidy (tidy would walk a returned typed array's entries).
    values.set(Array.from(f), start);
    gradients.set(G.dataSync(), start * dim);
    G.dispose();
  }
  return { values, gradients };
}

/**
 * The confidence and prediction bands at the points X, from a fit report at the model's
 * parameters (curvature/covariance.ts's gaussNewtonCovariance). Null when the report has no
 * covariance (J^T J singular, or no degrees of freedom left).
 */
export function predictiveBand(problem: Problem, report: FitReport, X: readonly ArrayLike<number>[], level = 0.95): PredictiveBand | null {
  const Sigma = report.covariance;
  if (!Sigma || report.dof <= 0) return null;
  const { dim } = problem;
  const { values: fit, gradients: g } = parameterGradients(problem, report.params, X);
  const N = X.length;
  const variance = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let v = 0;
    for (let a = 0; a < dim; a++) {
      const ga = g[i * dim + a];
      if (ga === 0) continue;
      let row = 0;
      for (let b = 0; b < dim; b++) row += Sigma[a][b] * g[i * dim + b];
      v += ga * row;
    }
    // A covariance that is positive semidefinite gives v >= 0; rounding can leave -1e-17.
    variance[i] = Math.max(v, 0);
  }
  const t = studentQuantile((1 + level) / 2, report.dof);
  const noise = report.scaled ? report.residualSD ** 2 : 1;
  const half = variance.map((v) => t * Math.sqrt(v));
  const predictionHalf = variance.map((v) => t * Math.sqrt(v + noise));
  return {
    level,
    t,
    dof: report.dof,
    fit,
    variance,
    noise,
    lower: fit.map((f, i) => f - half[i]),
    upper: fit.map((f, i) => f + half[i]),
    predictionLower: fit.map((f, i) => f - predictionHalf[i]),
    predictionUpper: fit.map((f, i) => f + predictionHalf[i]),
  };
}
