/**
 * Gauss-Newton:  p_{k+1} = p_k - lr (J^T J + damping I)^{-1} J^T r,  with r = z - zhat and
 * J = dr/dp (seed 000). Plain Gauss-Newton is lr = 1, damping = 0. A step scale below 1 and a
 * small fixed damping give the least-squares steps of seed 002 (chapter 4): as damping -> 0 the
 * damped step tends to the minimum-norm solution of J d = r when J^T J is singular.
 *
 * J comes in one backward pass (each residual has its own copy of p); the system is solved in
 * float64 by Cholesky. When it is singular (a zero column of J, say) the run stops with that reason.
 */
import { stopMessage } from '../../catalog';
import { addDiagonal, solveCholesky } from '../linalg/dense';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { unchanged } from './first-order-state';
import { evaluateResidualsAt, type LeastSquaresState } from './least-squares-state';

export const gaussNewton: Optimizer<'gauss-newton', LeastSquaresState> = {
  id: 'gauss-newton',
  init: (p, oracle) => evaluateResidualsAt(p, oracle),
  step(state, oracle, { lr, damping }) {
    const n = oracle.dim;
    const d = solveCholesky(damping > 0 ? addDiagonal(state.JtJ, damping, n) : state.JtJ, state.Jtr, n);
    if (!d) return { reason: 'singular', message: stopMessage('singular', 'J^T J is not positive definite (J has dependent or zero columns).') };
    const next = tf.sub(state.params, tf.tensor1d(Float64Array.from(d, (di) => lr * di))) as tf.Tensor1D;
    if (unchanged(next, state.params)) {
      return { reason: 'stalled', message: stopMessage('stalled', `The Gauss-Newton step rounds to zero in ${tf.precisionName()}.`) };
    }
    return evaluateResidualsAt(next, oracle);
  },
};
