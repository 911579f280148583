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

/*
 * The rest of what a user formula needs (engine/formula/compile.ts), checked against tfjs-core
 * 4.22's gradients: log (dy / x), sqrt (dy / (2 sqrt x)), sin (cos x dy), cos (-sin x dy), tan
 * (dy / cos^2 x), atan (dy / (1 + x^2)), reciprocal, square, and pow with an exponent that does not
 * depend on what is differentiated (b x^(b-1) dy) all compute their gradient from the input through
 * ops that are themselves differentiable, so tfjs's own are exact at every order (ops.test.ts).
 * pow with an exponent that is differentiated is not: its gradient in the exponent uses its output
 * and a `where` with a `greater`, which has no gradient, so a second derivative throws. Formulas
 * write that power as exp(b log a). What still needs ours: abs, whose tfjs gradient is -1 at 0.
 */

/** |x|, with d/dx = sign(x): 0 at the kink, where tfjs's own gives -1. */
export const abs: (x: tf.Tensor) => tf.Tensor = (x) => absSafe(x);
const absSafe = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: tf.abs(x), gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => tf.mul(dy, tf.sign(xs)) };
}) as (x: tf.Tensor) => tf.Tensor;
