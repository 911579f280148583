/**
 * Chapter 5's models trained together: M digits nets, each with its own start, noise estimate and
 * random choices, all stepped by one preconditioned-SGD computation. A sweep's values of p are its
 * models.
 *
 * The parameters (and C and the mask beside them) are held parameter-major, as four tensors: W1 of
 * every model side by side [d, M h], every b1, W2 and b2 (digits-net-gradient.ts's NetWeights), the
 * layout the passes compute in and give their gradients in, so a step costs no transpose, slice or
 * concatenation, and a small tensor's update is one kernel (psgd-kernel.ts). A model's own parameters
 * are gathered from them only to prune, disable or read them. Each model's numbers do not depend on
 * how many models train beside it (tested: a group split in two trains to the same bits).
 *
 * The models draw the same minibatch and single example each step, from one seeded stream (common
 * random numbers): each model's draws are as random as its own stream's would be, and comparisons
 * between the models are less noisy. It is also what makes the first layer one wide matrix product
 * (digits-net-gradient.ts).
 */
import { defaultHyperparameters, hyperparametersOf, type DigitsLoss, type DisableMode, type HyperparametersOf, type PruneMode } from '../../catalog';
import { disable, prune } from '../optimizers/freeze';
import { initialCValues } from '../optimizers/psgd';
import { psgdStep } from '../optimizers/psgd-kernel';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsMlp } from '../problems/digits-mlp';
import { initialParams, layout, type NetShape } from '../problems/digits-net';
import { wideIndex, wideLayout, type NetWeights } from '../problems/digits-net-gradient';
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
  /**
   * One step; `updateWeights` is false on the first step of a fit, which updates only C. Returns the
   * minibatch losses, or, with `withLosses` false, an empty array (the losses are then not computed).
   */
  step(updateWeights: boolean, withLosses?: boolean): Float64Array;
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
  /** A model's four weight tensors in its own (model-major) parameters, as freeze.ts takes them. */
  const segments = layout(shape);
  const pieces = wideLayout(shape, models);
  const hp = options.hp ?? hyperparametersOf('psgd', defaultHyperparameters('psgd'));
  const streams: Random[] = Array.from({ length: models }, (_, m) => createRandom(seed + m));
  const draws = createRandom(options.drawSeed ?? seed);
  /** Where model m's parameters sit in the parameter-major vectors (the four tensors one after the other). */
  const indices = Array.from({ length: models }, (_, m) => wideIndex(shape, models, m));
  const gather = <T extends Float32Array | Float64Array>(from: T, m: number): T => {
    const out = new (from.constructor as new (length: number) => T)(n);
    indices[m].forEach((at, k) => (out[k] = from[at]));
    return out;
  };
  const scatter = (to: Float32Array | Float64Array, m: number, values: ArrayLike<number>) => indices[m].forEach((at, k) => (to[at] = values[k]));
  /** The four tensors of a parameter-major vector. */
  const toPieces = (values: Float32Array | Float64Array) => Object.fromEntries(pieces.map((l) => [l.name, tf.tensor(values.subarray(l.at, l.at + l.size), l.shape)])) as NetWeights;
  /** A copy of the four tensors' values, one parameter-major vector in the tensors' own precision (Float64Array on cpu64, whatever tfjs's type says). */
  const values = (w: NetWeights) => {
    const parts = pieces.map((l) => w[l.name].dataSync());
    const out = new (parts[0].constructor as new (length: number) => Float32Array)(models * n);
    pieces.forEach((l, i) => out.set(parts[i], l.at));
    return out;
  };

  // Model m: its start, then its C, from its own stream (as one model trained alone draws them).
  const start = new Float64Array(models * n);
  const C0 = new Float64Array(models * n);
  streams.forEach((r, m) => {
    scatter(start, m, initialParams(shape, r.next));
    scatter(C0, m, initialCValues(1, n, r.next));
  });
  let P = toPieces(start);
  let C = toPieces(C0);
  let mask = toPieces(new Float32Array(models * n).fill(1));
  // The rule's t and on, the same for every model (they step together). The first step of a fit updates only C.
  let t = 10;

  return {
    models,
    shape,
    step(updateWeights, withLosses = true) {
      const on = updateWeights ? 1 : 0;
      const [batch, one] = problem.wide.sample(P, [hp.batch, 1], draws.next, withLosses);
      const next = pieces.map(({ name }) => psgdStep(P[name], C[name], mask[name], batch.grad[name], one.grad[name], { t, on, n, ...hp }));
      const losses = batch.loss ? Float64Array.from(batch.loss.dataSync()) : new Float64Array(0);
      tf.dispose([batch.loss, one.loss, ...Object.values(batch.grad), ...Object.values(one.grad), ...Object.values(P), ...Object.values(C)]);
      P = Object.fromEntries(pieces.map(({ name }, i) => [name, next[i].next])) as NetWeights;
      C = Object.fromEntries(pieces.map(({ name }, i) => [name, next[i].C])) as NetWeights;
      t += on;
      return losses;
    },
    fit(steps) {
      let losses: Float64Array = new Float64Array(models);
      for (let i = 0; i < steps; i++) losses = this.step(i > 0);
      return losses;
    },
    accuracy(split) {
      return Float64Array.from(problem.wide.accuracy(P, split));
    },
    model(m) {
      return { params: Float32Array.from(gather(values(P), m)), mask: Float32Array.from(gather(values(mask), m)) };
    },
    prune(choices) {
      const params = values(P);
      const frozen = values(mask);
      for (const { model, p, mode } of choices) {
        const [own, ownMask] = [gather(params, model), gather(frozen, model)];
        prune(own, ownMask, segments, p, mode, streams[model].next);
        scatter(params, model, own);
        scatter(frozen, model, ownMask);
      }
      tf.dispose([...Object.values(P), ...Object.values(mask)]);
      P = toPieces(params);
      mask = toPieces(frozen);
    },
    disable(choices) {
      // The seed ranks by the gradient on the whole training split.
      const { loss, grad: g } = problem.wide.trainingGradient(P);
      const grad = values(g);
      tf.dispose([loss, ...Object.values(g)]);
      const frozen = values(mask);
      const C1 = values(C);
      for (const { model, p, mode } of choices) {
        const ownMask = gather(frozen, model);
        disable(ownMask, segments, p, mode, gather(C1, model), gather(grad, model), streams[model].next);
        scatter(frozen, model, ownMask);
      }
      tf.dispose(Object.values(mask));
      mask = toPieces(frozen);
    },
    dispose() {
      tf.dispose([...Object.values(P), ...Object.values(C), ...Object.values(mask)]);
      problem.dispose();
    },
  };
}
