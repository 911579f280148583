/**
 * A sweep on two cores: each group is cut in two halves (sweep.ts's sweepUnits), and the engine
 * worker, in its own slices, and a second worker (sweep-helper.ts) each take the next half from one
 * queue when free, so the two halves of a group train at the same time and the repeats finish one
 * after the other, as on one worker. Which worker trains a unit, and the cut itself, change nothing
 * in the numbers (a unit is a trainer of its own, seeded by its group and models). Should the second
 * worker fail or fall silent, the unit it held goes back to the queue and the engine worker trains
 * the rest alone.
 */
import type { ComputeBackend, SweepResult, SweepSettings } from '../catalog';
import { createUnitRun, sweepUnits, unitSteps, type DigitsSplit, type Sweep, type SweepUnit, type UnitRun } from '../engine';
import type { HelperCommand, HelperEvent } from './sweep-helper';

/** The engine worker's handle on the second worker. */
export interface SweepHelperPort {
  post(cmd: HelperCommand): void;
  /** Sets the one listener of the second worker's events (replacing the last). */
  listen(listener: (event: HelperEvent) => void): void;
}

export interface PooledSweep extends Sweep {
  /** Nothing is left for this worker until the second one reports: the caller may idle. */
  readonly waiting: boolean;
}

/** The second worker holding a unit is given up after this long without a word (it posts every 100 ms while it trains). */
export const HELPER_SILENT_MS = 20_000;

let jobs = 0;

export function createPooledSweep(split: DigitsSplit, settings: SweepSettings, backend: ComputeBackend, helper: SweepHelperPort, now: () => number): PooledSweep {
  const job = `sweep-${++jobs}`;
  const units = sweepUnits(settings, true);
  const queue = [...units];
  let remaining = units.length;
  let local: UnitRun | null = null;
  let localDone = 0;
  /** The unit the second worker holds, the model-steps it reported on it, and when it last spoke. */
  let held: SweepUnit | null = null;
  let heldDone = 0;
  let heard = now();
  let helperDone = 0;
  let helperAlive = true;
  let reported = 0;
  const arrived: SweepResult[] = [];

  const feed = () => {
    if (!helperAlive || held || !queue.length) return;
    held = queue.shift() as SweepUnit;
    heldDone = 0;
    heard = now();
    helper.post({ type: 'unit', job, unit: held });
  };
  const giveUp = () => {
    if (held) queue.unshift(held);
    held = null;
    heldDone = 0;
    helperAlive = false;
  };

  helper.listen((e) => {
    // Once given up, the second worker's late words are not taken (its unit is trained here).
    if (!helperAlive) return;
    if (e.type === 'lost') return giveUp();
    if (e.type === 'ready' || e.job !== job) return;
    heard = now();
    if (e.type === 'progress') heldDone = e.done;
    else if (e.type === 'failed') giveUp();
    else {
      arrived.push(...e.results);
      helperDone += unitSteps(settings, e.unit);
      held = null;
      heldDone = 0;
      remaining--;
      feed();
    }
  });
  helper.post({ type: 'job', job, split, settings, backend });
  feed();

  return {
    total: units.reduce((s, unit) => s + unitSteps(settings, unit), 0),
    get done() {
      // Never backwards, though a unit handed back is trained again.
      return (reported = Math.max(reported, localDone + helperDone + heldDone));
    },
    get finished() {
      // Every unit's results are in, and have been returned by advance.
      return remaining === 0 && !arrived.length;
    },
    get waiting() {
      return !local && !queue.length && remaining > 0;
    },
    advance(deadline, clock = now) {
      if (held && clock() - heard > HELPER_SILENT_MS) {
        helper.post({ type: 'cancel', job });
        giveUp();
      }
      const results = arrived.splice(0);
      while (local || queue.length) {
        local ??= createUnitRun(split, settings, queue.shift() as SweepUnit);
        const finished = local.step();
        localDone += local.models;
        if (finished) {
          results.push(...finished);
          local = null;
          remaining--;
        }
        if (clock() >= deadline) break;
      }
      return results;
    },
    dispose() {
      local?.dispose();
      local = null;
      helper.post({ type: 'cancel', job });
      helper.listen(() => {});
    },
  };
}
