/**
 * The digits net's fast passes for M models that see the same examples: the forward pass for
 * accuracy, and the loss and gradient by hand-written backpropagation (first order only: the
 * sweeps need nothing more). Tested equal to tfjs's autodiff of digits-net.ts, which is itself
 * tested against float64 differences.
 *
 * Why the same examples: the first layer, 80% of the arithmetic, then becomes one wide matrix
 * product X [B, d] @ [W1 of every model] [d, M h] instead of M small ones. On tfjs-wasm a plain 2-D
 * matMul runs at about 15-18 GFLOP/s here and a batched or transposed one at about 2 (measured,
 * M = 100), so the wide product is about 9x cheaper even with the two transposes it costs.
 *
 * With h = tanh(X W1 + b1), z = h W2 + b2 and B examples, the mean cross-entropy has
 * dL/dz = (softmax(z) - Y) / B. The seed's loss takes s = softmax(z) as the logits: dL/ds =
 * (softmax(s) - Y) / B, and back through the softmax dL/dz = s * (dL/ds - sum(dL/ds * s)).
 */
import type { DigitsLoss } from '../../catalog';
import { tf } from '../tf';
import { CLASSES, layout, type NetShape } from './digits-net';

export interface NetWeights {
  /** Every model's W1 side by side, [d, M h]: model m's W1 is columns m h to (m + 1) h. */
  W1: tf.Tensor2D;
  b1: tf.Tensor2D;
  W2: tf.Tensor3D;
  b2: tf.Tensor3D;
}

/** The four weight tensors of models P [M, N], split once and shared by a step's passes. */
export function splitWeights(shape: NetShape, P: tf.Tensor2D): NetWeights {
  const M = P.shape[0];
  const { inputs, hidden } = shape;
  const [W1, b1, W2, b2] = tf.tidy(() => {
    const [w1, c1, w2, c2] = layout(shape).map((l) => tf.slice(P, [0, l.at], [M, l.size]));
    return [
      tf.reshape(tf.transpose(tf.reshape(w1, [M, inputs, hidden]), [1, 0, 2]), [inputs, M * hidden]),
      tf.reshape(c1, [1, M * hidden]),
      tf.reshape(w2, [M, hidden, CLASSES]),
      tf.reshape(c2, [M, 1, CLASSES]),
    ];
  });
  return { W1, b1, W2, b2 } as NetWeights;
}

/** Hidden activations [M, B, h] and logits [M, B, 10] of every model on the rows X [B, d]. */
export function forward({ W1, b1, W2, b2 }: NetWeights, X: tf.Tensor2D) {
  const [M, hidden] = [W2.shape[0], W2.shape[1]];
  const B = X.shape[0];
  const wide = tf.tanh(tf.add(tf.matMul(X, W1), b1));
  const h = tf.transpose(tf.reshape(wide, [B, M, hidden]), [1, 0, 2]) as tf.Tensor3D;
  return { h, z: tf.add(tf.matMul(h, W2), b2) as tf.Tensor3D };
}

/** Each model's accuracy on rows x [n, d]: the share whose largest logit is at the label. */
export function accuracies(shape: NetShape, P: tf.Tensor2D, x: tf.Tensor2D, labels: ArrayLike<number>): number[] {
  const M = P.shape[0];
  const predicted = tf.tidy(() => tf.argMax(forward(splitWeights(shape, P), x).z, -1).dataSync());
  return Array.from({ length: M }, (_, m) => {
    let right = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[m * labels.length + i] === labels[i]) right++;
    return right / labels.length;
  });
}

/** Every model's mean loss [M] and gradient [M, N] on the same rows X [B, d] with one-hot labels Y [B, 10]. */
export function lossAndGradient(weights: NetWeights, X: tf.Tensor2D, Y: tf.Tensor2D, loss: DigitsLoss): { loss: tf.Tensor1D; grad: tf.Tensor2D } {
  return tf.tidy(() => {
    const { W2 } = weights;
    const [M, hidden] = [W2.shape[0], W2.shape[1]];
    const [B, inputs] = X.shape;
    const { h, z } = forward(weights, X);

    /** log-sum-exp over classes and the softmax, from one shifted exp. */
    const softmaxAndLse = (v: tf.Tensor) => {
      const top = tf.max(v, -1, true);
      const e = tf.exp(tf.sub(v, top));
      const total = tf.sum(e, -1, true);
      return { p: tf.div(e, total), lse: tf.squeeze(tf.add(top, tf.log(total)), [-1]) };
    };
    const scores = loss === 'seed' ? softmaxAndLse(z).p : z;
    const { p, lse } = softmaxAndLse(scores);
    const value = tf.mean(tf.sub(lse, tf.sum(tf.mul(scores, Y), -1)), -1) as tf.Tensor1D;
    const dScores = tf.div(tf.sub(p, Y), B);
    const dz = (loss === 'seed' ? tf.mul(scores, tf.sub(dScores, tf.sum(tf.mul(dScores, scores), -1, true))) : dScores) as tf.Tensor3D;

    const dW2 = tf.matMul(h, dz, true, false);
    const db2 = tf.sum(dz, 1);
    // dz W2^T with W2 transposed first: a batched matMul with a transposed operand is slower.
    const dh = tf.matMul(dz, tf.transpose(W2, [0, 2, 1]) as tf.Tensor3D);
    const dz1 = tf.mul(dh, tf.sub(1, tf.square(h)));
    // The first layer's gradient as one wide product, [d, B] @ [B, M h], then back to model order.
    const dWide = tf.reshape(tf.transpose(dz1, [1, 0, 2]), [B, M * hidden]);
    const dW1 = tf.transpose(tf.reshape(tf.matMul(tf.transpose(X), dWide), [inputs, M, hidden]), [1, 0, 2]);
    const db1 = tf.sum(dz1, 1);
    const grad = tf.concat([tf.reshape(dW1, [M, -1]), db1, tf.reshape(dW2, [M, -1]), db2], 1) as tf.Tensor2D;
    return { loss: value, grad };
  });
}
