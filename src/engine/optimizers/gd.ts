/**
 * Gradient descent:  p_{k+1} = p_k - lr * grad L(p_k).
 *
 * The update runs in float32 like the parameters. Near a minimum, lr * grad falls below half the
 * spacing of float32 numbers around p, the update rounds to nothing and p never moves again; the
 * run then stops as 'stalled' (first-order-rule.ts: with no state, an unmoved p is a fixed point).
 */
import { tf } from '../tf';
import { firstOrderOptimizer, type FirstOrderRule } from './first-order-rule';

export const gdRule: FirstOrderRule<'gd'> = {
  coefficients: ({ lr }) => ({ lr }),
  init: () => ({}),
  update: (p, g, _state, c) => ({ next: tf.sub(p, tf.mul(c.lr, g)), state: {} }),
};

export const gd = firstOrderOptimizer('gd', gdRule);
