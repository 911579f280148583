/**
 * Chapter 5's problem against float64 references, on cpu64 (float64 throughout), with a small
 * hidden layer (3 units: 226 parameters) so that differences over every parameter stay cheap: the
 * loss and validation loss equal a plain float64 evaluation, the gradient equals central
 * differences of it, the Hessian-vector product (Newton-CG's) equals central differences of the
 * gradient, and a sampled gradient is the gradient on the examples its draws pick.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { expectCloseToMax } from '../../testing/expect-close';
import { gradientByDifferences, hvpByDifferences } from '../../testing/float64';
import { createOracle } from '../autodiff/oracle';
import { createRandom } from '../random';
import { onCpu64 } from '../float64/testing';
import { tf } from '../tf';
import type { DigitsSplit } from './digits-data';
import { createDigitsMlp } from './digits-mlp';
import { meanLoss64 } from './digits-net.float64';
import { loadSplit } from './digits.fixture';

let split: DigitsSplit;
beforeAll(async () => {
  split = await loadSplit();
});

describe('digits-mlp on cpu64', () => {
  onCpu64();
  const hidden = 3;

  test.each(['cross-entropy', 'seed'] as const)('%s: the loss on each split is the float64 mean loss (1e-12 relative)', (loss) => {
    const problem = createDigitsMlp(split, { seed: 2, loss, hidden });
    const p = problem.initialParams();
    const value = tf.tidy(() => problem.loss(tf.tensor1d(p)).dataSync()[0]);
    expect(Math.abs(value / meanLoss64(problem.shape, p, split.xTrain, split.yTrain, loss) - 1)).toBeLessThan(1e-12);
    const validation = problem.validationLoss?.(tf.tensor1d(p)) ?? NaN;
    expect(Math.abs(validation / meanLoss64(problem.shape, p, split.xTest, split.yTest, loss) - 1)).toBeLessThan(1e-12);
    problem.dispose();
  });

  test('gradient and Hessian-vector product equal central differences (1e-7 and 1e-8 of the largest entry)', () => {
    const before = tf.memory().numTensors;
    const problem = createDigitsMlp(split, { seed: 2, hidden });
    const oracle = createOracle(problem);
    const p = problem.initialParams();
    const gradAt = (q: number[]) => tf.tidy(() => Array.from(oracle.valueAndGrad(tf.tensor1d(q)).grad.dataSync()));
    const f64 = (q: number[]) => meanLoss64(problem.shape, q, split.xTrain, split.yTrain, 'cross-entropy');
    expectCloseToMax(gradAt(p), gradientByDifferences(f64, p, 1e-5), 1e-7, 'gradient');
    const random = createRandom(5);
    const v = p.map(() => random.normal());
    const hv = tf.tidy(() => Array.from(oracle.hvp(tf.tensor1d(p), tf.tensor1d(v)).dataSync()));
    // h = 1e-6: the differences' truncation error falls as h^2 (1.3e-5 of the largest entry at
    // h = 1e-4, measured); their round-off, 1e-16 |g| / h, stays far below the tolerance.
    expectCloseToMax(hv, hvpByDifferences(gradAt, p, v, 1e-6), 1e-8, 'H v');
    problem.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test("a sampled gradient is each row's gradient on the examples its draws pick, the same for every row", () => {
    const problem = createDigitsMlp(split, { seed: 2, hidden });
    const rows = [problem.initialParams(), problem.initialParams(createRandom(9).next)];
    const [batch, one] = tf.tidy(() => problem.sample(tf.tensor2d(rows), [4, 1], createRandom(3).next).map((s) => Array.from(s.grad.dataSync())));
    // The same stream picks the rows: floor(u * n) for each example, the minibatch's first.
    const random = createRandom(3);
    const d = split.features;
    const pick = (count: number) => {
      const chosen = Array.from({ length: count }, () => Math.floor(random.next() * split.yTrain.length));
      return { x: chosen.flatMap((r) => Array.from(split.xTrain.subarray(r * d, (r + 1) * d))), y: chosen.map((r) => split.yTrain[r]) };
    };
    const [examples, single] = [pick(4), pick(1)];
    const n = problem.dim;
    rows.forEach((p, m) => {
      const on = (e: { x: number[]; y: number[] }) => gradientByDifferences((q) => meanLoss64(problem.shape, q, e.x, e.y, 'cross-entropy'), p, 1e-5);
      expectCloseToMax(batch.slice(m * n, (m + 1) * n), on(examples), 1e-7, `row ${m}, minibatch`);
      expectCloseToMax(one.slice(m * n, (m + 1) * n), on(single), 1e-7, `row ${m}, one example`);
    });
    problem.dispose();
  });
});
