/**
 * Test-only: a run taken to its end through createRun (engine/run/run.ts), the one run loop the
 * page uses, so that no test keeps a copy of the loop (its stop rule, tensor hand-over and records).
 * No vitest here: engine tests and fixtures import it as plain code.
 */
import type { Hyperparameters, OptimizerId, ProblemId, RunSpec, Stop } from '../catalog';
import { createRun } from '../engine/run/run';
import type { EvalCounts, StepRecord } from '../engine/types';

export interface RunToEnd {
  /** Every record, step 0 (the start) first. */
  records: StepRecord[];
  stop: Stop | null;
  last: StepRecord;
}

/** Runs `spec` until it stops, then disposes it. */
export function runToEnd(spec: RunSpec): RunToEnd {
  const run = createRun(spec);
  const records = run.advance(Infinity);
  const stop = run.stop;
  run.dispose();
  return { records, stop, last: records[records.length - 1] };
}

export interface RunSteps {
  /** The loss of every record, the start's first. */
  losses: number[];
  /** The last record's loss and validation loss. */
  loss: number;
  validation: number;
  /** Why the run ended before its `steps` steps, or null when it took them all. */
  stop: Stop | null;
  /** The oracle's counts at the last record. */
  counts: EvalCounts;
}

/**
 * `steps` steps of `optimizer` from the problem's own seeded start, or fewer when the run stops
 * first (a stop of the optimizer, or 'diverged'); no target loss.
 */
export function runSteps(problem: ProblemId, optimizer: OptimizerId, hp: Hyperparameters, steps: number, seed = 1): RunSteps {
  const { records, stop, last } = runToEnd({ problem, optimizer, hp, start: [], maxSteps: steps, targetLoss: -Infinity, seed });
  return {
    losses: records.map((r) => r.loss),
    loss: last.loss,
    validation: last.validation,
    stop: stop?.reason === 'max-steps' ? null : stop,
    counts: last.evals,
  };
}
