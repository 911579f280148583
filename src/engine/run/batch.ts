/**
 * Runs that share a problem, its data seed and start, and differ only in first-order optimizer or
 * hyperparameters, stepped as one tensor program: parameters [R, dim], one batched loss and
 * gradient (problem.lossBatch), then each optimizer's rule on its block of rows with its
 * hyperparameters as [R, 1] columns. Members join before the first step; a member that stops
 * (diverged, converged, max steps, stalled, cancelled) leaves and the rest go on.
 *
 * Each member's records are what a run of its own would record: its steps, losses and gradient
 * norms (float64 from the float32 rows), one gradient per step in its counts, and a share of the
 * batch's time (the step's wall time divided among the members that took it). It stops by the same
 * rule and the same stall test (stop-rule.ts) as a run of its own.
 */
import { hyperparametersOf, type OptimizerId, type RunSpec, type Stop } from '../../catalog';
import { norm2 } from '../linalg/dense';
import { stepRule, type FirstOrderRule, type Tensors } from '../optimizers/first-order-rule';
import { FIRST_ORDER_RULES } from '../optimizers';
import { tf } from '../tf';
import type { Problem, StepRecord } from '../types';
import { cancelled, stalled, stopAt, unchangedRows } from './stop-rule';

export interface BatchMember {
  readonly id: string;
  readonly spec: RunSpec;
  /** Records not yet taken, oldest first. */
  buffer: StepRecord[];
  stop: Stop | null;
}

interface Row {
  member: BatchMember;
  step: number;
  elapsedMs: number;
  grads: number;
}

/** One optimizer's rows: contiguous in the batch, with their rule's state and coefficients. */
interface Block {
  optimizer: OptimizerId;
  rule: FirstOrderRule;
  rows: Row[];
  state: Tensors;
  coefficients: Tensors;
}

export interface Batch {
  readonly problem: Problem;
  /** True once the batch has stepped: no member may join after that. */
  readonly started: boolean;
  /** Adds a member and records its start (step 0). */
  join(id: string, spec: RunSpec): BatchMember;
  /** Steps every live member together until `maxSteps` steps or the deadline. */
  advance(maxSteps: number, deadline: number): void;
  /** Stops a member (as 'cancelled' unless told otherwise); the others go on. */
  cancel(member: BatchMember, why?: Stop): void;
  /** Live members, in row order. */
  live(): BatchMember[];
  dispose(): void;
}

/**
 * Whether a run can join a batch: its optimizer has a rule on full gradients and its problem a
 * batched loss (and no validation set, whose loss a batch does not record).
 */
export function batchable(spec: RunSpec, problem: Problem): boolean {
  const rule = FIRST_ORDER_RULES[spec.optimizer];
  return rule !== undefined && !rule.minibatch && problem.lossBatch !== undefined && !problem.validationLoss;
}

/** A batch steps on full gradients: its rules start from zeros and ones and draw nothing. */
const drawsNothing = () => {
  throw new Error('A batch of full-gradient runs draws no random numbers.');
};

