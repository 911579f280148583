/**
 * Gauss-Newton:  p_{k+1} = p_k - (J^T J)^{-1} J^T r,  with r = z - zhat and J = dr/dp (seed 000).
 *
 * J comes in one backward pass (each residual has its own copy of p); J^T J is solved in float64
 * by Cholesky. When J^T J is singular (a zero column of J, say) the run stops with that reason.
 */
import { stopMessage } from '../../catalog';
import { solveCholesky } from '../linalg/dense';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { unchanged } from './first-order-state';
import { evaluateResidualsAt, type LeastSquaresState } from './least-squares-state';

export const gaussNewton: Optimizer<LeastSquaresState> = {
  id: 'gauss-newton',
  init: (p, oracle) => evaluateResidualsAt(p, oracle),
  step(state, oracle) {
    const d = solveCholesky(state.JtJ, state.Jtr, oracle.dim);
    if (!d) return { reason: 'singular', message: stopMessage('singular', 'J^T J is not positive definite (J has dependent or zero columns).') };
    const next = tf.sub(state.params, tf.tensor1d(Float32Array.from(d))) as tf.Tensor1D;
    if (unchanged(next, state.params)) {
      return { reason: 'stalled', message: stopMessage('stalled', 'The Gauss-Newton step rounds to zero in float32.') };
    }
    return evaluateResidualsAt(next, oracle);
  },
};
