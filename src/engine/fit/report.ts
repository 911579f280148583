/**
 * The fit report a curve_fit or lmfit user expects, from the residuals r and their Jacobian J at
 * the solution, in float64: RSS, degrees of freedom, the residual standard deviation, the
 * covariance s^2 (J^T J)^-1 (or (J^T J)^-1 when the uncertainties are absolute), each parameter's
 * standard error and the correlation matrix, and the condition number of J^T J.
 *
 * The covariance comes from the singular values of J with its columns scaled to unit length
 * (J D^-1 = U S V^T, (J^T J)^-1 = D^-1 V S^-2 V^T D^-1): forming J^T J first would square J's
 * condition number before inverting, and without the scaling, parameters of very different sizes
 * (NIST's Kirby2: x up to 1,800 and x^3 in one model) look singular when they are not. The
 * condition number is the scaled J^T J's. When it is singular or nearly so, the report names the
 * combination of parameters the data cannot determine instead of printing infinities.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { FitReport } from '../../catalog';

/**
 * J^T J counts as singular when its condition number passes 1 / (64 eps): its inverse would then
 * carry no correct digit.
 */
export const SINGULAR_CONDITION = 1 / (64 * Number.EPSILON);

/** J is m x n, row-major; r has m entries. */
export function fitReport(names: string[], params: number[], r: ArrayLike<number>, J: ArrayLike<number>, options: { absoluteSigma?: boolean } = {}): FitReport {
  const m = r.length;
  const n = params.length;
  let rss = 0;
  for (let i = 0; i < m; i++) rss += r[i] * r[i];
  const dof = m - n;
  const scaled = !options.absoluteSigma;
  const s2 = scaled ? rss / dof : 1;
  // D: each column's length (1 for a column of zeros, which the SVD then reports as singular).
  const D = Array.from({ length: n }, (_, k) => {
    let c = 0;
    for (let i = 0; i < m; i++) c += J[i * n + k] ** 2;
    return Math.sqrt(c) || 1;
  });
  const rows = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, k) => J[i * n + k] / D[k]));
  const svd = new SingularValueDecomposition(new Matrix(rows), { computeLeftSingularVectors: false, autoTranspose: true });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors;
  const [largest, smallest] = [Math.max(...s), Math.min(...s)];
  const conditionNumber = smallest > 0 ? (largest / smallest) ** 2 : Infinity;
  const base = { names, params, rss, dof, residualSD: Math.sqrt(rss / dof), scaled, conditionNumber };
  if (!(conditionNumber < SINGULAR_CONDITION)) return { ...base, covariance: null, stdErrors: null, correlation: null, undetermined: undetermined(V, s.indexOf(smallest), D) };
  // As many parameters as observations: nothing is left to estimate s^2 from.
  if (scaled && dof <= 0) return { ...base, covariance: null, stdErrors: null, correlation: null, undetermined: null };
  const covariance = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let c = 0;
      for (let k = 0; k < n; k++) c += (V.get(i, k) * V.get(j, k)) / (s[k] * s[k]);
      return (s2 * c) / (D[i] * D[j]);
    }),
  );
  const stdErrors = covariance.map((row, i) => Math.sqrt(row[i]));
  const correlation = covariance.map((row, i) => row.map((c, j) => c / (stdErrors[i] * stdErrors[j])));
  return { ...base, covariance, stdErrors, correlation, undetermined: null };
}

/**
 * The direction of the parameters along which J (nearly) vanishes: D^-1 times V's column k, as a
 * unit vector signed so that its largest entry is positive.
 */
function undetermined(V: Matrix, k: number, D: number[]): number[] {
  const v = V.getColumn(k).map((x, i) => x / D[i]);
  const length = Math.hypot(...v);
  const big = v.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  return v.map((x) => (big < 0 ? -x : x) / length);
}