export function createBatch(problem: Problem, start: number[], now: () => number = () => performance.now()): Batch {
  const { dim } = problem;
  const lossBatch = problem.lossBatch;
  if (!lossBatch) throw new Error(`${problem.id} has no batched loss.`);
  let blocks: Block[] = [];
  let P: tf.Tensor2D | null = null;
  let G: tf.Tensor2D | null = null;
  let started = false;

  /** Losses and gradients of every row: one forward and one backward pass. */
  const evaluate = (X: tf.Tensor2D) => {
    let losses: tf.Tensor1D | null = null;
    const grad = tf.grad((Q: tf.Tensor) => {
      losses = tf.keep(lossBatch(Q as tf.Tensor2D));
      return tf.sum(losses);
    })(X) as tf.Tensor2D;
    return { losses: losses as unknown as tf.Tensor1D, grad };
  };

  /** Reads parameters, gradients, losses and (after a step) the stall flags of every row in one transfer. */
  const read = (X: tf.Tensor2D, grad: tf.Tensor2D, losses: tf.Tensor1D, unchanged?: tf.Tensor1D) => {
    const rows = X.shape[0];
    const column = (x: tf.Tensor1D) => tf.reshape(tf.cast(x, 'float32'), [rows, 1]);
    const all = tf.tidy(() => tf.concat([X, grad, column(losses), column(unchanged ?? tf.zeros([rows]))], 1).dataSync());
    const width = 2 * dim + 2;
    return Array.from({ length: rows }, (_, k) => ({
      params: all.subarray(k * width, k * width + dim) as Float32Array,
      gradNorm: norm2(all.subarray(k * width + dim, k * width + 2 * dim)),
      loss: all[k * width + 2 * dim],
      unchanged: all[k * width + 2 * dim + 1] === 1,
    }));
  };

  const record = (row: Row, params: Float32Array, loss: number, gradNorm: number): StepRecord => ({
    step: row.step,
    loss,
    gradNorm,
    mu: NaN,
    rejected: 0,
    validation: NaN,
    inverseHessianError: NaN,
    elapsedMs: row.elapsedMs,
    evals: { f: 0, grad: row.grads, hvp: 0, jac: 0 },
    params: Float64Array.from(params),
  });

  const allRows = () => blocks.flatMap((b) => b.rows);

  /** Keeps the rows whose members have not stopped (gathering every tensor of the batch). */
  const compact = () => {
    const rows = allRows();
    const keep = rows.flatMap((row, k) => (row.member.stop ? [] : [k]));
    if (keep.length === rows.length) return;
    const keepIndex = tf.tensor1d(keep, 'int32');
    const gather = (x: tf.Tensor2D) => {
      const kept = tf.gather(x, keepIndex) as tf.Tensor2D;
      x.dispose();
      return kept;
    };
    if (P && G) [P, G] = [gather(P), gather(G)];
    keepIndex.dispose();
    blocks = blocks.flatMap((block) => {
      const local = block.rows.flatMap((row, k) => (row.member.stop ? [] : [k]));
      const tensors = [...Object.values(block.state), ...Object.values(block.coefficients)];
      if (!local.length) {
        tf.dispose(tensors);
        return [];
      }
      if (local.length === block.rows.length) return [block];
      const index = tf.tensor1d(local, 'int32');
      const pick = (t: Tensors) => Object.fromEntries(Object.entries(t).map(([k, x]) => [k, tf.gather(x, index)]));
      const next = { ...block, rows: local.map((k) => block.rows[k]), state: pick(block.state), coefficients: pick(block.coefficients) };
      tf.dispose([...tensors, index]);
      return [next];
    });
  };

  /** Stacks the members' starts (block order) and sets up each rule's state and coefficients. */
  const build = () => {
    const rows = allRows();
    P = tf.tensor2d(rows.flatMap(() => start), [rows.length, dim], 'float32');
    const { losses, grad } = evaluate(P);
    losses.dispose();
    G = grad;
    for (const block of blocks) {
      const n = block.rows.length;
      const column = (values: number[]) => tf.tensor2d(values, [n, 1], 'float32');
      block.state = tf.tidy(() => block.rule.init(tf.zeros([n, dim]), () => tf.ones([n, 1]), drawsNothing));
      const coefficients = (spec: RunSpec) => block.rule.coefficients(hyperparametersOf(spec.optimizer, spec.hp));
      const names = Object.keys(coefficients(block.rows[0].member.spec));
      block.coefficients = Object.fromEntries(names.map((name) => [name, column(block.rows.map((r) => coefficients(r.member.spec)[name]))]));
    }
  };

  /** One step of every row: each block's rule on its rows, then one batched evaluation. */
  const stepAll = () => {
    const t0 = now();
    const prevP = P as tf.Tensor2D;
    const prevG = G as tf.Tensor2D;
    const { next, states, unchanged } = tf.tidy(() => {
      let offset = 0;
      const updates = blocks.map((block) => {
        const n = block.rows.length;
        const at = offset;
        offset += n;
        const slice = (x: tf.Tensor2D) => (n === prevP.shape[0] ? x : tf.slice(x, [at, 0], [n, dim]));
        const { next, state, changes } = stepRule(block.rule, slice(prevP), slice(prevG), block.state, block.coefficients);
        return { next, state, unchanged: unchangedRows(changes, n) };
      });
      const join = <T extends tf.Tensor>(xs: T[]) => (xs.length === 1 ? xs[0] : tf.concat(xs, 0));
      return { next: join(updates.map((u) => u.next)) as tf.Tensor2D, states: updates.map((u) => u.state), unchanged: join(updates.map((u) => u.unchanged)) };
    });
    const { losses, grad } = evaluate(next);
    const values = read(next, grad, losses, unchanged);
    tf.dispose([losses, unchanged]);
    blocks.forEach((block, b) => {
      tf.dispose(Object.values(block.state).filter((x) => !Object.values(states[b]).includes(x)));
      block.state = states[b];
    });
    tf.dispose([prevP, prevG]);
    P = next;
    G = grad;
    const dt = (now() - t0) / values.length;
    allRows().forEach((row, k) => {
      const { params, loss, gradNorm, unchanged } = values[k];
      row.elapsedMs += dt;
      if (unchanged) {
        // As a run of its own, the step that changed nothing is not recorded.
        row.member.stop = stalled();
        return;
      }
      row.step++;
      row.grads++;
      row.member.buffer.push(record(row, params, loss, gradNorm));
      row.member.stop = stopAt(row.member.spec, row.step, loss);
    });
    compact();
  };

  return {
    problem,
    get started() {
      return started;
    },
    join(id, spec) {
      if (started) throw new Error('A batch takes no member once it has stepped.');
      const rule = FIRST_ORDER_RULES[spec.optimizer];
      if (!rule) throw new Error(`${spec.optimizer} has no batched update.`);
      const member: BatchMember = { id, spec, buffer: [], stop: null };
      // The start, evaluated alone so that step 0 is posted at once.
      const X = tf.tensor2d(start, [1, dim], 'float32');
      const { losses, grad } = evaluate(X);
      const [first] = read(X, grad, losses);
      tf.dispose([X, losses, grad]);
      const row: Row = { member, step: 0, elapsedMs: 0, grads: 1 };
      member.buffer.push(record(row, first.params, first.loss, first.gradNorm));
      member.stop = stopAt(spec, row.step, first.loss);
      if (member.stop) return member;
      const block = blocks.find((b) => b.optimizer === spec.optimizer);
      if (block) block.rows.push(row);
      else blocks.push({ optimizer: spec.optimizer, rule, rows: [row], state: {}, coefficients: {} });
      return member;
    },
    advance(maxSteps, deadline) {
      if (!started) {
        started = true;
        if (blocks.length) build();
      }
      for (let k = 0; k < maxSteps && blocks.length; k++) {
        stepAll();
        if (now() >= deadline) break;
      }
    },
    cancel(member, why = cancelled()) {
      if (member.stop) return;
      member.stop = why;
      if (started) compact();
      else blocks = blocks.map((b) => ({ ...b, rows: b.rows.filter((r) => r.member !== member) })).filter((b) => b.rows.length);
    },
    live: () => allRows().map((r) => r.member),
    dispose() {
      for (const b of blocks) tf.dispose([...Object.values(b.state), ...Object.values(b.coefficients)]);
      blocks = [];
      tf.dispose([P, G].filter((x): x is tf.Tensor2D => x !== null));
      P = G = null;
      problem.dispose();
    },
  };
}
