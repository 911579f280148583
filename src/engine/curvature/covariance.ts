/**
 * Error bars at any parameters of a least-squares problem (chapters 1, 3 and 4, the fit lab): the
 * covariance of the estimate p under the model z_i = f_i(p) + e_i, e_i ~ N(0, sigma^2)
 * independent, two ways.
 *
 * Gauss-Newton (Laplace with J^T J): Sigma = s^2 (J^T J)^-1, s^2 = RSS / (m - n), from the
 * oracle's residuals and Jacobian and fit/report.ts's fitReport (the one home of that rule: its
 * scaled SVD, its standard errors, correlations and condition number, and the undetermined
 * subspace when J^T J is singular). This is what curve_fit, lmfit and NIST report.
 *
 * Full Hessian (Laplace with H): the negative log-likelihood of the model is
 *   NLL(p) = sum r_i^2 / (2 sigma^2) + const,
 * and the engine's loss is L = c sum r_i^2 (c = residualScale: 1/m for chapters 1 and 3's mean
 * square, 1 for chapter 4's and the fit lab's sum of squares), so NLL = L / (2 c sigma^2) + const
 * and its Hessian is H / (2 c sigma^2), H = d^2 L / dp^2 (oracle.hessian). The Laplace
 * approximation's covariance is the inverse of that:
 *   Sigma_H = 2 c sigma^2 H^-1,   sigma^2 estimated by s^2 = RSS / (m - n) (1 when sigma is absolute,
 * the residuals then being weighted by 1/sigma_i). Since H = 2 c (J^T J + sum_i r_i Hess(r_i)),
 * Sigma_H = s^2 (J^T J + sum_i r_i Hess(r_i))^-1: the Gauss-Newton covariance where the residuals
 * vanish, and different where the residuals' own curvature matters. It exists only where H is
 * positive definite (a strict local minimum); elsewhere the answer is null, with the reason.
 */
import type { FitReport } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { fitReport, SINGULAR_CONDITION } from '../fit/report';
import { symmetricEigen } from '../linalg/eigen';
import { tf } from '../tf';
import type { Problem } from '../types';

export interface CovarianceOptions {
  /** Parameter names for the report (default: the problem's own for a fit, else p0, p1, ...). */
  names?: string[];
  /** Sigma taken as absolute (residuals already divided by their sigma): no s^2 scaling. */
  absoluteSigma?: boolean;
}

/**
 * The condition of the scaled J^T J from which a float32 Jacobian's direction counts as
 * undetermined: 1e13, singular values below 3.2e-7 (about 2.7 float32 epsilons) of the largest.
 * A float32 J carries up to eps32 = 1.2e-7 relative rounding per entry, so its exactly singular
 * directions come out with singular values up to that order (chapter 4 at its seeded start:
 * 1.2e-8 to 1.8e-8 of the largest, a condition of 7e15, measured), which float64's
 * SINGULAR_CONDITION (7e13, singular values 1.2e-7) would leave within a factor of 10. Real
 * directions stay well above it: chapter 3's trained nets reach 3.4e11 (seed 1), the same to four
 * digits in float32 and float64.
 */
export const FLOAT32_SINGULAR_CONDITION = 1e13;

/** The report's names: the option, the fit problem's parameters, or p0, p1, ... */
function namesOf(problem: Problem, options: CovarianceOptions): string[] {
  const own = (problem as Problem & { parameters?: string[] }).parameters;
  return options.names ?? own ?? Array.from({ length: problem.dim }, (_, k) => `p${k}`);
}

/**
 * The Gauss-Newton covariance s^2 (J^T J)^-1 at `params` as a fit report (standard errors,
 * correlations, condition number; the undetermined subspace when J^T J is singular). J comes in
 * the current backend's precision (one backward pass), the algebra in float64. Throws for a
 * problem without residuals.
 */
export function gaussNewtonCovariance(problem: Problem, params: ArrayLike<number>, options: CovarianceOptions = {}): FitReport {
  const oracle = createOracle(problem);
  const p = tf.tensor1d(Float64Array.from(params));
  try {
    const { r, J } = oracle.residualsAndJacobian(p);
    const singularCondition = tf.precisionName() === 'float64' ? SINGULAR_CONDITION : FLOAT32_SINGULAR_CONDITION;
    return fitReport(namesOf(problem, options), Array.from(params), r, J, { absoluteSigma: options.absoluteSigma, singularCondition });
  } finally {
    p.dispose();
  }
}

