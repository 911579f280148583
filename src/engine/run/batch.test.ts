/**
 * Batches: runs that share a problem step as one tensor program with a leading run dimension.
 * Checked against the runs computed one by one (the batched loss by its closed form, the batched
 * steps by the single-run optimizers), through members that stop, leave and are cancelled, with
 * the tensor count flat; and every first-order optimizer stops at the same step for the same
 * reason alone and in a batch.
 */
import { describe, expect, test } from 'vitest';
import { defaultExperiment, defaultHyperparameters, OPTIMIZER_IDS, OPTIMIZERS, runSpecs, type Hyperparameters, type OptimizerId, type RunSpec, type Stop, type StopReason } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { FIRST_ORDER_RULES } from '../optimizers';
import { createRahimiLinearNet } from '../problems/rahimi-linear-net';
import { createRandom } from '../random';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import type { StepRecord } from '../types';
import { createBatcher, runToEnd } from './batcher';
import { createRun } from './run';

/** Chapter 4's eight first-order runs (GD and Adam at four learning rates), `steps` steps each. */
const firstOrderSpecs = (steps: number): RunSpec[] =>
  runSpecs(defaultExperiment('rahimi-linear-net'))
    .map(({ spec }) => ({ ...spec, maxSteps: Math.min(spec.maxSteps, steps) }))
    .filter((spec) => spec.optimizer === 'gd' || spec.optimizer === 'adam');

/** The same, with heavy-ball momentum and RMSProp beside them: every rule in one batch. */
const everyRuleSpecs = (steps: number): RunSpec[] => {
  const specs = firstOrderSpecs(steps);
  return [...specs, { ...specs[0], optimizer: 'momentum', hp: { lr: 1e-6, momentum: 0.9 } }, { ...specs[0], optimizer: 'rmsprop', hp: { lr: 1e-3, rho: 0.9, eps: 1e-8 } }];
};

interface Outcome {
  records: StepRecord[];
  stop: Stop | null;
}

function single(spec: RunSpec): Outcome {
  const run = createRun(spec);
  const records = run.advance(Infinity);
  run.dispose();
  return { records, stop: run.stop };
}

const alone = (spec: RunSpec): StepRecord[] => single(spec).records;

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/**
 * Every optimizer with a first-order rule on full gradients: its runs step alone or in a batch.
 * (Preconditioned SGD's rule steps on minibatches: its batch is chapter 5's race, digits-race.test.)
 */
const FIRST_ORDER = OPTIMIZER_IDS.filter((id) => id in FIRST_ORDER_RULES && !FIRST_ORDER_RULES[id]?.minibatch);

/**
 * Chapter 4's problem and start, `optimizer` at lr with its other hyperparameters at their
 * defaults; `memoryless` sets every one that may be 0 to 0 (momentum, rho, b1, b2), so that the
 * rule's state reaches its fixed point in one step: v = g, s = g^2, m = g, v = g^2, b^k = 0.
 */
function chapter4Spec(optimizer: OptimizerId, lr: number, memoryless = false): RunSpec {
  const hp: Hyperparameters = { ...defaultHyperparameters(optimizer), lr };
  if (memoryless) for (const h of OPTIMIZERS[optimizer].hyperparameters) if (h.name !== 'lr' && h.min?.value === 0 && h.min.inclusive) hp[h.name] = 0;
  return { ...runSpecs(defaultExperiment('rahimi-linear-net'))[0].spec, optimizer, hp };
}

/** Whether the rule carries state from step to step (GD does not). */
const hasState = (optimizer: OptimizerId) => tf.tidy(() => Object.keys(FIRST_ORDER_RULES[optimizer]!.init(tf.zeros([1]), () => tf.scalar(1), createRandom(1).next)).length > 0);

