/**
 * Every kernel that every chapter's optimizers dispatch, forward and backward, first and second
 * order, has a float64 implementation: each pairing of the catalog steps on cpu64 while the engine's
 * kernel calls are recorded, and so do chapter 5's sweep and race. A kernel cpu64 lacks would stop
 * a run with tfjs's "not registered" error; the test names it, so a new op can never slip through.
 * It also watches what reaches the backend as a Float32Array (a number tfjs rounded on its way in)
 * while chapters 1-4 run: only constants exact in float32 may. Chapter 5 trains in float32 only.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chapterHyperparameters, FLOAT64_BACKEND, OPTIMIZER_IDS, OPTIMIZERS, pairingProblem, PROBLEM_IDS, PROBLEMS } from '../../catalog';
import { switchBackend } from '../backend';
import { FLOAT64_KERNEL_NAMES } from '../float64/backend';
import type { ProblemData } from '../problems';
import { loadSplit } from '../problems/digits.fixture';
import { tf } from '../tf';
import { createBatcher } from './batcher';
import { createDigitsRace } from './digits-race';
import { createSweep } from './sweep';

type RunKernel = (name: string, inputs: unknown, attrs?: unknown) => unknown;
const engine = tf.engine() as unknown as { runKernel: RunKernel };
const original = engine.runKernel;
const dispatched = new Set<string>();
/** Float32Array values written to cpu64: numbers tfjs rounded before the backend saw them. */
const roundedWrites: number[] = [];
const sites = new Map<string, number>();

/** What problems on a dataset train on (chapter 5's digits). */
const data: ProblemData = {};

beforeAll(async () => {
  data.digits = await loadSplit();
  if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  engine.runKernel = function (this: unknown, name, inputs, attrs) {
    dispatched.add(name);
    return original.call(this, name, inputs, attrs);
  };
  const backend = tf.backend() as unknown as { write: (values: unknown, shape: number[], dtype: string) => unknown };
  const write = backend.write.bind(backend);
  backend.write = (values, shape, dtype) => {
    if (values instanceof Float32Array) {
      roundedWrites.push(...values);
      if (values.some((v) => !Number.isInteger(v * 1024))) {
        const site = (new Error().stack ?? '').split('\n').filter((l) => l.includes('/work/main/src/') && !l.includes('float64-coverage') && !l.includes('tf-exact')).slice(0, 2).join(' <- ');
        sites.set(site, (sites.get(site) ?? 0) + 1);
      }
    }
    return write(values, shape, dtype);
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
    const run = createBatcher(undefined, data).start('run', { problem, optimizer, hp: chapterHyperparameters(problem, optimizer), start: PROBLEMS[problem].defaultStart, maxSteps: steps, targetLoss: 0, precision: 'float64' });
    const records = run.advance(Infinity);
    const stop = run.stop;
    run.dispose();
    // Chapter 3's plain Newton and Gauss-Newton stop as 'singular' by design; nothing may fail.
    expect(stop?.reason, stop?.message).not.toBe('error');
    expect(records.length).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('chapters 1-4: numbers reach cpu64 exactly (what arrives as float32 is a small dyadic number: 0, 1, 2, 0.5, ...)', () => {
    // tfjs's own constants (ones for gradients, 1 and 2 in gradient formulas, one-hot labels) come
    // as Float32Array; anything else would be a number rounded on its way in.
    const inexact = [...new Set(roundedWrites)].filter((v) => !Number.isInteger(v * 1024));
    // Where they were written from, for the failure message.
    expect(inexact, [...sites.keys()].join('\n')).toEqual([]);
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
