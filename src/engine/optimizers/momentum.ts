/**
 * Heavy-ball momentum (Polyak 1964), in the form of TensorFlow's MomentumOptimizer and PyTorch's SGD:
 *   v_{k+1} = momentum v_k + grad L(p_k),   p_{k+1} = p_k - lr v_{k+1}.
 */
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, type GradientState } from './first-order-state';

export interface MomentumState extends GradientState {
  v: tf.Tensor1D;
}

export const momentum: Optimizer<MomentumState> = {
  id: 'momentum',
  init: (p, oracle) => ({ ...evaluateAt(p, oracle), v: tf.zerosLike(p) }),
  step({ params, grad, v }, oracle, hp) {
    const v1 = tf.add(tf.mul(tf.scalar(hp.momentum), v), grad) as tf.Tensor1D;
    const next = tf.sub(params, tf.mul(tf.scalar(hp.lr), v1)) as tf.Tensor1D;
    return { ...evaluateAt(next, oracle), v: v1 };
  },
};
