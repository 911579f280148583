/**
 * Every kernel that every chapter's optimizers dispatch, forward and backward, first and second
 * order, has a float64 implementation: each pairing of the catalog steps on cpu64 while the engine's
 * kernel calls are recorded, and so do chapter 5's sweep and race. A kernel cpu64 lacks would stop
 * a run with tfjs's "not registered" error; the test names it, so a new op can never slip through.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chapterHyperparameters, FLOAT64_BACKEND, OPTIMIZER_IDS, OPTIMIZERS, pairingProblem, PROBLEM_IDS, PROBLEMS } from '../../catalog';
import { switchBackend } from '../backend';
import { FLOAT64_KERNEL_NAMES } from '../float64/backend';
import { loadSplit } from '../problems/digits.fixture';
import { tf } from '../tf';
import { createBatcher } from './batcher';
import { createDigitsRace } from './digits-race';
import { createSweep } from './sweep';

type RunKernel = (name: string, inputs: unknown, attrs?: unknown) => unknown;
const engine = tf.engine() as unknown as { runKernel: RunKernel };
const original = engine.runKernel;
const dispatched = new Set<string>();

beforeAll(async () => {
  if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  engine.runKernel = function (this: unknown, name, inputs, attrs) {
    dispatched.add(name);
    return original.call(this, name, inputs, attrs);
  };
});
afterAll(() => {
  engine.runKernel = original;
});

const pairs = PROBLEM_IDS.flatMap((problem) => OPTIMIZER_IDS.filter((o) => pairingProblem(PROBLEMS[problem], OPTIMIZERS[o]) === null).map((optimizer) => [problem, optimizer] as const));

describe('cpu64 implements every kernel the chapters dispatch', () => {
  test.each(pairs)('%s / %s', (problem, optimizer) => {
    const before = tf.memory().numTensors;
    const steps = PROBLEMS[problem].dim > 50 ? 2 : 5;
    const run = createBatcher().start('run', { problem, optimizer, hp: chapterHyperparameters(problem, optimizer), start: PROBLEMS[problem].defaultStart, maxSteps: steps, targetLoss: 0, precision: 'float64' });
    const records = run.advance(Infinity);
    const stop = run.stop;
    run.dispose();
    // Chapter 3's plain Newton and Gauss-Newton stop as 'singular' by design; nothing may fail.
    expect(stop?.reason, stop?.message).not.toBe('error');
    expect(records.length).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  test("chapter 5's sweep (prune and disable, both losses) and race", async () => {
    const split = await loadSplit();
    for (const kind of ['prune', 'disable'] as const) {
      for (const loss of ['cross-entropy', 'seed'] as const) {
        const sweep = createSweep(split, { kind, modes: kind === 'prune' ? ['minimal', 'random'] : ['H', 'minimal', 'random'], ps: [0.5], repeats: 1, warmup: 2, steps: 2, loss, seed: 1 });
        while (!sweep.finished) sweep.advance(Infinity);
        sweep.dispose();
      }
    }
    const race = createDigitsRace(split, { seed: 1, loss: 'cross-entropy' });
    for (let i = 0; i < 2; i++) race.step();
    race.dispose();
  });

  test('and every kernel recorded is one of cpu64', () => {
    const missing = [...dispatched].filter((k) => !FLOAT64_KERNEL_NAMES.includes(k));
    expect(missing).toEqual([]);
    // The recorder saw the work: the chapters need at least these.
    for (const k of ['BatchMatMul', 'Tanh', 'Sum', 'Slice', 'Concat', 'OneHot']) expect(dispatched).toContain(k);
  });
});
