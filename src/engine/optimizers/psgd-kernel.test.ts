/**
 * Preconditioned SGD's one-kernel update gives psgdUpdate's numbers (the rule's tfjs ops, tested
 * against float64 in psgd.test.ts) to the last bit, on every backend it is registered for, in
 * float32 and in float64.
 */
import { describe, expect, test } from 'vitest';
import { createRandom } from '../random';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { psgdUpdate } from './psgd';
import { JS_MAX, psgdStep } from './psgd-kernel';

const hp = { lr: 0.01, batch: 32, k: 1 };
const n = 2314;

describe.each(['wasm', 'cpu', 'cpu64'] as const)('on %s', (backend) => {
  onBackend(backend);

  test.each([
    [10, 0, 7],
    [10, 1, 7],
    [37, 1, 7],
    // Past JS_MAX, the rule's own kernels.
    [37, 1, Math.ceil(JS_MAX / 61) + 1],
  ])('t = %i, on = %i, %i x 61 parameters: the same next parameters and C as the rule, to the last bit', (t, on, rows) => {
    const before = tf.memory().numTensors;
    const random = createRandom(t * 2 + on);
    const size = rows * 61;
    // Gradients of mixed scale (as the net's are), C as initialised, a mask with frozen entries.
    const draw = (scale: () => number) => tf.tensor2d(Float64Array.from({ length: size }, () => (random.next() - 0.5) * scale()), [rows, 61]);
    const p = draw(() => 1);
    const g = draw(() => 10 ** (-6 * random.next()));
    const g1 = draw(() => 10 ** (-6 * random.next()));
    const C = tf.tensor2d(Float64Array.from({ length: size }, () => random.next() * Math.sqrt(6 / n)), [rows, 61]);
    const mask = tf.tensor2d(Float64Array.from({ length: size }, () => (random.next() < 0.3 ? 0 : 1)), [rows, 61]);

    const kernel = psgdStep(p, C, mask, g, g1, { t, on, n, ...hp });
    const rule = tf.tidy(() => psgdUpdate(p, g, g1, { C, mask, t: tf.scalar(t), on: tf.scalar(on) }, { lr: tf.scalar(hp.lr), batch: tf.scalar(hp.batch), k: tf.scalar(hp.k) }, n));
    expect(kernel.next.dataSync()).toEqual(rule.next.dataSync());
    expect(kernel.C.dataSync()).toEqual(rule.state.C.dataSync());
    // Frozen weights stay (and every weight before the first update); free ones move when on (but
    // steps below a float32 weight's last bit leave it).
    const [p0, p1, m] = [p.dataSync(), kernel.next.dataSync(), mask.dataSync()];
    expect(Array.from(p1).every((v, i) => (on && m[i]) || v === p0[i])).toBe(true);
    expect(Array.from(p1).filter((v, i) => v !== p0[i]).length > size / 2).toBe(on === 1);
    tf.dispose([p, g, g1, C, mask, kernel.next, kernel.C, rule.next, ...Object.values(rule.state)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
