/**
 * Chapter 5's sweeps (seed 001): train `warmup` steps, then prune a fraction p of each model's
 * weights or disable their optimization, then `steps` more steps, and measure train and test
 * accuracy; for every mode, every p and every repeat. The models train together in groups (one
 * trainer, a leading model dimension); a group is one repeat of every mode and p, so results arrive
 * repeat by repeat. A group's models see the same examples (digits-trainer.ts), so the repeats,
 * which are separate groups with their own draws, are what the spread bands measure. The sweep
 * advances in slices, so the worker can report progress and a cancel keeps every group finished.
 *
 * The work is cut into units (sweepUnits): whole groups, or each group's two halves, each trained by
 * a trainer of its own on the group's draws, so two workers can train a group's halves at once (the
 * worker's sweep pool) and the repeats still finish one after the other. A model's numbers do not
 * depend on the unit it trains in (tested to the last bit on wasm, cpu and cpu64), so a link gives
 * the same numbers on one worker or two.
 */
import type { DisableMode, PruneMode, SweepMode, SweepResult, SweepSettings } from '../../catalog';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsTrainer } from './digits-trainer';

interface Job {
  mode: SweepMode;
  p: number;
  repeat: number;
}

/** Models [from, to) of group `group` (the group's jobs in sweep order). */
export interface SweepUnit {
  group: number;
  from: number;
  to: number;
}

/** Each group's jobs: repeat by repeat, every mode and p. */
function groupsOf(settings: SweepSettings): Job[][] {
  return Array.from({ length: settings.repeats }, (_, repeat) => settings.modes.flatMap((mode) => settings.ps.map((p) => ({ mode, p, repeat }))));
}

/** The sweep's units of work, in order: each group whole, or its two halves (a group of one model stays whole). */
export function sweepUnits(settings: SweepSettings, halves = false): SweepUnit[] {
  const size = settings.modes.length * settings.ps.length;
  const cuts = halves && size > 1 ? [0, Math.floor(size / 2), size] : [0, size];
  return Array.from({ length: settings.repeats }, (_, group) => cuts.slice(1).map((to, i) => ({ group, from: cuts[i], to }))).flat();
}

/** Model-steps in one unit. */
export const unitSteps = (settings: SweepSettings, unit: SweepUnit) => (unit.to - unit.from) * (settings.warmup + settings.steps);

/** One unit's training: a step per call, its results once its last step is taken. */
export interface UnitRun {
  readonly models: number;
  /** Steps taken per model so far. */
  readonly taken: number;
  /** Takes one step of every model; returns the unit's results after its last step, else null. */
  step(): SweepResult[] | null;
  dispose(): void;
}

export function createUnitRun(data: DigitsSplit, settings: SweepSettings, unit: SweepUnit): UnitRun {
  const jobs = groupsOf(settings)[unit.group].slice(unit.from, unit.to);
  // Seeds far apart per group, so no two models share a stream; model m of the group draws from
  // base + m and every model of the group sees the examples drawn from base.
  const base = settings.seed * 1_000_003 + unit.group * 10_007;
  const trainer = createDigitsTrainer(data, { models: jobs.length, seed: base + unit.from, drawSeed: base, loss: settings.loss });
  const stepsPerModel = settings.warmup + settings.steps;
  /** Steps taken: warm-up first, then the steps after the intervention. */
  let taken = 0;
  let disposed = false;

  const intervene = () => {
    const choices = jobs.map((job, model) => ({ model, p: job.p, mode: job.mode }));
    if (settings.kind === 'prune') trainer.prune(choices as { model: number; p: number; mode: PruneMode }[]);
    else trainer.disable(choices as { model: number; p: number; mode: DisableMode }[]);
  };

  return {
    models: jobs.length,
    get taken() {
      return taken;
    },
    step() {
      // Each phase is a fit of its own: its first step updates only C.
      const phaseStep = taken < settings.warmup ? taken : taken - settings.warmup;
      if (taken === settings.warmup) intervene();
      trainer.step(phaseStep > 0, false);
      taken++;
      if (taken < stepsPerModel) return null;
      const train = trainer.accuracy('train');
      const test = trainer.accuracy('test');
      this.dispose();
      return jobs.map((job, m) => ({ ...job, train: train[m], test: test[m] }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      trainer.dispose();
    },
  };
}

export interface Sweep {
  /** Model-steps in the whole sweep, and done so far. */
  readonly total: number;
  readonly done: number;
  readonly finished: boolean;
  /** Steps until the deadline; returns the results of the groups that finished meanwhile. */
  advance(deadline: number, now?: () => number): SweepResult[];
  dispose(): void;
}

/** The sweep in one thread: its units (whole groups unless told) one after the other. */
export function createSweep(data: DigitsSplit, settings: SweepSettings, { halves = false } = {}): Sweep {
  const units = sweepUnits(settings, halves);
  let next = 0;
  let run: UnitRun | null = null;
  let done = 0;

  return {
    total: units.reduce((s, unit) => s + unitSteps(settings, unit), 0),
    get done() {
      return done;
    },
    get finished() {
      return next >= units.length && !run;
    },
    advance(deadline, now = () => performance.now()) {
      const results: SweepResult[] = [];
      while (run || next < units.length) {
        run ??= createUnitRun(data, settings, units[next++]);
        const finished = run.step();
        done += run.models;
        if (finished) {
          results.push(...finished);
          run = null;
        }
        if (now() >= deadline) break;
      }
      return results;
    },
    dispose() {
      run?.dispose();
      run = null;
    },
  };
}
