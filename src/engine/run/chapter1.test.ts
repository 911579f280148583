/**
 * Chapter 1 with the seed's settings (start (5, 5), target 1e-10, at most 40,000 steps), on every
 * Node backend. References: the seed's printed float64 logs (seed 000, cells 8-11) and a float32
 * NumPy run of the same loops (GD stalls at 8.8e-10; Adam stops at step 299).
 */
import { describe, expect, test } from 'vitest';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import type { StepRecord } from '../types';
import { chapter1Specs, runToEnd, SEED_ADAM_LOG, SEED_GD_LOG } from './chapter1.fixture';
import { createRun } from './run';

const specs = chapter1Specs();
/** float32 follows the seed's logs to step 256 (gradient descent) and 128 (Adam). */
const GD_LOG = SEED_GD_LOG.filter(([k]) => k <= 256);
const ADAM_LOG = SEED_ADAM_LOG.filter(([k]) => k <= 128);

const expectFinalNearSolution = (last: StepRecord) =>
  // Every final (a, b) within 1e-3 of the true (2.5, 2.5).
  last.params.forEach((p) => expect(Math.abs(p - 2.5)).toBeLessThanOrEqual(1e-3));

describe.each(NODE_BACKENDS)('chapter 1 on %s', (backend) => {
  onBackend(backend);

  test('gradient descent follows the seed log to step 256, then stalls near 1e-9 in float32', () => {
    const { records, stop, last } = runToEnd(specs.gd);
    // float32 round-off compounds along the path: a float32 NumPy run of the same loop is 3.3e-4
    // relative from the float64 seed at step 256; we allow 1e-3.
    for (const [k, loss] of GD_LOG) expect(Math.abs(records[k - 1].loss - loss) / loss, `step ${k}`).toBeLessThanOrEqual(1e-3);
    // The float64 seed reaches 1e-10 at step 582. In float32, lr * grad falls below half the float
    // spacing near 2.5 (1.2e-7) first: p stops moving with the loss near 8.8e-10 (float32 NumPy:
    // 8.788e-10), above the target. Running on to 40,000 steps would repeat the same step.
    expect(stop?.reason).toBe('stalled');
    expect(last.loss).toBeGreaterThan(5e-10);
    expect(last.loss).toBeLessThan(2e-9);
    expect(last.step).toBeGreaterThan(400);
    expect(last.step).toBeLessThan(2000);
    expectFinalNearSolution(last);
  });

  test('Adam lr 15 reaches 1e-10 near the seed step 317, following the seed log to step 128', () => {
    const { records, stop, last } = runToEnd(specs.adam);
    // Adam's loss swings through 3e4 early on, which magnifies float32 round-off: 2e-3 relative.
    for (const [k, loss] of ADAM_LOG) expect(Math.abs(records[k - 1].loss - loss) / loss, `step ${k}`).toBeLessThanOrEqual(2e-3);
    expect(stop?.reason).toBe('converged');
    expect(last.loss).toBeLessThanOrEqual(1e-10);
    // float32 NumPy stops at 299, the float64 seed at 317: the float32 path may land anywhere near.
    expect(last.step).toBeGreaterThanOrEqual(280);
    expect(last.step).toBeLessThanOrEqual(340);
    expectFinalNearSolution(last);
  });

  test('Newton converges in at most 8 steps (seed: 6)', () => {
    const { records, stop, last } = runToEnd(specs.newton);
    // Seed log, relative 1e-5: step 2 loss 105.04357496954218, step 4 loss 0.3307135454853347.
    expect(Math.abs(records[1].loss / 105.04357496954218 - 1)).toBeLessThan(1e-5);
    expect(Math.abs(records[3].loss / 0.3307135454853347 - 1)).toBeLessThan(1e-4);
    expect(stop?.reason).toBe('converged');
    expect(last.step).toBeLessThanOrEqual(8);
    expectFinalNearSolution(last);
  });

  test('Gauss-Newton converges in at most 6 steps (seed: 4)', () => {
    const { records, stop, last } = runToEnd(specs['gauss-newton']);
    expect(Math.abs(records[1].loss / 14.653025157673637 - 1)).toBeLessThan(1e-5);
    expect(stop?.reason).toBe('converged');
    expect(last.step).toBeLessThanOrEqual(6);
    expectFinalNearSolution(last);
  });

  test('Levenberg-Marquardt converges, mu falling 10x per accepted step from 3', () => {
    const { records, stop, last } = runToEnd(specs.lm);
    expect(stop?.reason).toBe('converged');
    expect(records[0].mu).toBe(3);
    expect(records[1].mu).toBeCloseTo(0.3, 12);
    expect(records.reduce((s, r) => s + r.rejected, 0)).toBe(0);
    expect(last.step).toBeLessThanOrEqual(10);
    expectFinalNearSolution(last);
  });

  test('gradient descent with lr 0.01 diverges: the run stops and says so', () => {
    const { stop, last } = runToEnd({ ...specs.gd, hp: { lr: 0.01 } });
    expect(stop?.reason).toBe('diverged');
    expect(Number.isFinite(last.loss)).toBe(false);
    expect(last.step).toBeLessThan(200);
  });

  test('the tensor count is flat over 1,000 steps of each optimizer', () => {
    // Newton, Gauss-Newton and LM finish in a few steps, so runs restart from fresh starts until
    // each optimizer has taken 1,000 steps; long runs are also checked mid-run.
    const before = tf.memory().numTensors;
    for (const spec of Object.values(specs)) {
      let steps = 0;
      for (let i = 0; steps < 1000; i++) {
        const run = createRun({ ...spec, start: [5 + (i % 7), 5 - (i % 5)], targetLoss: -1, maxSteps: 1000 - steps });
        run.advance(2);
        const during = tf.memory().numTensors;
        const records = run.advance(Infinity);
        if (!run.stop || run.stop.reason === 'max-steps') expect(tf.memory().numTensors).toBe(during);
        steps += records.length + 1;
        run.dispose();
      }
      expect(tf.memory().numTensors, spec.optimizer).toBe(before);
    }
  });
});
