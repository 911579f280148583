/**
 * Float64 reference for chapter 4, the independent check of the tests (no tfjs): the linear net's
 * forward pass, residuals, their Jacobian, the closed-form loss gradient, Hessian-vector products
 * by central differences of that gradient, and a numerical rank by Jacobi eigenvalues. Same flat
 * layout and residual order as `rahimi-linear-net.ts`: W1 (10 x 6 row-major), W2 (6 x 6
 * row-major); r[i N + n] = Y[i][n] - (W1 W2 X)[i][n].
 */
import { hvpByDifferences } from '../../testing/float64';
import type { RahimiLinearNetSetup } from './rahimi-linear-net';

export interface Linear64 {
  /** Yhat = W1 W2 X, outputs x N row-major. */
  forward(p: number[]): number[];
  /** r = Y - Yhat, output-major. */
  residuals(p: number[]): number[];
  /** Row-major m x dim Jacobian dr/dp. */
  jacobian(p: number[]): Float64Array;
  /** sum(r^2). */
  loss(p: number[]): number;
  /** Closed form: dL/dW1 = -2 R X^T W2^T, dL/dW2 = -2 W1^T R X^T, R = Y - W1 W2 X. */
  grad(p: number[]): number[];
  /** H v by central differences of the float64 gradient: (g(p + h v) - g(p - h v)) / (2 h). */
  hvp(p: number[], v: number[], h?: number): number[];
}

export function linear64(setup: RahimiLinearNetSetup): Linear64 {
  const { outputs: O, inputs: I, hidden: Hd, samples: N, dim, X, Y } = setup;
  const w1 = (p: number[], i: number, j: number) => p[i * Hd + j];
  const w2 = (p: number[], j: number, l: number) => p[O * Hd + j * I + l];

  /** Z = W2 X, hidden x N row-major. */
  const hiddenLayer = (p: number[]) => {
    const Z = new Array<number>(Hd * N).fill(0);
    for (let j = 0; j < Hd; j++) for (let l = 0; l < I; l++) for (let n = 0; n < N; n++) Z[j * N + n] += w2(p, j, l) * X[l * N + n];
    return Z;
  };
  const forwardFrom = (p: number[], Z: number[]) => {
    const out = new Array<number>(O * N).fill(0);
    for (let i = 0; i < O; i++) for (let j = 0; j < Hd; j++) for (let n = 0; n < N; n++) out[i * N + n] += w1(p, i, j) * Z[j * N + n];
    return out;
  };
  const forward = (p: number[]) => forwardFrom(p, hiddenLayer(p));
  const residuals = (p: number[]) => forward(p).map((yhat, k) => Y[k] - yhat);
  const loss = (p: number[]) => residuals(p).reduce((s, r) => s + r * r, 0);

  /** dr_{iN+n}/dW1[i][j] = -Z[j][n] (zero for other outputs), dr_{iN+n}/dW2[j][l] = -W1[i][j] X[l][n]. */
  const jacobian = (p: number[]) => {
    const Z = hiddenLayer(p);
    const J = new Float64Array(O * N * dim);
    for (let i = 0; i < O; i++) {
      for (let n = 0; n < N; n++) {
        const row = (i * N + n) * dim;
        for (let j = 0; j < Hd; j++) {
          J[row + i * Hd + j] = -Z[j * N + n];
          for (let l = 0; l < I; l++) J[row + O * Hd + j * I + l] = -w1(p, i, j) * X[l * N + n];
        }
      }
    }
    return J;
  };

  const grad = (p: number[]) => {
    const R = residuals(p);
    // RXt = R X^T (outputs x inputs).
    const RXt = new Array<number>(O * I).fill(0);
    for (let i = 0; i < O; i++) for (let l = 0; l < I; l++) for (let n = 0; n < N; n++) RXt[i * I + l] += R[i * N + n] * X[l * N + n];
    const g = new Array<number>(dim).fill(0);
    // dL/dW1[i][j] = -2 sum_l RXt[i][l] W2[j][l];  dL/dW2[j][l] = -2 sum_i W1[i][j] RXt[i][l].
    for (let i = 0; i < O; i++) for (let j = 0; j < Hd; j++) for (let l = 0; l < I; l++) g[i * Hd + j] -= 2 * RXt[i * I + l] * w2(p, j, l);
    for (let j = 0; j < Hd; j++) for (let l = 0; l < I; l++) for (let i = 0; i < O; i++) g[O * Hd + j * I + l] -= 2 * w1(p, i, j) * RXt[i * I + l];
    return g;
  };
  const hvp = (p: number[], v: number[], h = 1e-4) => hvpByDifferences(grad, p, v, h);
  return { forward, residuals, jacobian, loss, grad, hvp };
}

/** Eigenvalues of a symmetric n x n matrix (row-major) by cyclic Jacobi rotations, in float64. */
export function symmetricEigenvalues(S: ArrayLike<number>, n: number, sweeps = 50): number[] {
  const A = Float64Array.from(S);
  let total = 0;
  for (let k = 0; k < n * n; k++) total += A[k] ** 2;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] ** 2;
    // Off-diagonal mass below 1e-32 of the whole: the diagonal is the spectrum to rounding.
    if (off <= 1e-32 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => A[i * n + i]);
}
