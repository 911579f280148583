/**
 * Newton's method with the exact Hessian:  p_{k+1} = p_k - H(p_k)^{-1} grad L(p_k).
 *
 * H comes from double backprop (one Hessian-vector product per parameter) and the system is
 * solved in float64 by LU with partial pivoting, since H need not be positive definite. A
 * singular H stops the run with that reason.
 */
import { stopMessage } from '../../catalog';
import { solveLU } from '../linalg/dense';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, unchanged, type GradientState } from './first-order-state';

export const newton: Optimizer<'newton', GradientState> = {
  id: 'newton',
  init: (p, oracle) => evaluateAt(p, oracle),
  step(state, oracle) {
    const H = oracle.hessian(state.params);
    const d = solveLU(H, state.grad.dataSync(), oracle.dim);
    if (!d) return { reason: 'singular', message: stopMessage('singular', 'The Hessian has no inverse at this point.') };
    const next = tf.sub(state.params, tf.tensor1d(Float64Array.from(d))) as tf.Tensor1D;
    if (unchanged(next, state.params)) {
      return { reason: 'stalled', message: stopMessage('stalled', `The Newton step rounds to zero in ${tf.precisionName()}.`) };
    }
    return evaluateAt(next, oracle);
  },
};
