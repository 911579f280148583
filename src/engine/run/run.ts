/**
 * One optimizer run: the seed's loop, made resumable. `advance` takes steps until the run stops,
 * `maxSteps` more steps are done, or the deadline passes; the worker interleaves runs by calling it
 * with short deadlines. The stop rule (stop-rule.ts) is checked on every record, the start included,
 * so before each step as in seed 000; a step the optimizer refuses (singular, stalled) is not recorded.
 */
import { ESTIMATE_CHECK_MAX, hyperparametersOf, OPTIMIZERS, pairingProblem, stopMessage, type RunSpec, type Stop } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { inverseHessianError } from '../curvature/inverse-hessian-error';
import { optimizerOf } from '../optimizers';
import { createProblem, type ProblemData } from '../problems';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { OptimizerState, Problem, StepRecord } from '../types';
import { disposeReplaced, tidyState } from './state-tensors';
import { cancelled, FLAT_STEPS, leastSquaresConverged, stopAt } from './stop-rule';

export interface Run {
  dim: number;
  /** Why the run ended, once it has. */
  readonly stop: Stop | null;
  /** Takes up to `maxSteps` steps (the first call also returns step 0, the start). */
  advance(maxSteps: number, deadline?: number): StepRecord[];
  /** Stops the run, as 'cancelled' unless another stop (a lost GPU context, say) is given. */
  cancel(why?: Stop): void;
  /** Frees every tensor of the run. */
  dispose(): void;
}

/** `data`: what a problem on a dataset trains on (the digits split), loaded by the caller. */
export function createRun(spec: RunSpec, now: () => number = () => performance.now(), data: ProblemData = {}): Run {
  let problem: Problem;
  try {
    problem = createProblem(spec.problem, { seed: spec.seed ?? 1, definition: spec.definition, ...data });
  } catch (e) {
    // A reader's definition that makes no problem: the run ends before it starts, saying why.
    return stoppedRun({ reason: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  const optimizer = optimizerOf(spec.optimizer);
  const hp = hyperparametersOf(spec.optimizer, spec.hp);
  // The run's own stream: a seeded start (where the problem draws it from the run) and then every
  // minibatch, in that order, as the digits race draws them.
  const random = createRandom(spec.seed ?? 1);
  const oracle = createOracle(problem, random.next);
  const { dim } = problem;
  let stop: Stop | null = null;
  let state: OptimizerState | null = null;
  let step = 0;
  let elapsedMs = 0;
  let started = false;

  // No start in the spec means the problem's own (seeded) initialisation.
  const start = spec.start.length ? spec.start : (problem.initialParams?.(random.next) ?? []);
  const refusal = pairingProblem({ provides: problem.provides, dim }, OPTIMIZERS[spec.optimizer]);
  if (refusal) stop = { reason: 'error', message: refusal };
  else if (start.length !== dim) stop = { reason: 'error', message: `The start needs ${dim} numbers.` };

  // BFGS's estimate of H^-1 against the truth, where a dense Hessian every step is affordable: by
  // its own oracle, so that this diagnostic's Hessian-vector products are neither timed nor counted.
  const diagnostics = spec.optimizer === 'bfgs' && dim <= ESTIMATE_CHECK_MAX ? createOracle(problem) : null;
  const estimateError = (s: OptimizerState) => (diagnostics && 'H' in s && s.H instanceof Float64Array ? inverseHessianError(diagnostics, s.params, s.H) : NaN);

  const record = (): StepRecord => {
    const s = state as OptimizerState;
    return {
      step,
      loss: s.loss,
      gradNorm: s.gradNorm,
      mu: s.mu ?? NaN,
      rejected: s.rejected ?? 0,
      validation: problem.validationLoss ? problem.validationLoss(s.params) : NaN,
      inverseHessianError: estimateError(s),
      elapsedMs,
      evals: { ...oracle.counts },
      params: Float64Array.from(s.params.dataSync()),
    };
  };

  /** The least-squares convergence test (stop-rule.ts), for runs that ask for it. */
  let flatSteps = 0;
  const converged = (s: OptimizerState, flat = flatSteps): Stop | null =>
    spec.xtol !== undefined && 'JtJ' in s && 'Jtr' in s ? leastSquaresConverged(s.JtJ as Float64Array, s.Jtr as Float64Array, s.params.dataSync(), spec.xtol, flat) : null;

  /** Runs f, timing it and turning an exception into the 'error' stop. */
  const timed = <T>(f: () => T): T | Stop => {
    const t0 = now();
    try {
      return f();
    } catch (e) {
      return { reason: 'error', message: stopMessage('error', e instanceof Error ? e.message : String(e)) };
    } finally {
      elapsedMs += now() - t0;
    }
  };

  return {
    dim,
    get stop() {
      return stop;
    },
    advance(maxSteps, deadline = Infinity) {
      const out: StepRecord[] = [];
      if (!started && !stop) {
        started = true;
        const init = timed(() => tidyState(() => optimizer.init(tf.tensor1d(start, 'float32'), oracle, hp)));
        if (isStop(init)) stop = init;
        else {
          state = init;
          out.push(record());
          stop = stopAt(spec, step, init.loss) ?? converged(init);
        }
      }
      while (!stop && state && out.length < maxSteps) {
        const prev: OptimizerState = state;
        const next = timed(() => tidyState(() => optimizer.step(prev, oracle, hp)));
        if (isStop(next)) {
          // A least-squares step that can lower the loss no more is as flat as a run gets: at the
          // precision's floor, that is convergence (LM stalls there after 40 rejected trials).
          stop = (next.reason === 'stalled' ? converged(prev, FLAT_STEPS) : null) ?? next;
          break;
        }
        disposeReplaced(prev, next);
        flatSteps = next.loss < prev.loss ? 0 : flatSteps + 1;
        state = next;
        step++;
        out.push(record());
        stop = stopAt(spec, step, next.loss) ?? converged(next);
        if (now() >= deadline) break;
      }
      return out;
    },
    cancel(why = cancelled()) {
      if (!stop) stop = why;
    },
    dispose() {
      if (state) disposeReplaced(state, null);
      state = null;
      problem.dispose();
    },
  };
}

/** A run that never started. */
function stoppedRun(stop: Stop): Run {
  return { dim: 0, stop, advance: () => [], cancel() {}, dispose() {} };
}

function isStop(x: OptimizerState | Stop): x is Stop {
  return 'reason' in x;
}
