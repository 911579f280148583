/**
 * Every optimizer on every problem whose capabilities it needs, started as the page starts runs
 * (through the batcher: chapter 4's first-order runs are batches): steps from the chapter's start
 * with the chapter's settings give a finite loss below the start's, and no tensor is left behind.
 * The pairings that must fail, fail as values: plain Gauss-Newton and plain Newton on the net
 * (chapter 3) both jump to saturated tanh units, where J^T J and H are singular.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chapterHyperparameters, OPTIMIZER_IDS, OPTIMIZERS, pairingProblem, PROBLEM_IDS, PROBLEMS, type OptimizerId, type ProblemId } from '../../catalog';
import { createProblem, type ProblemData } from '../problems';
import { loadSplit } from '../problems/digits.fixture';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { createBatcher } from './batcher';

const EXPECTED_TO_FAIL = new Set(['net-on-rosenbrock/gauss-newton', 'net-on-rosenbrock/newton']);
/**
 * Newton solves grad f = 0: on chapter 7's default (Himmelblau from (0, 0)) the nearest such point
 * is the local maximum (-0.2708, -0.9230), f = 181.6165, above the start's 170.
 */
const CLIMBS_TO = new Map([['formula/newton', 181.6165215225827]]);
/** Enough steps to get past Adam's early swings at lr 15 on chapter 1; nets are slower per step (the 96-weight net of chapter 4 much slower: a few steps). */
const STEPS = (problem: ProblemId) => (PROBLEMS[problem].dim > 50 ? 3 : PROBLEMS[problem].dim > 2 ? 20 : 300);
const pairs = PROBLEM_IDS.flatMap((problem) =>
  OPTIMIZER_IDS.filter((o) => pairingProblem(PROBLEMS[problem], OPTIMIZERS[o]) === null).map((optimizer) => [problem, optimizer] as [ProblemId, OptimizerId]),
);

/** What problems on a dataset train on (chapter 5's digits). */
const data: ProblemData = {};
beforeAll(async () => {
  data.digits = await loadSplit();
});

// wasm: the chapter-4 net's broadcasting kernels are ~10x slower on the cpu backend.
describe('every optimizer on every compatible problem (wasm)', () => {
  onBackend('wasm');

  test('each engine problem provides exactly what the catalog says', () => {
    for (const id of PROBLEM_IDS) {
      const p = createProblem(id, { seed: 1, ...data });
      expect(p.provides, id).toEqual(PROBLEMS[id].provides);
      // A fit's model decides its dimension; the catalog gives the most it may be.
      if (PROBLEMS[id].modelParameters) expect(p.dim, id).toBeLessThanOrEqual(PROBLEMS[id].dim);
      else expect(p.dim, id).toBe(PROBLEMS[id].dim);
      p.dispose();
    }
  });

  test.each(pairs)('%s / %s: finite, lower loss; flat tensor count', (problem, optimizer) => {
    const before = tf.memory().numTensors;
    const run = createBatcher(undefined, data).start('run', { problem, optimizer, hp: chapterHyperparameters(problem, optimizer), start: PROBLEMS[problem].defaultStart, maxSteps: STEPS(problem), targetLoss: 0 });
    const records = run.advance(Infinity);
    const stop = run.stop;
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
    if (EXPECTED_TO_FAIL.has(`${problem}/${optimizer}`)) {
      expect(stop?.reason).toBe('singular');
      return;
    }
    expect(['max-steps', 'converged', 'stalled']).toContain(stop?.reason);
    const last = records[records.length - 1];
    expect(Number.isFinite(last.loss)).toBe(true);
    const peak = CLIMBS_TO.get(`${problem}/${optimizer}`);
    if (peak !== undefined) expect(Math.abs(last.loss / peak - 1)).toBeLessThan(1e-6);
    else expect(last.loss).toBeLessThan(records[0].loss);
  });
});
