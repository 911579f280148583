/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6e), epsilon outside the square root as in Keras:
 *   s_{k+1} = rho s_k + (1 - rho) g_k^2,   p_{k+1} = p_k - lr g_k / (sqrt(s_{k+1}) + eps).
 */
import { tf } from '../tf';
import { firstOrderOptimizer, type FirstOrderRule } from './first-order-rule';

export const rmspropRule: FirstOrderRule<'rmsprop'> = {
  // 1 - rho is taken in float64 before it is rounded to float32.
  coefficients: ({ lr, rho, eps }) => ({ lr, rho, oneMinusRho: 1 - rho, eps }),
  init: (p) => ({ s: tf.zerosLike(p) }),
  update(p, g, { s }, c) {
    const s1 = tf.add(tf.mul(c.rho, s), tf.mul(c.oneMinusRho, tf.square(g)));
    return { next: tf.sub(p, tf.mul(c.lr, tf.div(g, tf.add(tf.sqrt(s1), c.eps)))), state: { s: s1 } };
  },
};

export const rmsprop = firstOrderOptimizer('rmsprop', rmspropRule);
