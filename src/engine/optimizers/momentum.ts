/**
 * Heavy-ball momentum (Polyak 1964), in the form of TensorFlow's MomentumOptimizer and PyTorch's SGD:
 *   v_{k+1} = momentum v_k + grad L(p_k),   p_{k+1} = p_k - lr v_{k+1}.
 */
import { tf } from '../tf';
import { firstOrderOptimizer, type FirstOrderRule } from './first-order-rule';

export const momentumRule: FirstOrderRule<'momentum'> = {
  coefficients: ({ lr, momentum }) => ({ lr, momentum }),
  init: (p) => ({ v: tf.zerosLike(p) }),
  update(p, g, { v }, c) {
    const v1 = tf.add(tf.mul(c.momentum, v), g);
    return { next: tf.sub(p, tf.mul(c.lr, v1)), state: { v: v1 } };
  },
};

export const momentum = firstOrderOptimizer('momentum', momentumRule);
