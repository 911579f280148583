/**
 * Chapter 5's sweeps (seed 001): train `warmup` steps, then prune a fraction p of each model's
 * weights or disable their optimization, then `steps` more steps, and measure train and test
 * accuracy; for every mode, every p and every repeat. The models train together in groups (one
 * trainer, a leading model dimension); a group is one repeat of every mode and p, so results arrive
 * repeat by repeat. A group's models see the same examples (digits-trainer.ts), so the repeats,
 * which are separate groups with their own draws, are what the spread bands measure. The sweep
 * advances in slices, so the worker can report progress and a cancel keeps every group finished.
 */
import type { DisableMode, PruneMode, SweepMode, SweepResult, SweepSettings } from '../../catalog';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsTrainer, type DigitsTrainer } from './digits-trainer';

interface Job {
  mode: SweepMode;
  p: number;
  repeat: number;
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

export function createSweep(data: DigitsSplit, settings: SweepSettings): Sweep {
  const jobs: Job[] = [];
  for (let repeat = 0; repeat < settings.repeats; repeat++) for (const mode of settings.modes) for (const p of settings.ps) jobs.push({ mode, p, repeat });
  const groupSize = settings.modes.length * settings.ps.length;
  const groups = Array.from({ length: settings.repeats }, (_, g) => jobs.slice(g * groupSize, (g + 1) * groupSize));
  const stepsPerModel = settings.warmup + settings.steps;
  let groupIndex = 0;
  let trainer: DigitsTrainer | null = null;
  /** Steps taken by the current group: warm-up first, then the steps after the intervention. */
  let taken = 0;
  let done = 0;

  const startGroup = () => {
    // Seeds far apart per group, so no two models share a stream.
    trainer = createDigitsTrainer(data, { models: groups[groupIndex].length, seed: settings.seed * 1_000_003 + groupIndex * 10_007, loss: settings.loss });
    taken = 0;
  };

  const intervene = (t: DigitsTrainer) => {
    const choices = groups[groupIndex].map((job, model) => ({ model, p: job.p, mode: job.mode }));
    if (settings.kind === 'prune') t.prune(choices as { model: number; p: number; mode: PruneMode }[]);
    else t.disable(choices as { model: number; p: number; mode: DisableMode }[]);
  };

  const finishGroup = (t: DigitsTrainer): SweepResult[] => {
    const train = t.accuracy('train');
    const test = t.accuracy('test');
    const results = groups[groupIndex].map((job, m) => ({ ...job, train: train[m], test: test[m] }));
    t.dispose();
    trainer = null;
    groupIndex++;
    return results;
  };

  return {
    total: jobs.length * stepsPerModel,
    get done() {
      return done;
    },
    get finished() {
      return groupIndex >= groups.length;
    },
    advance(deadline, now = () => performance.now()) {
      const results: SweepResult[] = [];
      while (groupIndex < groups.length) {
        if (!trainer) startGroup();
        const t = trainer as unknown as DigitsTrainer;
        // Each phase is a fit of its own: its first step updates only C.
        const phaseStep = taken < settings.warmup ? taken : taken - settings.warmup;
        if (taken === settings.warmup) intervene(t);
        t.step(phaseStep > 0);
        taken++;
        done += t.models;
        if (taken === stepsPerModel) results.push(...finishGroup(t));
        if (now() >= deadline) break;
      }
      return results;
    },
    dispose() {
      trainer?.dispose();
      trainer = null;
    },
  };
}
