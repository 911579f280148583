/**
 * Conjugate gradient for A x = b with A symmetric, given only as a product v -> A v (a Hessian- or
 * Gauss-Newton-vector product, or a dense matrix). Float64 JS vectors; started from x = 0, so on a
 * singular consistent system it converges to the minimum-norm solution. Stops after `maxIters`,
 * when the residual is below `tol` relative to |b|, or on non-positive curvature (p^T A p <= 0),
 * where it returns the iterate so far (or b itself if that happens at once: steepest descent).
 * An optional observer sees each iterate x_k and its recurrence residual r_k = b - A x_k, so a
 * caller can trace CG's convergence (curvature/point.ts records residual and distance to x*).
 */
export interface LinearOperator {
  dim: number;
  apply(v: Float64Array): Float64Array;
}

export interface CGResult {
  x: Float64Array;
  iterations: number;
  /** |b - A x| / |b| at the end. */
  relativeResidual: number;
  /** True when CG stopped because A is not positive definite along a search direction. */
  negativeCurvature: boolean;
}

export interface CGOptions {
  /**
   * Called after iteration k (1, 2, ...) with the iterate x_k and the residual r_k = b - A x_k as
   * CG updates it (equal to the true residual up to round-off). Both are CG's own arrays, changed
   * by the next iteration: copy what you keep, and write to neither. Not called for an iteration
   * that stops on non-positive curvature (it makes no step).
   */
  onIteration?: (k: number, x: Float64Array, r: Float64Array) => void;
}

export function conjugateGradient(A: LinearOperator, b: Float64Array, maxIters: number, tol = 1e-10, { onIteration }: CGOptions = {}): CGResult {
  const n = A.dim;
  const x = new Float64Array(n);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  const bNorm = Math.sqrt(dot(b, b));
  let rr = dot(r, r);
  if (bNorm === 0) return { x, iterations: 0, relativeResidual: 0, negativeCurvature: false };
  for (let k = 0; k < maxIters; k++) {
    const Ap = A.apply(p);
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) {
      const first = k === 0;
      return { x: first ? Float64Array.from(b) : x, iterations: k, relativeResidual: Math.sqrt(rr) / bNorm, negativeCurvature: true };
    }
    const alpha = rr / pAp;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * Ap[i];
    }
    onIteration?.(k + 1, x, r);
    const rrNew = dot(r, r);
    if (Math.sqrt(rrNew) <= tol * bNorm) return { x, iterations: k + 1, relativeResidual: Math.sqrt(rrNew) / bNorm, negativeCurvature: false };
    const beta = rrNew / rr;
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
    rr = rrNew;
  }
  return { x, iterations: maxIters, relativeResidual: Math.sqrt(rr) / bNorm, negativeCurvature: false };
}

/** A dense row-major n x n matrix as an operator, optionally damped: (A + damping I) v. */
export function denseOperator(A: ArrayLike<number>, n: number, damping = 0): LinearOperator {
  return {
    dim: n,
    apply(v) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = damping * v[i];
        for (let j = 0; j < n; j++) s += A[i * n + j] * v[j];
        out[i] = s;
      }
      return out;
    },
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
