/**
 * The digits net's fast passes for M models that see the same examples: the forward pass for
 * accuracy, and the loss and gradient by hand-written backpropagation (first order only: the
 * sweeps need nothing more). Tested equal to tfjs's autodiff of digits-net.ts, which is itself
 * tested against float64 differences.
 *
 * Why the same examples: the first layer, 80% of the arithmetic, then becomes one wide matrix
 * product X [B, d] @ [W1 of every model] [d, M h] instead of M small ones. On tfjs-wasm a plain 2-D
 * matMul runs at about 15-18 GFLOP/s here and a batched or transposed one at about 2 (measured,
 * M = 100), so the wide product is about 9x cheaper.
 *
 * The weights live in the layout these products take (NetWeights), and so do the gradients: the
 * sweep trainer keeps its models' parameters so, parameter-major (wideLayout), and a step costs no
 * transpose, slice or concatenation of them. (Sliced out of model-major rows every step, they cost
 * half of a 100-model step: tfjs-wasm's Slice copies its whole input into a new array each time,
 * measured.) Model-major parameters [M, N] (a model's W1, b1, W2, b2 in a row, as the race and the
 * problem's oracle hold them) go through splitWeights and modelMajor, which transpose W1.
 *
 * With h = tanh(X W1 + b1), z = h W2 + b2 and B examples, the mean cross-entropy has
 * dL/dz = (softmax(z) - Y) / B. The seed's loss takes s = softmax(z) as the logits: dL/ds =
 * (softmax(s) - Y) / B, and back through the softmax dL/dz = s * (dL/ds - sum(dL/ds * s)).
 */
import type { DigitsLoss } from '../../catalog';
import { tf } from '../tf';
import { CLASSES, layout, paramCount, type NetShape } from './digits-net';

/** A type, not an interface, so that tf.tidy takes an object holding one as a tensor container. */
export type NetWeights = {
  /** Every model's W1 side by side, [d, M h]: model m's W1 is columns m h to (m + 1) h. */
  W1: tf.Tensor2D;
  /** [1, M h] */
  b1: tf.Tensor2D;
  /** [M, h, 10] */
  W2: tf.Tensor3D;
  /** [M, 1, 10] */
  b2: tf.Tensor3D;
};

const PIECES = ['W1', 'b1', 'W2', 'b2'] as const;

/** Where each of W1, b1, W2, b2 of all M models sits in the parameter-major vector [M N], and its shape. */
export function wideLayout({ inputs, hidden }: NetShape, M: number) {
  const shapes = { W1: [inputs, M * hidden], b1: [1, M * hidden], W2: [M, hidden, CLASSES], b2: [M, 1, CLASSES] };
  let at = 0;
  return PIECES.map((name) => {
    const size = shapes[name].reduce((a, b) => a * b, 1);
    const piece = { name, at, size, shape: shapes[name] };
    at += size;
    return piece;
  });
}

/**
 * For model m, the index in the parameter-major vector of each of its N parameters in model-major
 * order (digits-net.ts's layout: W1 row-major, b1, W2 row-major, b2).
 */
export function wideIndex(shape: NetShape, M: number, m: number): Int32Array {
  const { inputs, hidden } = shape;
  const [W1, b1, W2, b2] = wideLayout(shape, M);
  const index = new Int32Array(paramCount(shape));
  let k = 0;
  for (let i = 0; i < inputs; i++) for (let j = 0; j < hidden; j++) index[k++] = W1.at + i * M * hidden + m * hidden + j;
  for (let j = 0; j < hidden; j++) index[k++] = b1.at + m * hidden + j;
  for (let j = 0; j < hidden * CLASSES; j++) index[k++] = W2.at + m * hidden * CLASSES + j;
  for (let c = 0; c < CLASSES; c++) index[k++] = b2.at + m * CLASSES + c;
  return index;
}

/** The four weight tensors of models P [M, N] (model-major), split once and shared by a step's passes. */
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

/** A gradient (or any NetWeights) as model-major rows [M, N]. */
export function modelMajor(w: NetWeights): tf.Tensor2D {
  const [M, hidden] = [w.W2.shape[0], w.W2.shape[1]];
  const inputs = w.W1.shape[0];
  return tf.tidy(() => {
    const W1 = tf.reshape(tf.transpose(tf.reshape(w.W1, [inputs, M, hidden]), [1, 0, 2]), [M, -1]);
    return tf.concat([W1, tf.reshape(w.b1, [M, hidden]), tf.reshape(w.W2, [M, -1]), tf.reshape(w.b2, [M, CLASSES])], 1);
  }) as tf.Tensor2D;
}

