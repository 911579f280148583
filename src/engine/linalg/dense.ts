/**
 * Small dense solves in float64 JavaScript (tfjs has no solve, inverse or Cholesky, and float32 is
 * too coarse for the normal equations). Matrices are row-major n x n. A system that cannot be
 * solved returns null: the optimizer turns that into the 'singular' stop with its reason.
 */

/** Relative size below which a pivot counts as zero (a few float64 epsilons times n). */
const pivotTolerance = (n: number) => 8 * n * Number.EPSILON;

/** Solves A x = b by LU with partial pivoting (for Newton's possibly indefinite Hessian). */
export function solveLU(A: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array | null {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  const scale = maxAbs(M);
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]) > Math.abs(M[pivot * n + k])) pivot = i;
    if (Math.abs(M[pivot * n + k]) <= pivotTolerance(n) * scale) return null;
    if (pivot !== k) {
      for (let j = 0; j < n; j++) [M[k * n + j], M[pivot * n + j]] = [M[pivot * n + j], M[k * n + j]];
      [x[k], x[pivot]] = [x[pivot], x[k]];
    }
    for (let i = k + 1; i < n; i++) {
      const f = M[i * n + k] / M[k * n + k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) M[i * n + j] -= f * M[k * n + j];
      x[i] -= f * x[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= M[i * n + j] * x[j];
    x[i] = s / M[i * n + i];
  }
  return allFinite(x) ? x : null;
}

/**
 * Solves A x = b for symmetric positive definite A (J^T J, J^T J + mu I) by Cholesky, A = L L^T.
 * Returns null when A is not numerically positive definite, e.g. when a column of J is all zeros.
 */
export function solveCholesky(A: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, A[i * n + i]);
  if (!(maxDiag > 0) || !Number.isFinite(maxDiag)) return null;
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] ** 2;
    if (!(d > pivotTolerance(n) * maxDiag)) return null;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return allFinite(x) ? x : null;
}

/** J^T J (n x n) and J^T r (n) for a row-major m x n Jacobian, in float64. */
export function normalEquations(J: ArrayLike<number>, r: ArrayLike<number>, m: number, n: number) {
  const JtJ = new Float64Array(n * n);
  const Jtr = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    const row = k * n;
    for (let i = 0; i < n; i++) {
      const Jki = J[row + i];
      if (Jki === 0) continue;
      Jtr[i] += Jki * r[k];
      for (let j = i; j < n; j++) JtJ[i * n + j] += Jki * J[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) JtJ[i * n + j] = JtJ[j * n + i];
  return { JtJ, Jtr };
}

/** A + mu I, as a new matrix. */
export function addDiagonal(A: ArrayLike<number>, mu: number, n: number): Float64Array {
  const B = Float64Array.from(A);
  for (let i = 0; i < n; i++) B[i * n + i] += mu;
  return B;
}

export function norm2(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

function allFinite(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
