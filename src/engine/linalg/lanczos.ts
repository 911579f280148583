/**
 * Lanczos with full reorthogonalisation: the extreme eigenvalues of a symmetric operator given only
 * as v -> A v (a Hessian-vector product). From a unit start q_1, step j computes
 *   w = A q_j,  alpha_j = q_j^T w,  w <- w - alpha_j q_j - beta_{j-1} q_{j-1},  beta_j = |w|,
 *   q_{j+1} = w / beta_j,
 * so Q^T A Q = T, tridiagonal with alpha on the diagonal and beta beside it. The eigenvalues of T
 * (Ritz values theta) approximate A's, the extreme ones first (Kaniel-Paige: the error shrinks like
 * a Chebyshev polynomial in the gap). In floating point the q's lose orthogonality as soon as a
 * Ritz value converges and T then grows spurious copies of it; w is therefore orthogonalised
 * against every earlier q, twice ("twice is enough", Parlett), which costs O(j n) a step and keeps
 * Q orthogonal to rounding. A Ritz pair (theta, y = Q s) is judged by its true residual
 * |A y - theta y|, formed from the stored products A q_j (no further products): A y = (A Q) s.
 *
 * Breakdown: when beta_j falls to rounding (n eps times the largest |A q| seen), the Krylov space
 * is invariant under A, its Ritz values are exact eigenvalues, and the iteration stops there. An
 * operator computed in float32 never reaches that threshold: its rounding (~1e-7 |A|) then acts as
 * a fresh direction orthogonal to Q, which the iteration simply continues with.
 */
import { symmetricEigen } from './eigen';
import type { LinearOperator } from './cg';
import { createRandom } from '../random';

export interface RitzPair {
  /** theta, an eigenvalue of T. */
  value: number;
  /** |A y - theta y|: for symmetric A some eigenvalue lies within this of theta. */
  residual: number;
  /** y = Q s, of unit length. */
  vector: Float64Array;
}

export interface LanczosResult {
  /** Every Ritz value, ascending (as many as steps taken). */
  values: Float64Array;
  /** The k smallest Ritz pairs, ascending. */
  smallest: RitzPair[];
  /** The k largest Ritz pairs, descending. */
  largest: RitzPair[];
  /** Steps taken: min(iterations, dim), or fewer on breakdown. */
  iterations: number;
  /** True when an invariant subspace ended the iteration early. */
  breakdown: boolean;
}

export interface LanczosOptions {
  /** How many Ritz pairs to report at each end (default 1). */
  k?: number;
  /** Seed of the random start vector (default 1). */
  seed?: number;
}

export function lanczos(A: LinearOperator, iterations: number, { k = 1, seed = 1 }: LanczosOptions = {}): LanczosResult {
  const n = A.dim;
  const steps = Math.max(0, Math.min(Math.floor(iterations), n));
  const Q: Float64Array[] = [];
  const AQ: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let breakdown = false;
  let normA = 0;

  const random = createRandom(seed);
  let q = Float64Array.from({ length: n }, () => random.normal());
  scale(q, 1 / norm(q));
  for (let j = 0; j < steps; j++) {
    Q.push(q);
    // A copy: an operator may reuse its output buffer.
    const Aq = Float64Array.from(A.apply(q));
    AQ.push(Aq);
    normA = Math.max(normA, norm(Aq));
    const w = Float64Array.from(Aq);
    alpha.push(dot(q, w));
    // The three-term recurrence is implied by projecting out every q (twice).
    for (let pass = 0; pass < 2; pass++) {
      for (const qi of Q) axpy(-dot(qi, w), qi, w);
    }
    if (j === steps - 1) break;
    const b = norm(w);
    if (!(b > n * Number.EPSILON * normA)) {
      breakdown = true;
      break;
    }
    beta.push(b);
    q = w;
    scale(q, 1 / b);
  }

  const m = Q.length;
  const T = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    T[i * m + i] = alpha[i];
    if (i + 1 < m) T[i * m + i + 1] = T[(i + 1) * m + i] = beta[i];
  }
  const { values, vectors: S } = symmetricEigen(T, m);

  /** The Ritz pair of values[c]: y = Q s, A y = (A Q) s, s = column c of S. */
  const pair = (c: number): RitzPair => {
    const y = new Float64Array(n);
    const Ay = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      axpy(S[i * m + c], Q[i], y);
      axpy(S[i * m + c], AQ[i], Ay);
    }
    axpy(-values[c], y, Ay);
    return { value: values[c], residual: norm(Ay), vector: y };
  };
  const count = Math.min(Math.max(0, k), m);
  return {
    values,
    smallest: Array.from({ length: count }, (_, c) => pair(c)),
    largest: Array.from({ length: count }, (_, c) => pair(m - 1 - c)),
    iterations: m,
    breakdown,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const norm = (a: Float64Array) => Math.sqrt(dot(a, a));

/** y <- y + a x. */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a;
}
