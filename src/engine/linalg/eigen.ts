/**
 * The eigendecomposition of a small dense symmetric matrix, A = V diag(lambda) V^T, in float64 JS:
 * ml-matrix's EigenvalueDecomposition (JAMA's tred2 + tql2: Householder reduction to tridiagonal
 * form, then implicit QL), backward stable, so every eigenvalue is within a few n eps |A|_2 of the
 * true one and V is orthogonal to the same order. A Hessian assembled from float32 products is
 * symmetric only to its last bits, so the input is symmetrised first, (A + A^T) / 2: the
 * decomposition is that of A's symmetric part.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigen {
  /** The eigenvalues, ascending. */
  values: Float64Array;
  /** n x n row-major: column k (entries k, n + k, 2n + k, ...) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/**
 * A is n x n, row-major. A matrix with a non-finite entry has no meaningful spectrum: every value
 * and vector entry is then NaN (a value, not an exception, as everywhere in the engine).
 */
export function symmetricEigen(A: ArrayLike<number>, n: number): SymmetricEigen {
  if (A.length !== n * n) throw new Error(`symmetricEigen: expected ${n} x ${n} = ${n * n} entries, got ${A.length}.`);
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(A[i])) return { values: new Float64Array(n).fill(NaN), vectors: new Float64Array(n * n).fill(NaN) };
  }
  const S = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    S.set(i, i, A[i * n + i]);
    for (let j = 0; j < i; j++) {
      const s = (A[i * n + j] + A[j * n + i]) / 2;
      S.set(i, j, s);
      S.set(j, i, s);
    }
  }
  const evd = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  // tql2 already sorts ascending; the sort keeps that a guarantee of this function, not of the library.
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => lambda[a] - lambda[b]);
  const values = Float64Array.from(order, (k) => lambda[k]);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) vectors[i * n + k] = V.get(i, order[k]);
  return { values, vectors };
}
