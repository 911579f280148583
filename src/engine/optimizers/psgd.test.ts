/**
 * Preconditioned SGD against a float64 hand computation: three steps of two models (the first
 * updating only C, as the seed's loop does), gradients by central differences of the float64
 * loss, then the C update and the preconditioned, masked step.
 */
import { describe, expect, test } from 'vitest';
import { gradientByDifferences, maxAbs } from '../../testing/float64';
import { initialParams, logits, meanLoss, paramCount, CLASSES } from '../problems/digits-net';
import { meanLoss64 } from '../problems/digits-net.float64';
import { createRandom } from '../random';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import type { Tensors } from './first-order-rule';
import { initialC, psgdRule } from './psgd';

const shape = { inputs: 5, hidden: 4 };
const N = paramCount(shape);
const M = 2;
const settings = { lr: 0.01, batch: 4, k: 1 };
const random = createRandom(11);
const start = Array.from({ length: M }, () => Array.from(initialParams(shape, random.next)));
const C0 = Array.from({ length: M * N }, () => random.next() * Math.sqrt(6 / N));
/** Per step and model: a minibatch of 4 examples and one more example. */
const draw = (count: number) => ({ x: Array.from({ length: count * shape.inputs }, () => random.normal()), y: Array.from({ length: count }, () => Math.floor(random.next() * CLASSES)) });
const steps = [0, 1, 2].map(() => Array.from({ length: M }, () => ({ batch: draw(settings.batch), one: draw(1) })));
/** Model 1 has its first 20 parameters frozen. */
const mask = Array.from({ length: M * N }, (_, k) => (k >= N && k < N + 20 ? 0 : 1));

const gradient64 = (p: number[], ex: { x: number[]; y: number[] }) => gradientByDifferences((q) => meanLoss64(shape, q, ex.x, ex.y, 'cross-entropy'), p, 1e-6);

describe.each(NODE_BACKENDS)('on %s', (backend) => {
  onBackend(backend);

  test('three steps of two models match float64: C by the noise estimate, P by the masked, preconditioned step', () => {
    const before = tf.memory().numTensors;
    // float64 reference
    const P64 = start.map((p) => [...p]);
    const C64 = [0, 1].map((m) => C0.slice(m * N, (m + 1) * N));
    let t = 10;
    // tfjs
    let P = tf.tensor2d(start);
    let state: Tensors = { C: tf.tensor2d(C0, [M, N]), mask: tf.tensor2d(mask, [M, N]), t: tf.fill([M, 1], 10), on: tf.zeros([M, 1]) };
    const c: Tensors = { lr: tf.scalar(settings.lr), batch: tf.scalar(settings.batch), k: tf.scalar(settings.k) };
    steps.forEach((step, i) => {
      const update = i > 0;
      const kt = settings.k / t;
      for (let m = 0; m < M; m++) {
        const g = gradient64(P64[m], step[m].batch);
        const g1 = gradient64(P64[m], step[m].one);
        for (let k = 0; k < N; k++) C64[m][k] = (1 - kt) * C64[m][k] + kt * (g1[k] - g[k]) ** 2;
        if (update) for (let k = 0; k < N; k++) P64[m][k] -= settings.lr * mask[m * N + k] * ((2 * settings.batch) / (N * C64[m][k])) * g[k];
      }
      if (update) t += 1;
      // The gradients by autodiff of the net (tested against float64 differences).
      const gradientOn = (which: 'batch' | 'one', count: number) =>
        tf.tidy(() => {
          const X = tf.tensor3d(step.flatMap((s) => s[which].x), [M, count, shape.inputs]);
          const Y = tf.cast(tf.oneHot(tf.tensor2d(step.flatMap((s) => s[which].y), [M, count], 'int32'), CLASSES), 'float32') as tf.Tensor3D;
          return tf.grad((Q: tf.Tensor) => tf.sum(meanLoss(logits(shape, Q as tf.Tensor2D, X), Y, 'cross-entropy')))(P) as tf.Tensor2D;
        });
      const [g, g1] = [gradientOn('batch', settings.batch), gradientOn('one', 1)];
      const next = tf.tidy(() => psgdRule.update(P, g, state, c, g1));
      const kept = new Set(Object.values(next.state));
      tf.dispose([g, g1, P, ...Object.values(state).filter((x) => !kept.has(x))]);
      [P, state] = [next.next as tf.Tensor2D, next.state];
      // t counts the steps that moved the weights; the first (on = 0) moved none.
      expect(Array.from(state.t.dataSync())).toEqual([t, t]);
      expect(Array.from(state.on.dataSync())).toEqual([1, 1]);
      const C = state.C.arraySync() as number[][];
      const params = P.arraySync() as number[][];
      for (let m = 0; m < M; m++) {
        // C: squares of gradient differences, 1e-4 of the largest entry (float32 gradients
        // against differences of the float64 loss).
        expect(maxAbs(C[m].map((c, k) => c - C64[m][k])) / maxAbs(C64[m]), `C, step ${i}`).toBeLessThan(1e-4);
        // P: the step lr H g divides by C, so compare the change since the start, 1e-3 of its
        // largest entry; frozen parameters do not move at all.
        const change = P64[m].map((p, k) => p - start[m][k]);
        if (update) expect(maxAbs(params[m].map((p, k) => p - start[m][k] - change[k])) / maxAbs(change), `P, step ${i}`).toBeLessThan(1e-3);
        else expect(params[m]).toEqual(start[m].map(Math.fround));
        if (m === 1) expect(params[m].slice(0, 20)).toEqual(start[m].slice(0, 20).map(Math.fround));
      }
    });
    tf.dispose([P, ...Object.values(state), ...Object.values(c)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('initialC draws uniform in [0, sqrt(6 / N)]', () => {
    const C = initialC(3, 2314, createRandom(1).next);
    const values = C.dataSync();
    C.dispose();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(Math.sqrt(6 / 2314));
    // The mean of 6,942 uniforms is half the bound within 2% (its standard error is 0.35%).
    const mean = Array.from(values).reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean / (Math.sqrt(6 / 2314) / 2) - 1)).toBeLessThan(0.02);
  });
});
