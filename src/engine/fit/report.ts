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
 * condition number is the scaled J^T J's. Correlations come from (J^T J)^-1 itself, where s^2
 * cancels, so an exact fit (RSS = 0, chapter 1 at (2.5, 2.5)) has zero standard errors and
 * finite correlations rather than 0 / 0.
 *
 * When J^T J is singular or nearly so, the report names what the data cannot determine instead of
 * printing infinities: the right singular vectors of the scaled J whose singular values s_k have
 * (s_max / s_k)^2 at or past SINGULAR_CONDITION span the undetermined subspace (J v ~ 0 in it). The report gives its
 * dimension (n - rank), an orthonormal basis in the parameters' own units (D^-1 V_k, weakest
 * first, orthonormalised), and per parameter whether it is determined: parameter i is when e_i is
 * orthogonal to the subspace (row i of V's weak columns is zero; D does not change which rows
 * are). A determined parameter still has a standard error: for c orthogonal to the subspace,
 * c^T G c is the same for every generalised inverse G of J^T J (A G A = A), and
 * G = D^-1 V S+^2 V^T D^-1, with S+ inverting only the singular values kept, is one (exactly so
 * when the weak ones are exact zeros, the truncated SVD otherwise). Its s^2 is RSS / (m - rank),
 * the rank-deficient model's degrees of freedom.
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import type { FitReport } from '../../catalog';

/**
 * J^T J counts as singular when its condition number passes 1 / (64 eps): its inverse would then
 * carry no correct digit.
 */
export const SINGULAR_CONDITION = 1 / (64 * Number.EPSILON);

/**
 * A parameter is determined when its share of the undetermined subspace (the length of its row in
 * V's weak columns, scaled coordinates) is below this: an exact zero comes out of the SVD as the
 * rounding of J over the gap between the singular values. Measured on y = a d exp(-b x), where b
 * is determined: 1e-21 from a float64 J, 8e-9 from a float32 one.
 */
export const DETERMINED_SHARE = 1e-6;

export interface FitReportOptions {
  /** Sigma taken as absolute: the covariance is (J^T J)^-1, not scaled by s^2. */
  absoluteSigma?: boolean;
  /**
   * The condition of the scaled J^T J from which a direction counts as undetermined (default
   * SINGULAR_CONDITION, for a float64 J). A float32 J carries up to 1.2e-7 relative rounding per
   * entry, so its exactly singular directions come out with singular values up to that order of
   * the largest (1.2e-8 to 1.8e-8 on chapter 4, measured), within a factor of 10 of the float64
   * cut (1.2e-7): callers with a float32 J pass a smaller condition (curvature/covariance.ts).
   */
  singularCondition?: number;
}

/** J is m x n, row-major; r has m entries. */
export function fitReport(names: string[], params: number[], r: ArrayLike<number>, J: ArrayLike<number>, options: FitReportOptions = {}): FitReport {
  const m = r.length;
  const n = params.length;
  const singularCondition = options.singularCondition ?? SINGULAR_CONDITION;
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
  // Fewer rows than parameters: rows of zeros up to n, so that the SVD returns all n singular
  // values and right singular vectors (the missing ones are the null space).
  const scaledJ = new Matrix(Math.max(m, n), n);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) scaledJ.set(i, k, J[i * n + k] / D[k]);
  // Many more rows than parameters (chapter 4: 10,000 x 96): J D^-1 = Q R first (Householder,
  // backward stable), then the SVD of the n x n R, which has the same singular values and right
  // singular vectors; 2.5 times faster there than the SVD of the tall matrix (measured).
  const square = m > 2 * n ? new QrDecomposition(scaledJ).upperTriangularMatrix : scaledJ;
  const svd = new SingularValueDecomposition(square, { computeLeftSingularVectors: false, autoTranspose: true });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors;
  const [largest, smallest] = [Math.max(...s), Math.min(...s)];
  const conditionNumber = smallest > 0 ? (largest / smallest) ** 2 : Infinity;
  const base = { names, params, rss, dof, residualSD: Math.sqrt(rss / dof), scaled, conditionNumber };
  const none = { covariance: null, stdErrors: null, correlation: null };
  // The weak directions, weakest first ((largest / 0)^2 = Infinity and 0 / 0 = NaN both count).
  const weak = s
    .map((sk, k) => [sk, k])
    .filter(([sk]) => !((largest / sk) ** 2 < singularCondition))
    .sort((a, b) => a[0] - b[0])
    .map(([, k]) => k);
  if (weak.length) return { ...base, ...none, ...undeterminedSubspace(V, s, weak, D, scaled ? rss : null, m) };
  // As many parameters as observations: nothing is left to estimate s^2 from.
  if (scaled && dof <= 0) return { ...base, ...none, undetermined: null, undeterminedSubspace: null };
  // C = (J^T J)^-1 = D^-1 V S^-2 V^T D^-1.
  const C = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let c = 0;
      for (let k = 0; k < n; k++) c += (V.get(i, k) * V.get(j, k)) / (s[k] * s[k]);
      return c / (D[i] * D[j]);
    }),
  );
  const covariance = C.map((row) => row.map((c) => s2 * c));
  const stdErrors = covariance.map((row, i) => Math.sqrt(row[i]));
  const correlation = C.map((row, i) => row.map((c, j) => c / Math.sqrt(C[i][i] * C[j][j])));
  return { ...base, covariance, stdErrors, correlation, undetermined: null, undeterminedSubspace: null };
}

/**
 * The subspace spanned by V's weak columns, in the parameters' own units; the determined
 * parameters and their standard errors (`rss` null when sigma is absolute).
 */
function undeterminedSubspace(V: Matrix, s: number[], weak: number[], D: number[], rss: number | null, m: number): Pick<FitReport, 'undetermined' | 'undeterminedSubspace'> {
  const n = D.length;
  const basis: number[][] = [];
  for (const k of weak) {
    const v = V.getColumn(k).map((x, i) => x / D[i]);
    // Gram-Schmidt, twice (the second pass removes what rounding left of the first).
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        const c = dot(v, b);
        for (let i = 0; i < n; i++) v[i] -= c * b[i];
      }
    }
    basis.push(signedUnit(v));
  }
  const rank = n - weak.length;
  const strong = s.map((_, k) => k).filter((k) => !weak.includes(k));
  // The residual variance of the rank-deficient model; none to estimate it from when m <= rank.
  const s2 = rss === null ? 1 : m > rank ? rss / (m - rank) : NaN;
  const determined = D.map((_, i) => Math.hypot(...weak.map((k) => V.get(i, k))) < DETERMINED_SHARE);
  const stdErrors = D.map((d, i) => {
    if (!determined[i] || !Number.isFinite(s2)) return null;
    let c = 0;
    for (const k of strong) c += (V.get(i, k) / s[k]) ** 2;
    return Math.sqrt(s2 * c) / d;
  });
  return { undetermined: basis[0], undeterminedSubspace: { dimension: weak.length, basis, determined, stdErrors } };
}

/** v as a unit vector, signed so that its largest entry is positive. */
function signedUnit(v: number[]): number[] {
  const length = Math.hypot(...v);
  const big = v.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  return v.map((x) => (big < 0 ? -x : x) / length);
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
