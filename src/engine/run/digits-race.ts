/**
 * Chapter 5's training race: one digits net (the `digits-mlp` problem), from one start, trained
 * side by side by the race's catalog optimizers (rows of one parameter matrix, each stepped by its
 * optimizer's rule with its catalog hyperparameters), every step on the same minibatch, so the
 * curves differ only by the optimizer. Each step reports the minibatch losses, gradient norms and
 * the spread of preconditioned SGD's H; accuracy on the whole splits every few steps.
 */
import { hyperparametersOf, RACE_ACCURACY_EVERY, RACE_HYPERPARAMETERS, RACE_OPTIMIZERS, type DigitsLoss, type RaceStep } from '../../catalog';
import { norm2 } from '../linalg/dense';
import type { FirstOrderRule, Tensors } from '../optimizers/first-order-rule';
import { FIRST_ORDER_RULES } from '../optimizers';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsMlp } from '../problems/digits-mlp';
import { createRandom } from '../random';
import { tf } from '../tf';

export interface DigitsRace {
  step(): RaceStep;
  /** Entrant m's parameters now (race order). */
  params(m: number): Float64Array;
  dispose(): void;
}

interface Entrant {
  rule: FirstOrderRule;
  state: Tensors;
  coefficients: Tensors;
}

export function createDigitsRace(data: DigitsSplit, options: { seed: number; loss: DigitsLoss }): DigitsRace {
  const problem = createDigitsMlp(data, { seed: options.seed, loss: options.loss });
  const n = problem.dim;
  const rows = RACE_OPTIMIZERS.length;
  // One stream draws the start, the rules' random state (PSGD's C) and every minibatch.
  const random = createRandom(options.seed);
  const start = problem.initialParams(random.next);
  const psgdRow = RACE_OPTIMIZERS.indexOf('psgd');
  const psgdHp = hyperparametersOf('psgd', RACE_HYPERPARAMETERS[psgdRow]);
  const batch = psgdHp.batch;

  let P = tf.tensor2d(Array.from({ length: rows }, () => start));
  const entrants: Entrant[] = RACE_OPTIMIZERS.map((optimizer, m) => {
    const rule = FIRST_ORDER_RULES[optimizer] as FirstOrderRule;
    const coefficients = rule.coefficients(hyperparametersOf(optimizer, RACE_HYPERPARAMETERS[m]));
    return {
      rule,
      state: tf.tidy(() => rule.init(tf.zeros([1, n]), () => tf.ones([1, 1]), random.next)),
      coefficients: Object.fromEntries(Object.entries(coefficients).map(([k, v]) => [k, tf.scalar(v)])),
    };
  });
  let k = 0;

  return {
    step() {
      // Accuracy at the parameters this step starts from (step 0: the shared start).
      const scored = k % RACE_ACCURACY_EVERY === 0 ? { train: problem.accuracy(P, 'train'), test: problem.accuracy(P, 'test') } : undefined;
      // Every row's gradient on the minibatch, and on one more example (PSGD's noise estimate).
      const [minibatch, one] = problem.sample(P, [batch, 1], random.next);
      const row = (x: tf.Tensor, m: number) => tf.slice(x, [m, 0], [1, n]);
      const steps = entrants.map((e, m) => tf.tidy(() => e.rule.update(row(P, m), row(minibatch.grad, m), e.state, e.coefficients, row(one.grad, m))));
      const nextP = tf.tidy(() => tf.concat(steps.map((s) => s.next), 0)) as tf.Tensor2D;
      const losses = Array.from(minibatch.loss.dataSync());
      const grads = minibatch.grad.dataSync();
      entrants.forEach((e, m) => {
        const kept = new Set(Object.values(steps[m].state));
        tf.dispose([steps[m].next, ...Object.values(e.state).filter((x) => !kept.has(x))]);
        e.state = steps[m].state;
      });
      // H = 2B / (N C): its spread shows how unevenly PSGD scales the gradient.
      const C = entrants[psgdRow].state.C.dataSync();
      const H = Float64Array.from(C, (c) => (2 * batch) / (n * c)).sort();
      tf.dispose([P, minibatch.loss, minibatch.grad, one.loss, one.grad]);
      P = nextP;
      // The minibatch loss and gradient at the parameters of step k, before its update.
      const record: RaceStep = {
        step: k++,
        loss: losses,
        gradNorm: RACE_OPTIMIZERS.map((_, m) => norm2(grads.subarray(m * n, (m + 1) * n))),
        h: [H[0], H[Math.floor(H.length / 2)], H[H.length - 1]],
      };
      if (scored) record.accuracy = scored;
      return record;
    },
    params(m) {
      return Float64Array.from(P.dataSync().subarray(m * n, (m + 1) * n));
    },
    dispose() {
      tf.dispose([P, ...entrants.flatMap((e) => [...Object.values(e.state), ...Object.values(e.coefficients)])]);
      problem.dispose();
    },
  };
}
