/**
 * The race: three optimizers from one start on the same minibatches. Step 0 is the same for all,
 * then they part; accuracy comes every 100 steps; H's spread is ordered; nothing leaks.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { RACE_HYPERPARAMETERS, RACE_LABELS, RACE_OPTIMIZERS, type RaceStep } from '../../catalog';
import type { DigitsSplit } from '../problems/digits-data';
import { loadSplit } from '../problems/digits.fixture';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { createDigitsRace } from './digits-race';
import { createRun } from './run';

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

describe("the race's entrants", () => {
  test("are the catalog's preconditioned SGD, gradient descent and Adam (its defaults, lr 1e-3), at the settings the race has always used", () => {
    expect(RACE_OPTIMIZERS).toEqual(['psgd', 'gd', 'adam']);
    expect(RACE_HYPERPARAMETERS).toEqual([{ lr: 0.01, batch: 32, k: 1 }, { lr: 0.01 }, { lr: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, epsPlacement: 0 }]);
  });
});

test('the race names its entrants by their catalog learning rates', () => {
  expect(RACE_LABELS).toEqual({ psgd: 'preconditioned SGD (lr 0.01)', gd: 'plain SGD (lr 0.01)', adam: 'Adam (lr 1e-3)' });
});

describe('on cpu', () => {
  onBackend('cpu');

  test("preconditioned SGD's row of the race is a run of its own on digits-mlp: the same start, C and minibatches, the same steps", () => {
    const before = tf.memory().numTensors;
    const [seed, steps] = [3, 30];
    const m = RACE_OPTIMIZERS.indexOf('psgd');
    const race = createDigitsRace(split, { seed, loss: 'cross-entropy' });
    const raced = [race.params(m)];
    for (let k = 0; k < steps; k++) {
      race.step();
      raced.push(race.params(m));
    }
    race.dispose();
    const run = createRun({ problem: 'digits-mlp', optimizer: 'psgd', hp: RACE_HYPERPARAMETERS[m], start: [], maxSteps: steps, targetLoss: 0, seed }, undefined, { digits: split });
    const records = run.advance(Infinity);
    const stop = run.stop;
    run.dispose();
    expect(stop?.reason).toBe('max-steps');
    expect(records.map((r) => r.step)).toEqual(raced.map((_, k) => k));
    // The start and the first step (C only) are bit-identical; later steps differ by the float32
    // round-off of the race's three-row products against one row's: within 1e-4 of the largest
    // change since the start.
    expect(Array.from(records[0].params)).toEqual(Array.from(raced[0]));
    expect(Array.from(records[1].params)).toEqual(Array.from(raced[0]));
    records.forEach((r, k) => {
      const change = Math.max(...raced[k].map((p, i) => Math.abs(p - raced[0][i])));
      const apart = Math.max(...r.params.map((p, i) => Math.abs(p - raced[k][i])));
      expect(apart, `step ${k}`).toBeLessThanOrEqual(1e-4 * change);
    });
    // And the run records the full training loss, which falls.
    expect(records[steps].loss).toBeLessThan(records[0].loss);
    expect(tf.memory().numTensors).toBe(before);
  });
});
