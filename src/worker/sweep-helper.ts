/**
 * Chapter 5's second worker: it trains the sweep units the engine worker hands it (sweep-pool.ts),
 * on the engine worker's backend (wasm, cpu or cpu64; never WebGL, whose one GPU a second context
 * would only share), and says how far it got. Each unit advances in slices, so a cancel or the next
 * job is taken between them. Its contract is internal to the two workers, not the page's protocol.
 */
import type { ComputeBackend, SweepResult, SweepSettings } from '../catalog';
import { createUnitRun, switchBackend, type DigitsSplit, type SweepUnit, type UnitRun } from '../engine';
import type { DigitsHostEnvironment } from './digits-host';

export type HelperCommand =
  /** A sweep's data and settings, for the units of it that follow. */
  | { type: 'job'; job: string; split: DigitsSplit; settings: SweepSettings; backend: ComputeBackend }
  | { type: 'unit'; job: string; unit: SweepUnit }
  /** Drops the job and the unit in hand. */
  | { type: 'cancel'; job: string };

export type HelperEvent =
  | { type: 'ready' }
  /** Model-steps taken in the unit in hand. */
  | { type: 'progress'; job: string; done: number }
  | { type: 'results'; job: string; unit: SweepUnit; results: SweepResult[] }
  /** The unit could not be trained here (it goes back to the engine worker's queue). */
  | { type: 'failed'; job: string; unit: SweepUnit; message: string }
  /** The worker itself failed (it did not load, or threw outside a unit): said by the engine worker's handle on it. */
  | { type: 'lost'; message: string };

const SLICE_MS = 50;
const PROGRESS_MS = 100;

/** The engine worker's host environment (digits-host.ts), posting the helper's own events. */
export type HelperEnvironment = Pick<DigitsHostEnvironment, 'now' | 'later' | 'backendOptions'> & { post(event: HelperEvent): void };

export function createSweepHelper(env: HelperEnvironment) {
  let job: { id: string; split: DigitsSplit; settings: SweepSettings; backend: ComputeBackend; ready: Promise<boolean> } | null = null;
  const queue: SweepUnit[] = [];
  let current: { job: string; unit: SweepUnit; run: UnitRun; lastPost: number } | null = null;
  let ticking = false;

  const fail = (unit: SweepUnit, id: string, e: unknown) => env.post({ type: 'failed', job: id, unit, message: e instanceof Error ? e.message : String(e) });

  const tick = () => {
    ticking = false;
    if (!current) {
      const unit = queue.shift();
      if (!unit || !job) return;
      try {
        current = { job: job.id, unit, run: createUnitRun(job.split, job.settings, unit), lastPost: env.now() };
      } catch (e) {
        fail(unit, job.id, e);
        return schedule();
      }
    }
    const c = current;
    try {
      const deadline = env.now() + SLICE_MS;
      let results: SweepResult[] | null = null;
      while (!results && env.now() < deadline) results = c.run.step();
      if (results) {
        current = null;
        env.post({ type: 'results', job: c.job, unit: c.unit, results });
      } else if (env.now() - c.lastPost >= PROGRESS_MS) {
        env.post({ type: 'progress', job: c.job, done: c.run.taken * c.run.models });
        c.lastPost = env.now();
      }
    } catch (e) {
      c.run.dispose();
      current = null;
      fail(c.unit, c.job, e);
    }
    schedule();
  };

  const schedule = () => {
    if (ticking || (!current && !queue.length)) return;
    ticking = true;
    env.later(tick);
  };

  const drop = () => {
    current?.run.dispose();
    current = null;
    queue.length = 0;
  };

  env.post({ type: 'ready' });

  return {
    handle(cmd: HelperCommand) {
      if (cmd.type === 'job') {
        drop();
        job = { id: cmd.job, split: cmd.split, settings: cmd.settings, backend: cmd.backend, ready: switchBackend(cmd.backend, env.backendOptions) };
        return;
      }
      if (!job || cmd.job !== job.id) return;
      if (cmd.type === 'cancel') {
        drop();
        job = null;
        return;
      }
      const { id, ready } = job;
      queue.push(cmd.unit);
      // Units wait for the backend; one that cannot start hands every unit back.
      void ready.then((ok) => {
        if (job?.id !== id) return;
        if (ok) return schedule();
        const units = queue.splice(0);
        units.forEach((unit) => fail(unit, id, new Error(`The ${job?.backend} backend could not start in the second worker.`)));
      });
    },
  };
}
