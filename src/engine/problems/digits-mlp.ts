/**
 * Chapter 5's problem (`digits-mlp`): the digits classifier of digits-net.ts on a seeded split of
 * the digits data. Its loss is the mean cross-entropy on the whole training split (exact to every
 * order, so full-batch methods and Newton-CG run on it), its validation loss the same on the test
 * split; optimizers on minibatches draw examples through `sample`, by the fast first-order passes
 * of digits-net-gradient.ts for many rows at once (the race's optimizers, a sweep's models).
 */
import type { DigitsLoss } from '../../catalog';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { Problem } from '../types';
import type { DigitsSplit } from './digits-data';
import { createDrawer } from './digits-draw';
import { CLASSES, initialParams, logits, meanLoss, paramCount, softmax, type NetShape } from './digits-net';
import { accuracies, lossAndGradient, modelMajor, splitWeights, type NetWeights } from './digits-net-gradient';

export interface DigitsMlp extends Problem {
  readonly shape: NetShape;
  initialParams(uniform?: () => number): number[];
  readonly sample: NonNullable<Problem['sample']>;
  /** Each row's loss [R] and gradient [R, dim] on the whole training split (first order, by the fast passes). */
  trainingGradient(P: tf.Tensor2D): { loss: tf.Tensor1D; grad: tf.Tensor2D };
  /** Each row's accuracy (P [R, dim]) on the training or test split. */
  accuracy(P: tf.Tensor2D, split: 'train' | 'test'): number[];
  /** The class probabilities softmax(z) [N, 10] at features X [N, inputs], P [1 or N, dim]. */
  readonly predict: NonNullable<Problem['predict']>;
  /** The same passes on weights already in the passes' layout (the sweep trainer's parameter-major models); gradients in that layout. */
  readonly wide: {
    /** As `sample`, but only the first draw's loss (the minibatch's) is computed, and only `withLoss`; the others are undefined. */
    sample(weights: NetWeights, counts: readonly number[], uniform: () => number, withLoss?: boolean): { loss: tf.Tensor1D | undefined; grad: NetWeights }[];
    trainingGradient(weights: NetWeights): { loss: tf.Tensor1D; grad: NetWeights };
    accuracy(weights: NetWeights, split: 'train' | 'test'): number[];
  };
}

export interface DigitsMlpOptions {
  /** The seed of the start (the split is the caller's). */
  seed: number;
  loss?: DigitsLoss;
  hidden?: number;
}

export function createDigitsMlp(data: DigitsSplit, options: DigitsMlpOptions): DigitsMlp {
  const kind = options.loss ?? 'cross-entropy';
  const shape: NetShape = { inputs: data.features, hidden: options.hidden ?? 32 };
  const dim = paramCount(shape);
  const split = (x: Float64Array, y: Uint8Array) => ({
    x: tf.tensor2d(x, [y.length, shape.inputs]),
    y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES), 'float32')) as tf.Tensor2D,
    labels: y,
  });
  const train = split(data.xTrain, data.yTrain);
  const test = split(data.xTest, data.yTest);
  const draw = createDrawer(data);

  /** The mean loss of p on a whole split, by the second-order-safe ops. */
  const lossOn = (p: tf.Tensor1D, on: typeof train) =>
    tf.reshape(meanLoss(logits(shape, tf.reshape(p, [1, dim]), tf.expandDims(on.x, 0) as tf.Tensor3D), tf.expandDims(on.y, 0) as tf.Tensor3D, kind), []) as tf.Scalar;

  const wide: DigitsMlp['wide'] = {
    sample: (weights, counts, uniform, withLoss = true) => counts.map((count, i) => tf.tidy(() => lossAndGradient(weights, ...draw(count, uniform), kind, withLoss && i === 0))),
    trainingGradient: (weights) => lossAndGradient(weights, train.x, train.y, kind),
    accuracy: (weights, which) => (which === 'train' ? accuracies(weights, train.x, train.labels) : accuracies(weights, test.x, test.labels)),
  };
  /** A pass on model-major rows P: the weights split once, the gradients back in rows. */
  const onRows = <T>(P: tf.Tensor2D, pass: (weights: NetWeights) => T): T => {
    const weights = splitWeights(shape, P);
    try {
      return pass(weights);
    } finally {
      tf.dispose(Object.values(weights));
    }
  };
  const rows = ({ loss, grad }: { loss: tf.Tensor1D; grad: NetWeights }) => {
    const out = { loss, grad: modelMajor(grad) };
    tf.dispose(Object.values(grad));
    return out;
  };

  return {
    id: 'digits-mlp',
    wide,
    dim,
    shape,
    provides: ['grad', 'hvp', 'minibatches'],
    loss: (p) => lossOn(p, train),
    validationLoss: (p) => tf.tidy(() => lossOn(p, test).dataSync()[0]),
    initialParams: (uniform = createRandom(options.seed).next) => Array.from(initialParams(shape, uniform)),
    // The weights split once for every draw.
    sample: (P, counts, uniform) => onRows(P, (weights) => counts.map((count) => rows(tf.tidy(() => lossAndGradient(weights, ...draw(count, uniform), kind))))),
    trainingGradient: (P) => onRows(P, (weights) => rows(wide.trainingGradient(weights))),
    predict(P, X) {
      // rows = 1: one model over the N examples ([1, N, d]); rows = N: model i on example i ([N, 1, d]).
      const N = X.shape[0];
      const examples = P.shape[0] === 1 ? tf.reshape(X, [1, N, shape.inputs]) : tf.reshape(X, [N, 1, shape.inputs]);
      return tf.reshape(softmax(logits(shape, P, examples as tf.Tensor3D)), [N, CLASSES]) as tf.Tensor2D;
    },
    accuracy: (P, which) => onRows(P, (weights) => wide.accuracy(weights, which)),
    dispose() {
      tf.dispose([train.x, train.y, test.x, test.y]);
    },
  };
}
