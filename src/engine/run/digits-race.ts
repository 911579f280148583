/**
 * Chapter 5's training race: one digits net, from one start, trained side by side by preconditioned
 * SGD, plain SGD and Adam (three rows of one parameter matrix), every step on the same minibatch,
 * so the curves differ only by the optimizer. Each step reports the minibatch losses, gradient
 * norms and the spread of PSGD's preconditioner; accuracy on the whole splits every few steps.
 */
import { RACE_ACCURACY_EVERY, RACE_RIVALS, type DigitsLoss, type RaceStep } from '../../catalog';
import { norm2 } from '../linalg/dense';
import { adamRule } from '../optimizers/adam';
import { gdRule } from '../optimizers/gd';
import { initialC, psgdStep, PSGD_DEFAULTS, type PsgdState } from '../optimizers/psgd';
import type { DigitsSplit } from '../problems/digits-data';
import { initialParams, paramCount, type NetShape } from '../problems/digits-net';
import { createDrawer } from './digits-draw';
import { accuracies, lossAndGradient, splitWeights } from '../problems/digits-net-gradient';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { Tensors } from '../optimizers/first-order-rule';


export interface DigitsRace {
  step(): RaceStep;
  dispose(): void;
}

export function createDigitsRace(data: DigitsSplit, options: { seed: number; loss: DigitsLoss }): DigitsRace {
  const shape: NetShape = { inputs: data.features, hidden: 32 };
  const n = paramCount(shape);
  const d = shape.inputs;
  const nTrain = data.yTrain.length;
  const random = createRandom(options.seed);
  const start = Array.from(initialParams(shape, random.next));
  const settings = PSGD_DEFAULTS;

  let P = tf.tensor2d([start, start, start]);
  let psgd: PsgdState = { P: tf.tensor2d([start]), C: initialC(1, n, random.next), mask: tf.ones([1, n]), t: 10 };
  const adamCoefficients: Tensors = Object.fromEntries(Object.entries(adamRule.coefficients(RACE_RIVALS.adam.hp)).map(([k, v]) => [k, tf.scalar(v)]));
  let adamState: Tensors = tf.tidy(() => adamRule.init(tf.zeros([1, n]), () => tf.scalar(1)));
  const xTrain = tf.tensor2d(data.xTrain, [nTrain, d]);
  const xTest = tf.tensor2d(data.xTest, [data.yTest.length, d]);
  let k = 0;

  /** `count` examples, the same for the three rows. */
  const drawer = createDrawer(data);
  const draw = (count: number) => drawer(count, random.next);

  return {
    step() {
      // Accuracy at the parameters this step starts from (step 0: the shared start).
      const scored = k % RACE_ACCURACY_EVERY === 0 ? { train: accuracies(shape, P, xTrain, data.yTrain), test: accuracies(shape, P, xTest, data.yTest) } : undefined;
      const weights = splitWeights(shape, P);
      const batch = tf.tidy(() => lossAndGradient(weights, ...draw(settings.batch), options.loss));
      const one = tf.tidy(() => lossAndGradient(weights, ...draw(1), options.loss));
      const row = (g: tf.Tensor2D, m: number) => tf.slice(g, [m, 0], [1, n]) as tf.Tensor2D;
      // Preconditioned SGD on row 0 (its first step updates C only, as in the seed).
      const [g0, g10] = [row(batch.grad, 0), row(one.grad, 0)];
      const p0 = row(P, 0);
      const nextPsgd = psgdStep({ ...psgd, P: p0 }, g0, g10, settings, k > 0);
      if (nextPsgd.P !== p0) p0.dispose();
      const nextAdam = tf.tidy(() => adamRule.update(row(P, 2), row(batch.grad, 2), adamState, adamCoefficients));
      const nextP = tf.tidy(() => tf.concat([nextPsgd.P, gdRule.update(row(P, 1), row(batch.grad, 1), {}, { lr: tf.scalar(RACE_RIVALS.sgd.hp.lr) }).next, nextAdam.next], 0)) as tf.Tensor2D;
      const losses = Array.from(batch.loss.dataSync());
      const grads = batch.grad.dataSync();
      const C = nextPsgd.C.dataSync();
      const H = Float64Array.from(C, (c) => (2 * settings.batch) / (n * c)).sort();
      tf.dispose([...Object.values(weights), batch.loss, batch.grad, one.loss, one.grad, g0, g10, psgd.P, psgd.C, P, nextAdam.next, ...Object.values(adamState)]);
      psgd = nextPsgd;
      adamState = nextAdam.state;
      P = nextP;
      // The minibatch loss and gradient at the parameters of step k, before its update.
      const record: RaceStep = {
        step: k++,
        loss: losses,
        gradNorm: [0, 1, 2].map((m) => norm2(grads.subarray(m * n, (m + 1) * n))),
        h: [H[0], H[Math.floor(H.length / 2)], H[H.length - 1]],
      };
      if (scored) record.accuracy = scored;
      return record;
    },
    dispose() {
      tf.dispose([P, psgd.P, psgd.C, psgd.mask, xTrain, xTest, ...Object.values(adamState), ...Object.values(adamCoefficients)]);
    },
  };
}
