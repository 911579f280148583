/**
 * Chapter 5's models trained together: M digits nets (rows of one [M, N] parameter matrix), each
 * with its own start, noise estimate and random choices, all stepped by one preconditioned-SGD
 * computation. A sweep's values of p are its rows.
 *
 * The models draw the same minibatch and single example each step, from one seeded stream (common
 * random numbers): each model's draws are as random as its own stream's would be, and comparisons
 * between the models are less noisy. It is also what makes the first layer one wide matrix product
 * (digits-net-gradient.ts).
 */
import { createRandom, type Random } from '../random';
import { initialC, psgdStep, PSGD_DEFAULTS, type PsgdSettings, type PsgdState } from '../optimizers/psgd';
import type { DigitsLoss, DisableMode, PruneMode } from '../../catalog';
import { disable, prune } from '../optimizers/freeze';
import { CLASSES, initialParams, layout, paramCount, type NetShape } from '../problems/digits-net';
import { createDrawer } from './digits-draw';
import { accuracies, lossAndGradient, splitWeights, type NetWeights } from '../problems/digits-net-gradient';
import type { DigitsSplit } from '../problems/digits-data';
import { tf } from '../tf';

export interface DigitsTrainerOptions {
  models: number;
  /** Model m draws its initialisation, C and random choices from seed + m. */
  seed: number;
  /** The seed of the examples all models draw; `seed` unless told. */
  drawSeed?: number;
  loss?: DigitsLoss;
  hidden?: number;
  settings?: PsgdSettings;
}

export interface DigitsTrainer {
  readonly models: number;
  readonly shape: NetShape;
  /** One step; `updateWeights` is false on the first step of a fit, which updates only C. Returns the minibatch losses. */
  step(updateWeights: boolean): Float64Array;
  /** A fit of `steps` steps, as the seed's fit(): the first updates only C. Returns the last minibatch losses. */
  fit(steps: number): Float64Array;
  /** Accuracy of every model on the training or test split. */
  accuracy(split: 'train' | 'test'): Float64Array;
  /** One model's parameters and mask (1 optimized, 0 frozen). */
  model(m: number): { params: Float32Array; mask: Float32Array };
  /** Prunes each chosen model: one read of the parameters and one write, whatever the count. */
  prune(choices: { model: number; p: number; mode: PruneMode }[]): void;
  /** Disables optimization in each chosen model, ranked by one gradient of every model on the training split. */
  disable(choices: { model: number; p: number; mode: DisableMode }[]): void;
  dispose(): void;
}

export function createDigitsTrainer(data: DigitsSplit, options: DigitsTrainerOptions): DigitsTrainer {
  const { models, seed } = options;
  const loss = options.loss ?? 'cross-entropy';
  const settings = options.settings ?? PSGD_DEFAULTS;
  const shape: NetShape = { inputs: data.features, hidden: options.hidden ?? 32 };
  const n = paramCount(shape);
  const segments = layout(shape);
  const nTrain = data.yTrain.length;
  const streams: Random[] = Array.from({ length: models }, (_, m) => createRandom(seed + m));
  const draws = createRandom(options.drawSeed ?? seed);
  /** The four weight tensors of model m in the flat [M, N] layout. */
  const rowSegments = (m: number) => segments.map((l) => ({ at: m * n + l.at, size: l.size }));

  const xTrain = tf.tensor2d(data.xTrain, [nTrain, shape.inputs]);
  const yTrain = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.yTrain, 'int32'), CLASSES), 'float32')) as tf.Tensor2D;
  const xTest = tf.tensor2d(data.xTest, [data.yTest.length, shape.inputs]);
  const start = streams.map((r) => Array.from(initialParams(shape, r.next)));
  let state: PsgdState = {
    P: tf.tensor2d(start),
    C: tf.tidy(() => tf.concat(streams.map((r) => initialC(1, n, r.next)))) as tf.Tensor2D,
    mask: tf.ones([models, n]),
    t: 10,
  };

  const draw = createDrawer(data);

  /** Every model's loss and gradient on the same `count` examples, drawn now. */
  const drawAndDifferentiate = (weights: NetWeights, count: number) => tf.tidy(() => lossAndGradient(weights, ...draw(count, draws.next), loss));

  const replace = (next: PsgdState) => {
    if (next.P !== state.P) state.P.dispose();
    if (next.C !== state.C) state.C.dispose();
    if (next.mask !== state.mask) state.mask.dispose();
    state = next;
  };

  return {
    models,
    shape,
    step(updateWeights) {
      const weights = splitWeights(shape, state.P);
      const batch = drawAndDifferentiate(weights, settings.batch);
      const one = drawAndDifferentiate(weights, 1);
      const next = psgdStep(state, batch.grad, one.grad, settings, updateWeights);
      const losses = Float64Array.from(batch.loss.dataSync());
      tf.dispose([batch.loss, batch.grad, one.loss, one.grad, ...Object.values(weights)]);
      replace(next);
      return losses;
    },
    fit(steps) {
      let losses: Float64Array = new Float64Array(models);
      for (let i = 0; i < steps; i++) losses = this.step(i > 0);
      return losses;
    },
    accuracy(split) {
      return Float64Array.from(split === 'train' ? accuracies(shape, state.P, xTrain, data.yTrain) : accuracies(shape, state.P, xTest, data.yTest));
    },
    model(m) {
      const row = (x: tf.Tensor2D) => Float32Array.from(x.dataSync().subarray(m * n, (m + 1) * n));
      return { params: row(state.P), mask: row(state.mask) };
    },
    prune(choices) {
      // A copy in the tensor's own precision (Float64Array on cpu64, whatever tfjs's type says).
      const params = state.P.dataSync().slice() as Float32Array;
      const mask = Float32Array.from(state.mask.dataSync());
      for (const { model, p, mode } of choices) prune(params, mask, rowSegments(model), p, mode, streams[model].next);
      replace({ ...state, P: tf.tensor2d(params, [models, n]), mask: tf.tensor2d(mask, [models, n]) });
    },
    disable(choices) {
      // The seed ranks by the gradient on the whole training split.
      const grad = tf.tidy(() => {
        const weights = splitWeights(shape, state.P);
        return lossAndGradient(weights, xTrain, yTrain, loss).grad.dataSync();
      });
      const mask = Float32Array.from(state.mask.dataSync());
      const C = state.C.dataSync();
      for (const { model, p, mode } of choices) disable(mask, rowSegments(model), p, mode, C, grad, streams[model].next);
      replace({ ...state, mask: tf.tensor2d(mask, [models, n]) });
    },
    dispose() {
      tf.dispose([state.P, state.C, state.mask, xTrain, yTrain, xTest]);
    },
  };
}
