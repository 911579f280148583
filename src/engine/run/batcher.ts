/**
 * Starts runs, putting those that can step together into batches (batch.ts): a first-order run on
 * a problem with a batched loss joins the open batch of the same problem, data seed, start and precision (the
 * page starts an experiment's runs one after another, before any of them steps); every other run
 * is a run of its own. Either way the caller gets a `Run`.
 *
 * A batch steps when one of its members asks for more steps than it has waiting and every member
 * has taken its records, and then for all its members' time slices at once. The page pauses, steps and resumes all runs
 * together; a member paused alone would hold its batch until it is resumed or stopped.
 */
import type { RunSpec } from '../../catalog';
import type { StepRecord } from '../types';
import { createProblem, type ProblemData } from '../problems';
import { batchable, createBatch, type Batch, type BatchMember } from './batch';
import { createRun, type Run } from './run';

/** `data`: what problems on a dataset train on (the digits split), for the runs that need it. */
export function createBatcher(now: () => number = () => performance.now(), data: ProblemData = {}) {
  type Entry = { batch: Batch; members: number };
  const open = new Map<string, Entry>();

  const memberRun = (key: string, entry: Entry, member: BatchMember, dim: number): Run => {
    const { batch } = entry;
    let disposed = false;
    return {
      dim,
      get stop() {
        return member.buffer.length ? null : member.stop;
      },
      advance(maxSteps, deadline = Infinity) {
        const out = member.buffer.splice(0, maxSteps);
        const want = maxSteps - out.length;
        if (want > 0 && !member.stop && batch.live().every((m) => m.buffer.length === 0)) {
          const t0 = now();
          batch.advance(want, t0 + (deadline - t0) * batch.live().length);
          out.push(...member.buffer.splice(0, want));
        }
        return out;
      },
      cancel(why) {
        batch.cancel(member, why);
      },
      dispose() {
        if (disposed) return;
        disposed = true;
        batch.cancel(member);
        member.buffer = [];
        if (--entry.members > 0) return;
        batch.dispose();
        if (open.get(key) === entry) open.delete(key);
      },
    };
  };

  return {
    start(id: string, spec: RunSpec): Run {
      // A fit has no batched loss (each run carries its own table): it runs on its own.
      if (spec.problem === 'fit') return createRun(spec, now, data);
      const key = JSON.stringify([spec.problem, spec.definition ?? null, spec.seed ?? 1, spec.start, spec.precision ?? 'float32']);
      let entry = open.get(key);
      if (entry?.batch.started) {
        open.delete(key);
        entry = undefined;
      }
      if (!entry) {
        const problem = createProblem(spec.problem, { seed: spec.seed ?? 1, definition: spec.definition, ...data });
        const start = spec.start.length ? spec.start : (problem.initialParams?.() ?? []);
        if (!batchable(spec, problem) || start.length !== problem.dim) {
          problem.dispose();
          return createRun(spec, now, data);
        }
        entry = { batch: createBatch(problem, start, now), members: 0 };
        open.set(key, entry);
      }
      if (!batchable(spec, entry.batch.problem)) return createRun(spec, now, data);
      entry.members++;
      return memberRun(key, entry, entry.batch.join(id, spec), entry.batch.problem.dim);
    },
  };
}

/** Advances runs in turn, `chunk` steps at a time, until every one has stopped (the headless runner). */
export function runToEnd(runs: Run[], chunk = 1000): StepRecord[][] {
  const records: StepRecord[][] = runs.map(() => []);
  while (runs.some((run) => !run.stop)) runs.forEach((run, i) => run.stop || records[i].push(...run.advance(chunk)));
  return records;
}
