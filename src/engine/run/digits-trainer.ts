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
import { defaultHyperparameters, hyperparametersOf, type DigitsLoss, type DisableMode, type HyperparametersOf, type PruneMode } from '../../catalog';
import type { Tensors } from '../optimizers/first-order-rule';
import { disable, prune } from '../optimizers/freeze';
import { psgdRule } from '../optimizers/psgd';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsMlp } from '../problems/digits-mlp';
import { initialParams, layout, type NetShape } from '../problems/digits-net';
import { createRandom, type Random } from '../random';
import { tf } from '../tf';

export interface DigitsTrainerOptions {
  models: number;
  /** Model m draws its initialisation, C and random choices from seed + m. */
  seed: number;
  /** The seed of the examples all models draw; `seed` unless told. */
  drawSeed?: number;
  loss?: DigitsLoss;
  hidden?: number;
  /** Preconditioned SGD's hyperparameters; the catalog's defaults unless told. */
  hp?: HyperparametersOf<'psgd'>;
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
  const problem = createDigitsMlp(data, { seed, loss: options.loss, hidden: options.hidden });
  const { shape } = problem;
  const n = problem.dim;
  const segments = layout(shape);
  const hp = options.hp ?? hyperparametersOf('psgd', defaultHyperparameters('psgd'));
  const coefficients = Object.fromEntries(Object.entries(psgdRule.coefficients(hp)).map(([k, v]) => [k, tf.scalar(v)]));
  const streams: Random[] = Array.from({ length: models }, (_, m) => createRandom(seed + m));
  const draws = createRandom(options.drawSeed ?? seed);
  /** The four weight tensors of model m in the flat [M, N] layout. */
  const rowSegments = (m: number) => segments.map((l) => ({ at: m * n + l.at, size: l.size }));

  // Model m: its start, then its C, from its own stream.
  let P = tf.tensor2d(streams.map((r) => Array.from(initialParams(shape, r.next))));
  let state: Tensors = tf.tidy(() => {
    const rows = streams.map((r) => psgdRule.init(tf.zeros([1, n]), () => tf.ones([1, 1]), r.next));
    return Object.fromEntries(Object.keys(rows[0]).map((name) => [name, tf.concat(rows.map((row) => row[name]), 0)]));
  });

  /** Takes the new parameters and rule state, freeing what they replace. */
  const replace = (nextP: tf.Tensor2D, next: Tensors) => {
    if (nextP !== P) P.dispose();
    const kept = new Set(Object.values(next));
    tf.dispose(Object.values(state).filter((x) => !kept.has(x)));
    P = nextP;
    state = next;
  };

  return {
    models,
    shape,
    step(updateWeights) {
      const [batch, one] = problem.sample(P, [hp.batch, 1], draws.next);
      // The first step of a fit updates C only: the rule's `on` says whether the weights move.
      const on = tf.fill([models, 1], updateWeights ? 1 : 0);
      const { next, state: after } = tf.tidy(() => psgdRule.update(P, batch.grad, { ...state, on }, coefficients, one.grad));
      const losses = Float64Array.from(batch.loss.dataSync());
      tf.dispose([batch.loss, batch.grad, one.loss, one.grad, on]);
      replace(next as tf.Tensor2D, after);
      return losses;
    },
    fit(steps) {
      let losses: Float64Array = new Float64Array(models);
      for (let i = 0; i < steps; i++) losses = this.step(i > 0);
      return losses;
    },
    accuracy(split) {
      return Float64Array.from(problem.accuracy(P, split));
    },
    model(m) {
      const row = (x: tf.Tensor) => Float32Array.from(x.dataSync().subarray(m * n, (m + 1) * n));
      return { params: row(P), mask: row(state.mask) };
    },
    prune(choices) {
      // A copy in the tensor's own precision (Float64Array on cpu64, whatever tfjs's type says).
      const params = P.dataSync().slice() as Float32Array;
      const mask = Float32Array.from(state.mask.dataSync());
      for (const { model, p, mode } of choices) prune(params, mask, rowSegments(model), p, mode, streams[model].next);
      replace(tf.tensor2d(params, [models, n]), { ...state, mask: tf.tensor2d(mask, [models, n]) });
    },
    disable(choices) {
      // The seed ranks by the gradient on the whole training split.
      const grad = tf.tidy(() => problem.trainingGradient(P).grad.dataSync());
      const mask = Float32Array.from(state.mask.dataSync());
      const C = state.C.dataSync();
      for (const { model, p, mode } of choices) disable(mask, rowSegments(model), p, mode, C, grad, streams[model].next);
      replace(P, { ...state, mask: tf.tensor2d(mask, [models, n]) });
    },
    dispose() {
      tf.dispose([P, ...Object.values(state), ...Object.values(coefficients)]);
      problem.dispose();
    },
  };
}
