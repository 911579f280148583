/**
 * Gradient descent:  p_{k+1} = p_k - lr * grad L(p_k).
 *
 * The update runs in float32 like the parameters. Near a minimum, lr * grad falls below half the
 * spacing of float32 numbers around p, the update rounds to nothing and p never moves again; the
 * run then stops as 'stalled' (running on would repeat the same step forever).
 */
import { stopMessage } from '../../catalog';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import type { FirstOrderRule } from './first-order-rule';
import { evaluateAt, unchanged, type GradientState } from './first-order-state';

export const gdRule: FirstOrderRule = {
  coefficients: ({ lr }) => ({ lr }),
  init: () => ({}),
  update: (p, g, _state, c) => ({ next: tf.sub(p, tf.mul(c.lr, g)), state: {} }),
};

export const gd: Optimizer<GradientState> = {
  id: 'gd',
  init: (p, oracle) => evaluateAt(p, oracle),
  step(state, oracle, { lr }) {
    const next = gdRule.update(state.params, state.grad, {}, { lr: tf.scalar(lr) }).next as tf.Tensor1D;
    if (unchanged(next, state.params)) {
      return {
        reason: 'stalled',
        message: stopMessage(
          'stalled',
          `The parameters stopped changing: lr x |gradient| = ${(lr * state.gradNorm).toExponential(1)} is below half the ${tf.precisionName()} spacing around them, so the update rounds to zero.`,
        ),
      };
    }
    return evaluateAt(next, oracle);
  },
};
