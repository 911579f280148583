/**
 * Ops that are safe under double backprop. tfjs's own tanh, exp and sigmoid compute their gradient
 * from their *output*, which the second backward pass treats wrongly (tfjs issue 3252), so a
 * Hessian-vector product through them is silently wrong. Ours compute the gradient from the input,
 * with ops that are themselves safe, so every derivative order is right. Problems use only these
 * and tfjs's polynomial ops (add, sub, mul, div, square, sum, mean, matMul).
 */
import { tf } from '../tf';

/** exp(x), with d/dx = exp(x) recomputed from x. */
export const exp: (x: tf.Tensor) => tf.Tensor = (x) => expSafe(x);
const expSafe = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: tf.exp(x), gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => tf.mul(dy, exp(xs)) };
}) as (x: tf.Tensor) => tf.Tensor;

/** tanh(x), with d/dx = 1 - tanh(x)^2 recomputed from x. */
export const tanh: (x: tf.Tensor) => tf.Tensor = (x) => tanhSafe(x);
const tanhSafe = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: tf.tanh(x), gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => tf.mul(dy, tf.sub(1, tf.square(tanh(xs)))) };
}) as (x: tf.Tensor) => tf.Tensor;

/** sigmoid(x) = (1 + tanh(x / 2)) / 2, so its derivatives come from the safe tanh. */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  return tf.mul(0.5, tf.add(1, tanh(tf.mul(0.5, x))));
}