describe.each(NODE_BACKENDS)('on %s', (backend) => {
  onBackend(backend);

  test("chapter 4's batched loss and gradient equal the single-run ones, row by row", () => {
    const before = tf.memory().numTensors;
    const problem = createRahimiLinearNet({ seed: 1 });
    const oracle = createOracle(problem);
    const noise = createRandom(7);
    const start = problem.initialParams!();
    const rows = [start, start.map((p) => p + 0.5 * noise.normal()), start.map((p) => 0.1 * p)];
    const P = tf.tensor2d(rows);
    let losses: Float32Array | Int32Array | Uint8Array = new Float32Array();
    const G = tf.grad((Q: tf.Tensor) => {
      const l = problem.lossBatch!(Q as tf.Tensor2D);
      losses = l.dataSync();
      return tf.sum(l);
    })(P);
    const grads = G.arraySync() as number[][];
    rows.forEach((row, k) => {
      const p = tf.tensor1d(row);
      const { loss, grad } = oracle.valueAndGrad(p);
      // The moments' form cancels in float32 (see lossBatch): 1e-5 relative at these losses
      // (3e3 to 4e5; measured 1e-8 to 6e-8).
      expect(relative(losses[k], loss)).toBeLessThan(1e-5);
      // 1e-4 of the largest entry (measured 2e-7 to 6e-7).
      const g = grad.dataSync();
      const scale = Math.max(...Array.from(g, Math.abs));
      expect(Math.max(...grads[k].map((x, i) => Math.abs(x - g[i]))) / scale).toBeLessThan(1e-4);
      tf.dispose([p, grad]);
    });
    tf.dispose([P, G]);
    problem.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the first-order runs of chapter 4 and a momentum and an RMSProp run, batched, follow the same runs made one by one', () => {
    const before = tf.memory().numTensors;
    const steps = backend === 'wasm' ? 300 : 25;
    const specs = everyRuleSpecs(steps);
    const batcher = createBatcher();
    const runs = specs.map((spec, i) => batcher.start(String(i), spec));
    const batched = runToEnd(runs);
    const stops = runs.map((run) => run.stop?.reason);
    runs.forEach((run) => run.dispose());
    expect(tf.memory().numTensors).toBe(before);
    specs.forEach((spec, i) => {
      const single = alone(spec);
      const b = batched[i];
      const label = `${spec.optimizer} lr ${spec.hp.lr}`;
      // GD at lr 1e-4 and 1e-3 diverges within 6 steps either way; the moments' form overflows to
      // NaN up to one step before the residuals do (measured: step 4 against 5 for lr 1e-4).
      if (!Number.isFinite(single[single.length - 1].loss)) {
        expect(stops[i], label).toBe('diverged');
        expect(Math.abs(b.length - single.length), label).toBeLessThanOrEqual(1);
        return;
      }
      expect(stops[i], label).toBe('max-steps');
      expect(b.map((r) => r.step), label).toEqual(single.map((r) => r.step));
      // Every step's loss within 1e-4 relative: the two forms round differently in float32 and
      // the runs drift apart slowly. Measured on wasm at 300 steps: 1.6e-5 to 2.7e-5 for GD lr 1e-5,
      // 9e-6 for momentum, below 1.5e-6 for the others; on cpu at 25 steps below 3e-7. (Over the full 3,000 steps on wasm
      // the drift reaches 1.3e-4 for GD lr 1e-5; the chapter's figures are tested in
      // rahimi-linear-net.test.ts.)
      const worst = Math.max(...single.map((r, k) => relative(b[k].loss, r.loss)));
      expect(worst, label).toBeLessThan(1e-4);
      // One gradient per step, as a run of its own counts.
      expect(b[b.length - 1].evals.grad, label).toBe(single[single.length - 1].evals.grad);
    });
  });

  test('a member that is cancelled or diverges leaves; the others go on unchanged and nothing leaks', () => {
    const before = tf.memory().numTensors;
    const specs = firstOrderSpecs(40);
    const together = createBatcher();
    const untouched = specs.map((spec, i) => together.start(String(i), spec));
    const full = runToEnd(untouched);
    untouched.forEach((run) => run.dispose());
    const batcher = createBatcher();
    const runs = specs.map((spec, i) => batcher.start(String(i), spec));
    const records: StepRecord[][] = runs.map((run) => run.advance(1));
    // Ten steps together, then cancel the first Adam run; two GD runs diverge on their own.
    for (let k = 0; k < 10; k++) runs.forEach((run, i) => run.stop || records[i].push(...run.advance(1)));
    const cancelled = specs.findIndex((spec) => spec.optimizer === 'adam');
    runs[cancelled].cancel();
    runToEnd(runs).forEach((r, i) => records[i].push(...r));
    expect(runs[cancelled].stop?.reason).toBe('cancelled');
    expect(records[cancelled]).toHaveLength(11);
    expect(runs.filter((run) => run.stop?.reason === 'diverged')).toHaveLength(2);
    runs.forEach((run, i) => {
      if (i === cancelled || run.stop?.reason !== 'max-steps') return;
      // The rows that stay compute what they computed beside every member (1e-6 relative).
      expect(records[i]).toHaveLength(41);
      records[i].forEach((r, k) => expect(relative(r.loss, full[i][k].loss)).toBeLessThan(1e-6));
    });
    runs.forEach((run) => run.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the batcher', () => {
  onBackend('cpu');

  test('joins runs of the same problem, seed and start; others run on their own', () => {
    const [gd, adam] = firstOrderSpecs(5).filter((s) => s.hp.lr === 1e-5);
    const batcher = createBatcher();
    const a = batcher.start('a', gd);
    const b = batcher.start('b', adam);
    const c = batcher.start('c', { ...gd, seed: 2 });
    for (const run of [a, b, c]) expect(run.advance(1).map((r) => r.step)).toEqual([0]);
    // One step asked of a steps its batch: b's step 1 is waiting, c (another seed) has none.
    expect(a.advance(1).map((r) => r.step)).toEqual([1]);
    expect(b.advance(1).map((r) => r.step)).toEqual([1]);
    expect(c.advance(1).map((r) => r.step)).toEqual([1]);
    // Chapter 1 has no batched loss: its runs are runs of their own, identical to createRun's.
    const fit = runSpecs(defaultExperiment('rosenbrock-fit')).map(({ spec }) => ({ ...spec, maxSteps: 20 }))[0];
    const lone = batcher.start('d', fit);
    const records = lone.advance(Infinity);
    expect(records.map((r) => r.loss)).toEqual(alone(fit).map((r) => r.loss));
    for (const run of [a, b, c, lone]) run.dispose();
  });
});

describe.each(NODE_BACKENDS)('one stop rule, alone and batched, on %s', (backend) => {
  onBackend(backend);

  test('every first-order optimizer stops at the same step for the same reason alone and in a batch', () => {
    const before = tf.memory().numTensors;
    // lr 1e-5 takes 6 steps without diverging for every rule (GD and momentum diverge from 1e-4).
    const cases = FIRST_ORDER.flatMap((optimizer) => {
      const maxSteps = { ...chapter4Spec(optimizer, 1e-5), maxSteps: 6 };
      const reference = single(maxSteps);
      // A target between two of the run's losses (their geometric mean), none of which lies within
      // 1e-5 of it: the batched loss, another formula, is at most 5e-7 relative away here (below).
      const losses = reference.records.map((r) => r.loss);
      const targetLoss = Math.sqrt(losses[2] * losses[3]);
      expect(Math.min(...losses.map((l) => relative(l, targetLoss))), optimizer).toBeGreaterThan(1e-5);
      return [
        { optimizer, name: 'lr 1e-5', expected: 'max-steps', spec: maxSteps, alone: reference },
        { optimizer, name: 'a target', expected: 'converged', spec: { ...maxSteps, targetLoss } },
        // p - 1e20 x (a gradient, or Adam's and RMSProp's step of about lr): W1 W2 overflows float32
        // in both the residuals and the batch's moments at step 1.
        { optimizer, name: 'lr 1e20', expected: 'diverged', spec: chapter4Spec(optimizer, 1e20) },
        // The update (at most lr |g| = 1e-20 x 7.7e4 here; about lr for Adam and RMSProp) is far
        // below half the float32 spacing around the smallest parameter (7.5e-3: 2.3e-10), so no
        // parameter moves. With no memory, GD stalls at step 1; the others record step 1 (their state
        // fills) and stall at 2. With the default memory their state changes at every step (v, s, m
        // approach their limits, b^k falls): only GD, which has no state, stalls.
        { optimizer, name: 'lr 1e-20, no memory', expected: 'stalled', spec: { ...chapter4Spec(optimizer, 1e-20, true), maxSteps: 10 } },
        { optimizer, name: 'lr 1e-20', expected: hasState(optimizer) ? 'max-steps' : 'stalled', spec: { ...chapter4Spec(optimizer, 1e-20), maxSteps: 10 } },
      ] as { optimizer: OptimizerId; name: string; expected: StopReason; spec: RunSpec; alone?: Outcome }[];
    });
    // One batch of every case (same problem, seed and start): members leave at different steps.
    const batcher = createBatcher();
    const runs = cases.map((c, i) => batcher.start(String(i), c.spec));
    const batched = runToEnd(runs).map((records, i): Outcome => ({ records, stop: runs[i].stop }));
    runs.forEach((run) => run.dispose());
    cases.forEach((c, i) => {
      const label = `${c.optimizer}, ${c.name}`;
      const alone = c.alone ?? single(c.spec);
      const b = batched[i];
      expect(alone.stop?.reason, label).toBe(c.expected);
      expect(b.stop, label).toEqual(alone.stop);
      expect(b.records.map((r) => r.step), label).toEqual(alone.records.map((r) => r.step));
      const [last, lastAlone] = [b.records[b.records.length - 1].loss, alone.records[alone.records.length - 1].loss];
      // Both non-finite, or within 1e-5 relative: the batch's loss is the closed form of the same
      // sum (measured: at most 4.7e-7 on wasm, 1e-7 on cpu).
      if (Number.isFinite(lastAlone)) expect(relative(last, lastAlone), label).toBeLessThan(1e-5);
      else expect(Number.isFinite(last), label).toBe(false);
      if (c.spec.hp.lr === 1e-20) for (const r of b.records) expect(Array.from(r.params), label).toEqual(Array.from(b.records[0].params));
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
