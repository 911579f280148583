/**
 * The race: three optimizers from one start on the same minibatches. Step 0 is the same for all,
 * then they part; accuracy comes every 100 steps; H's spread is ordered; nothing leaks.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { RACE_LABELS, RACE_RIVALS, type RaceStep } from '../../catalog';
import type { DigitsSplit } from '../problems/digits-data';
import { loadSplit } from '../problems/digits.fixture';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { createDigitsRace } from './digits-race';

let split: DigitsSplit;
beforeAll(async () => {
  split = await loadSplit();
});

describe('on wasm', () => {
  onBackend('wasm');

  test('one start, the same minibatches: step 0 is shared, then each optimizer goes its own way; H is ordered; nothing leaks', () => {
    const before = tf.memory().numTensors;
    const race = createDigitsRace(split, { seed: 4, loss: 'cross-entropy' });
    const steps: RaceStep[] = Array.from({ length: 201 }, () => race.step());
    race.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const [first] = steps;
    expect(first.step).toBe(0);
    // The same parameters and minibatch: the same loss and gradient for all three (to rounding).
    expect(Math.max(...first.loss) - Math.min(...first.loss)).toBeLessThan(1e-6);
    expect(Math.max(...first.gradNorm) - Math.min(...first.gradNorm)).toBeLessThan(1e-5);
    expect(first.accuracy?.test[0]).toBe(first.accuracy?.test[1]);
    // After 200 steps they differ, and all have learnt (test accuracy well above 0.1 chance).
    const last = steps[200];
    expect(last.accuracy?.test.every((a) => a > 0.5)).toBe(true);
    expect(new Set(last.loss).size).toBe(3);
    for (const s of steps) expect(s.h[0] <= s.h[1] && s.h[1] <= s.h[2] && s.h[0] > 0).toBe(true);
    expect(steps.filter((s) => s.accuracy).map((s) => s.step)).toEqual([0, 100, 200]);
  });
});

describe("the race's rivals", () => {
  test("are the catalog's gradient descent and Adam (its defaults, lr 1e-3), at the settings the race has always used", () => {
    expect(RACE_RIVALS).toEqual({ sgd: { optimizer: 'gd', hp: { lr: 0.01 } }, adam: { optimizer: 'adam', hp: { lr: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8 } } });
  });
});

test('the race names its rivals by their catalog learning rates', () => {
  expect(RACE_LABELS).toEqual({ psgd: 'preconditioned SGD (lr 0.01)', sgd: 'plain SGD (lr 0.01)', adam: 'Adam (lr 1e-3)' });
});
