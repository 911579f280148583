/**
 * How far a quasi-Newton estimate B of the inverse Hessian is from the true one at p (seed 003
 * hoped to take BFGS's B as a covariance):
 *   ||B - H^-1||_F / ||H^-1||_F,
 * with H dense from dim Hessian-vector products and H^-1 by LU in float64. NaN where H is singular.
 * BFGS's B is built from the gradients along its path, so it matches H^-1 only along directions the
 * path has explored, and only once the curvature there has stopped changing: near a minimum of a
 * nearly quadratic loss, after about dim steps.
 */
import { solveLU } from '../linalg/dense';
import { tf } from '../tf';
import type { Oracle } from '../types';

export function inverseHessianError(oracle: Oracle, p: tf.Tensor1D, B: ArrayLike<number>): number {
  const n = oracle.dim;
  const H = oracle.hessian(p);
  let diff = 0;
  let size = 0;
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const column = solveLU(H, e, n);
    if (!column) return NaN;
    for (let i = 0; i < n; i++) {
      diff += (B[i * n + j] - column[i]) ** 2;
      size += column[i] ** 2;
    }
  }
  return Math.sqrt(diff / size);
}