/**
 * tanh(a) as 2 sigmoid(2 a) - 1: tfjs-wasm's Tanh is a scalar loop (about 17 ns an element,
 * measured: a fifth of a 100-model step), its Sigmoid XNNPACK's SIMD kernel (about 1 ns). The two
 * differ by float32 rounding (about 1e-7, absolute); trained through a whole quick sweep, 45 of its
 * 46 models ended with the same test accuracy, and one one test image apart.
 */
const tanh = (a: tf.Tensor) => tf.sub(tf.mul(tf.sigmoid(tf.add(a, a)), 2), 1);

/** Hidden activations [M, B, h] and logits [M, B, 10] of every model on the rows X [B, d]. */
export function forward({ W1, b1, W2, b2 }: NetWeights, X: tf.Tensor2D) {
  const [M, hidden] = [W2.shape[0], W2.shape[1]];
  const B = X.shape[0];
  const wide = tanh(tf.add(tf.matMul(X, W1), b1));
  const h = tf.transpose(tf.reshape(wide, [B, M, hidden]), [1, 0, 2]) as tf.Tensor3D;
  return { h, z: tf.add(tf.matMul(h, W2), b2) as tf.Tensor3D };
}

/** Each model's accuracy on rows x [n, d]: the share whose largest logit is at the label. */
export function accuracies(weights: NetWeights, x: tf.Tensor2D, labels: ArrayLike<number>): number[] {
  const M = weights.W2.shape[0];
  const predicted = tf.tidy(() => tf.argMax(forward(weights, x).z, -1).dataSync());
  return Array.from({ length: M }, (_, m) => {
    let right = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[m * labels.length + i] === labels[i]) right++;
    return right / labels.length;
  });
}

/**
 * Every model's mean loss [M] and gradient (in the weights' layout) on the same rows X [B, d] with
 * one-hot labels Y [B, 10]. Without `withLoss` the loss is not computed (undefined): seven kernels fewer,
 * for a sweep that never reads it.
 */
export function lossAndGradient(weights: NetWeights, X: tf.Tensor2D, Y: tf.Tensor2D, loss: DigitsLoss, withLoss?: true): { loss: tf.Tensor1D; grad: NetWeights };
export function lossAndGradient(weights: NetWeights, X: tf.Tensor2D, Y: tf.Tensor2D, loss: DigitsLoss, withLoss: boolean): { loss: tf.Tensor1D | undefined; grad: NetWeights };
export function lossAndGradient(weights: NetWeights, X: tf.Tensor2D, Y: tf.Tensor2D, loss: DigitsLoss, withLoss = true): { loss: tf.Tensor1D | undefined; grad: NetWeights } {
  return tf.tidy(() => {
    const { W2 } = weights;
    const [M, hidden] = [W2.shape[0], W2.shape[1]];
    const B = X.shape[0];
    const { h, z } = forward(weights, X);

    /** The softmax, and log-sum-exp over classes, from one shifted exp. */
    const softmaxAndLse = (v: tf.Tensor) => {
      const top = tf.max(v, -1, true);
      const e = tf.exp(tf.sub(v, top));
      const total = tf.sum(e, -1, true);
      return { p: tf.div(e, total), lse: () => tf.squeeze(tf.add(top, tf.log(total)), [-1]) };
    };
    const scores = loss === 'seed' ? softmaxAndLse(z).p : z;
    const { p, lse } = softmaxAndLse(scores);
    const value = withLoss ? (tf.mean(tf.sub(lse(), tf.sum(tf.mul(scores, Y), -1)), -1) as tf.Tensor1D) : undefined;
    const dScores = tf.div(tf.sub(p, Y), B);
    const dz = (loss === 'seed' ? tf.mul(scores, tf.sub(dScores, tf.sum(tf.mul(dScores, scores), -1, true))) : dScores) as tf.Tensor3D;

    const dW2 = tf.matMul(h, dz, true, false) as tf.Tensor3D;
    const db2 = tf.sum(dz, 1, true) as tf.Tensor3D;
    // dz W2^T with W2 transposed first: a batched matMul with a transposed operand is slower.
    const dh = tf.matMul(dz, tf.transpose(W2, [0, 2, 1]) as tf.Tensor3D);
    const dz1 = tf.mul(dh, tf.sub(1, tf.square(h)));
    // The first layer's gradient as one wide product, [d, B] @ [B, M h], already in W1's layout.
    const dWide = tf.reshape(tf.transpose(dz1, [1, 0, 2]), [B, M * hidden]);
    const dW1 = tf.matMul(tf.transpose(X), dWide);
    const db1 = tf.reshape(tf.sum(dz1, 1), [1, M * hidden]);
    return { loss: value, grad: { W1: dW1, b1: db1, W2: dW2, b2: db2 } as NetWeights };
  });
}
