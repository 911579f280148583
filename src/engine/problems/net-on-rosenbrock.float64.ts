/**
 * Float64 reference for chapter 3, the independent check of the tests (no tfjs): the net's forward
 * pass, residuals, their Jacobian and the loss gradient by hand-written backprop, and
 * Hessian-vector products by central differences of that gradient. Same flat layout as
 * `net-on-rosenbrock.ts`: W1 (2 x H row-major), b1, W2, b2.
 */
import { hvpByDifferences } from '../../testing/float64';
import type { NetData } from './net-on-rosenbrock';

export interface Net64 {
  /** Residuals r_i = z_i - zhat_i. */
  residuals(p: number[]): number[];
  /** Row-major m x dim Jacobian dr/dp. */
  jacobian(p: number[]): number[][];
  /** mean(r^2). */
  loss(p: number[]): number;
  /** grad loss = (2/m) J^T r. */
  grad(p: number[]): number[];
  /** H v by central differences of the float64 gradient: (g(p + h v) - g(p - h v)) / (2 h). */
  hvp(p: number[], v: number[], h?: number): number[];
}

export function net64({ x, y, z }: NetData, hidden: number): Net64 {
  const H = hidden;
  const m = z.length;
  const dim = 4 * H + 1;

  /** Hidden activations h[i][j] = tanh(W1[0][j] x_i + W1[1][j] y_i + b1[j]). */
  const hiddenLayer = (p: number[]) => x.map((xi, i) => Array.from({ length: H }, (_, j) => Math.tanh(p[j] * xi + p[H + j] * y[i] + p[2 * H + j])));

  const residualsOf = (p: number[], h: number[][]) =>
    z.map((zi, i) => {
      let zhat = p[4 * H];
      for (let j = 0; j < H; j++) zhat += p[3 * H + j] * h[i][j];
      return zi - zhat;
    });

  /**
   * dr_i/dW2_j = -h_ij, dr_i/db2 = -1, and with s_ij = W2_j (1 - h_ij^2) (the chain through tanh):
   * dr_i/dW1[0][j] = -s_ij x_i, dr_i/dW1[1][j] = -s_ij y_i, dr_i/db1_j = -s_ij.
   */
  const jacobianOf = (p: number[], h: number[][]) =>
    h.map((hi, i) => {
      const row = new Array<number>(dim).fill(0);
      for (let j = 0; j < H; j++) {
        const s = p[3 * H + j] * (1 - hi[j] * hi[j]);
        row[j] = -s * x[i];
        row[H + j] = -s * y[i];
        row[2 * H + j] = -s;
        row[3 * H + j] = -hi[j];
      }
      row[4 * H] = -1;
      return row;
    });

  const residuals = (p: number[]) => residualsOf(p, hiddenLayer(p));
  const jacobian = (p: number[]) => jacobianOf(p, hiddenLayer(p));
  const loss = (p: number[]) => residuals(p).reduce((s, r) => s + r * r, 0) / m;
  const grad = (p: number[]) => {
    const h = hiddenLayer(p);
    const r = residualsOf(p, h);
    const J = jacobianOf(p, h);
    const g = new Array<number>(dim).fill(0);
    for (let i = 0; i < m; i++) for (let k = 0; k < dim; k++) g[k] += (2 / m) * J[i][k] * r[i];
    return g;
  };
  const hvp = (p: number[], v: number[], h = 1e-4) => hvpByDifferences(grad, p, v, h);
  return { residuals, jacobian, loss, grad, hvp };
}
