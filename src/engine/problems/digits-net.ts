/**
 * Chapter 5's classifier (seed 001): d inputs, a tanh hidden layer, softmax over 10 classes,
 * cross-entropy, for M models at once (a leading model dimension, so the models of a sweep train
 * as one computation). Written with the second-order-safe ops.
 *
 * Flat parameters per model (N = d h + h + 10 h + 10; 2,314 for d = 61, h = 32):
 *   [0, d h)  W1 (d x h, row-major)   [d h, d h + h)  b1   then W2 (h x 10, row-major)   then b2
 *
 * Two losses. 'cross-entropy' is the correct one: log-sum-exp(z) - z_y on the logits z. 'seed'
 * reproduces the seed notebook, whose loss took the softmax *output* as logits, so it trains on
 * softmax(softmax(z)): its gradients are much smaller and its loss never goes below about 1.46.
 */
import type { DigitsLoss } from '../../catalog';
import { exp, tanh } from '../autodiff/ops';
import { tf } from '../tf';

export const CLASSES = 10;

export interface NetShape {
  inputs: number;
  hidden: number;
}

export const paramCount = ({ inputs, hidden }: NetShape) => inputs * hidden + hidden + hidden * CLASSES + CLASSES;

/** Where each of the four tensors sits in the flat parameters. */
export function layout({ inputs, hidden }: NetShape) {
  const W1 = 0;
  const b1 = W1 + inputs * hidden;
  const W2 = b1 + hidden;
  const b2 = W2 + hidden * CLASSES;
  return [
    { name: 'W1', at: W1, size: inputs * hidden },
    { name: 'b1', at: b1, size: hidden },
    { name: 'W2', at: W2, size: hidden * CLASSES },
    { name: 'b2', at: b2, size: CLASSES },
  ] as const;
}

/** Logits [M, B, 10] of models P [M, N] on inputs X [M, B, d] (each model its own examples). */
export function logits(shape: NetShape, P: tf.Tensor2D, X: tf.Tensor3D): tf.Tensor3D {
  const M = P.shape[0];
  const { inputs, hidden } = shape;
  const [w1, b1, w2, b2] = layout(shape);
  const part = (l: { at: number; size: number }, dims: number[]) => tf.reshape(tf.slice(P, [0, l.at], [M, l.size]), [M, ...dims]);
  const h = tanh(tf.add(tf.matMul(X, part(w1, [inputs, hidden])), part(b1, [1, hidden])));
  return tf.add(tf.matMul(h as tf.Tensor3D, part(w2, [hidden, CLASSES])), part(b2, [1, CLASSES])) as tf.Tensor3D;
}

/**
 * The maximum over the last axis, as a shift that keeps exp from overflowing. Log-sum-exp and
 * softmax do not depend on it, so its gradient is 0; tfjs's own gradient of max goes through
 * Equal, which has none, so a Hessian-vector product (Newton-CG) through it would fail.
 */
const shift = tf.customGrad((...args) => {
  const [z] = args as [tf.Tensor];
  return { value: tf.max(z, -1, true), gradFunc: () => tf.zerosLike(z) };
}) as (z: tf.Tensor) => tf.Tensor;

/** log sum exp over the last axis, shifted by the maximum so exp never overflows. */
function logSumExp(z: tf.Tensor): tf.Tensor {
  const m = shift(z);
  return tf.add(tf.squeeze(m, [-1]), tf.log(tf.sum(exp(tf.sub(z, m)), -1)));
}

/** softmax over the last axis by the safe exp (tfjs's own softmax has wrong second derivatives). */
export function softmax(z: tf.Tensor): tf.Tensor {
  const e = exp(tf.sub(z, shift(z)));
  return tf.div(e, tf.sum(e, -1, true));
}

/** Mean cross-entropy per model, [M], of logits z [M, B, 10] against one-hot labels Y [M, B, 10]. */
export function meanLoss(z: tf.Tensor3D, Y: tf.Tensor3D, loss: DigitsLoss): tf.Tensor1D {
  const scores = loss === 'seed' ? softmax(z) : z;
  return tf.mean(tf.sub(logSumExp(scores), tf.sum(tf.mul(scores, Y), -1)), -1) as tf.Tensor1D;
}

/**
 * Xavier-uniform initialisation as the seed drew it: W1 and b1 in +-sqrt(6 / (d + h)), W2 and b2
 * in +-sqrt(6 / (10 + h)), from `uniform` (a seeded float64 source).
 */
export function initialParams(shape: NetShape, uniform: () => number): Float64Array {
  const p = new Float64Array(paramCount(shape));
  const hiddenBound = Math.sqrt(6 / (shape.inputs + shape.hidden));
  const outputBound = Math.sqrt(6 / (CLASSES + shape.hidden));
  for (const l of layout(shape)) {
    const bound = l.name === 'W1' || l.name === 'b1' ? hiddenBound : outputBound;
    for (let k = 0; k < l.size; k++) p[l.at + k] = (2 * uniform() - 1) * bound;
  }
  return p;
}
