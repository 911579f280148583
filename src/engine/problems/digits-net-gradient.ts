/**
 * The digits net's loss and gradient for M models by hand-written backpropagation: one forward and
 * one backward pass, about 30 kernels, where tfjs's autodiff of digits-net.ts dispatched about 120
 * (and a slice and a pad per parameter tensor). Tested equal to that autodiff, which is itself
 * tested against float64 differences. First order only: the sweeps need nothing more.
 *
 * With h = tanh(X W1 + b1), z = h W2 + b2 and B examples, the mean cross-entropy has
 * dL/dz = (softmax(z) - Y) / B. The seed's loss takes s = softmax(z) as the logits: dL/ds =
 * (softmax(s) - Y) / B, and back through the softmax dL/dz = s * (dL/ds - sum(dL/ds * s)).
 */
import type { DigitsLoss } from '../../catalog';
import { tf } from '../tf';
import { CLASSES, layout, type NetShape } from './digits-net';

export interface NetWeights {
  W1: tf.Tensor3D;
  b1: tf.Tensor3D;
  W2: tf.Tensor3D;
  b2: tf.Tensor3D;
}

/** The four weight tensors of models P [M, N], split once and shared by a step's passes. */
export function splitWeights(shape: NetShape, P: tf.Tensor2D): NetWeights {
  const M = P.shape[0];
  const { inputs, hidden } = shape;
  const [W1, b1, W2, b2] = tf.tidy(() => {
    const [w1, c1, w2, c2] = layout(shape).map((l) => tf.slice(P, [0, l.at], [M, l.size]));
    return [tf.reshape(w1, [M, inputs, hidden]), tf.reshape(c1, [M, 1, hidden]), tf.reshape(w2, [M, hidden, CLASSES]), tf.reshape(c2, [M, 1, CLASSES])] as tf.Tensor3D[];
  });
  return { W1, b1, W2, b2 };
}

export function lossAndGradient({ W1, b1, W2, b2 }: NetWeights, X: tf.Tensor3D, Y: tf.Tensor3D, loss: DigitsLoss): { loss: tf.Tensor1D; grad: tf.Tensor2D } {
  return tf.tidy(() => {
    const [M, B] = X.shape;
    const h = tf.tanh(tf.add(tf.matMul(X, W1), b1)) as tf.Tensor3D;
    const z = tf.add(tf.matMul(h, W2), b2) as tf.Tensor3D;

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
    const dz = loss === 'seed' ? tf.mul(scores, tf.sub(dScores, tf.sum(tf.mul(dScores, scores), -1, true))) : dScores;

    const dW2 = tf.matMul(h, dz as tf.Tensor3D, true, false);
    const db2 = tf.sum(dz, 1);
    const dh = tf.matMul(dz as tf.Tensor3D, W2, false, true);
    const dz1 = tf.mul(dh, tf.sub(1, tf.square(h)));
    const dW1 = tf.matMul(X, dz1 as tf.Tensor3D, true, false);
    const db1 = tf.sum(dz1, 1);
    const grad = tf.concat([tf.reshape(dW1, [M, -1]), db1, tf.reshape(dW2, [M, -1]), db2], 1) as tf.Tensor2D;
    return { loss: value, grad };
  });
}
