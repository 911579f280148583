/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6e), epsilon outside the square root as in Keras:
 *   s_{k+1} = rho s_k + (1 - rho) g_k^2,   p_{k+1} = p_k - lr g_k / (sqrt(s_{k+1}) + eps).
 */
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, type GradientState } from './first-order-state';

export interface RMSPropState extends GradientState {
  s: tf.Tensor1D;
}

export const rmsprop: Optimizer<RMSPropState> = {
  id: 'rmsprop',
  init: (p, oracle) => ({ ...evaluateAt(p, oracle), s: tf.zerosLike(p) }),
  step({ params, grad: g, s }, oracle, { lr, rho, eps }) {
    const s1 = tf.add(tf.mul(tf.scalar(rho), s), tf.mul(tf.scalar(1 - rho), tf.square(g))) as tf.Tensor1D;
    const next = tf.sub(params, tf.mul(tf.scalar(lr), tf.div(g, tf.add(tf.sqrt(s1), tf.scalar(eps))))) as tf.Tensor1D;
    return { ...evaluateAt(next, oracle), s: s1 };
  },
};