/** The Laplace covariance 2 c s^2 H^-1, or why there is none. */
export type HessianCovariance =
  | {
      covariance: number[][];
      stdErrors: number[];
      correlation: number[][];
      /** s^2 = RSS / (m - n), or 1 when sigma is absolute. */
      s2: number;
      /** The factor 2 c s^2 in Sigma_H = 2 c s^2 H^-1. */
      factor: number;
      /** Eigenvalues of the Jacobi-scaled Hessian D^-1 H D^-1 (D = sqrt(diag H)), ascending. */
      eigenvalues: Float64Array;
      /** Their ratio, largest / smallest. */
      conditionNumber: number;
    }
  | { covariance: null; reason: string; eigenvalues: Float64Array | null };

/**
 * Sigma_H = 2 c s^2 H^-1 at `params`, where H (dense, from dim Hessian-vector products in the
 * backend's precision) is positive definite. H is scaled to unit diagonal first (D^-1 H D^-1,
 * D = sqrt(diag H)), which changes neither whether it is positive definite nor its inverse's
 * meaning, only the rounding (parameters of very different sizes). Positive definite means every
 * eigenvalue of the scaled H is above n eps (of the backend's precision) times the largest, the
 * rule spectrum.ts counts zero eigenvalues by: below that its sign is rounding.
 */
export function hessianCovariance(problem: Problem, params: ArrayLike<number>, options: CovarianceOptions = {}): HessianCovariance {
  const n = problem.dim;
  const m = problem.residualCount;
  if (!problem.residuals || m === undefined) return { covariance: null, reason: `${problem.id} is not a least-squares problem: no noise model to scale H by.`, eigenvalues: null };
  const c = problem.residualScale ?? 1 / m;
  const oracle = createOracle(problem);
  const p = tf.tensor1d(Float64Array.from(params));
  let H: Float64Array;
  let loss: number;
  try {
    H = oracle.hessian(p);
    loss = oracle.loss(p);
  } finally {
    p.dispose();
  }
  const s2 = options.absoluteSigma ? 1 : loss / c / (m - n);
  if (!(s2 >= 0) || !Number.isFinite(s2)) return { covariance: null, reason: `No residual variance: ${m} residuals for ${n} parameters.`, eigenvalues: null };
  const names = namesOf(problem, options);
  for (let i = 0; i < n; i++) {
    const h = H[i * n + i];
    if (!(h > 0)) return { covariance: null, reason: `H is not positive definite: its diagonal entry for ${names[i]} is ${h}.`, eigenvalues: null };
  }
  const D = Array.from({ length: n }, (_, i) => Math.sqrt(H[i * n + i]));
  const { values, vectors } = symmetricEigen(
    H.map((h, k) => h / (D[Math.floor(k / n)] * D[k % n])),
    n,
  );
  const [smallest, largest] = [values[0], values[n - 1]];
  if (!Number.isFinite(smallest)) return { covariance: null, reason: 'H has a non-finite entry.', eigenvalues: values };
  const tolerance = n * (tf.precisionName() === 'float64' ? Number.EPSILON : 2 ** -23) * largest;
  if (!(smallest > tolerance)) {
    const negative = values.filter((lambda) => lambda < -tolerance).length;
    const reason = negative
      ? `H is not positive definite: ${negative} of its ${n} eigenvalues (unit-diagonal scaling) are negative, the smallest ${smallest.toPrecision(3)} against the largest ${largest.toPrecision(3)}: not a minimum.`
      : `H is singular in ${tf.precisionName()}: its smallest eigenvalue (unit-diagonal scaling) ${smallest.toPrecision(3)} is within rounding (${tolerance.toPrecision(3)}) of zero against the largest ${largest.toPrecision(3)}.`;
    return { covariance: null, reason, eigenvalues: values };
  }
  // Sigma_H = factor D^-1 Q Lambda^-1 Q^T D^-1.
  const factor = 2 * c * s2;
  const inverse = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let v = 0;
      for (let k = 0; k < n; k++) v += (vectors[i * n + k] * vectors[j * n + k]) / values[k];
      return v / (D[i] * D[j]);
    }),
  );
  const covariance = inverse.map((row) => row.map((v) => factor * v));
  const stdErrors = covariance.map((row, i) => Math.sqrt(row[i]));
  const correlation = inverse.map((row, i) => row.map((v, j) => v / Math.sqrt(inverse[i][i] * inverse[j][j])));
  return { covariance, stdErrors, correlation, s2, factor, eigenvalues: values, conditionNumber: largest / smallest };
}
