/**
 * Chapter 5's jobs in the worker: a sweep or the training race, one at a time. Loads the digits
 * data once, picks the backend (for a sweep on 'auto', wasm unless cpu or webgl measures clearly
 * cheaper on the sweep's own models; the race's three models run on wasm, cheapest for small
 * groups), then advances the job in slices between commands, posting what it
 * computed about every 100 ms. A cancel keeps what was posted.
 */
import { FLOAT64_BACKEND, RACE_STEPS, stopMessage, type Stop, type ComputeBackend, type RaceStep, type SweepResult, type SweepSettings } from '../catalog';
import { createDigitsRace, createDigitsTrainer, createSweep, digitsCurvature, gunzipText, parseDigitsCsv, splitDigits, switchBackend, type BackendOptions, type DigitsData, type DigitsSplit, type Sweep } from '../engine';
import { chooseBackend, type Workload } from './choose-backend';
import { CHOOSING_MS, type Command, type WorkerEvent } from '../protocol/messages';

const SLICE_MS = 20;
const POST_MS = 100;

export interface DigitsHostEnvironment {
  post(event: WorkerEvent): void;
  now(): number;
  later(fn: () => void): void;
  backendOptions: BackendOptions;
  /** The shipped gzipped CSV. */
  fetchDigits(): Promise<ArrayBuffer>;
  /** Whether the device behind a backend is lost (see HostEnvironment.deviceLost). */
  deviceLost?(backend: string): boolean;
}

const LOST: Stop = { reason: 'context-lost', message: stopMessage('context-lost', 'The results computed before it are kept; run again to continue on wasm.') };
const CANCELLED: Stop = { reason: 'cancelled', message: stopMessage('cancelled', 'The results computed before are kept.') };
const failed = (e: unknown): Stop => ({ reason: 'error', message: stopMessage('error', e instanceof Error ? e.message : String(e)) });

type DigitsCommand = Extract<Command, { type: 'sweep' | 'race' | 'cancel' | 'digits-curvature' }>;

/** A running job: advanced in slices, its output buffered until the next post. */
interface Job {
  id: string;
  kind: 'sweep' | 'race';
  /** The backend computing it. */
  backend: string;
  /** How it ends when it has done all its work. */
  done: Stop;
  /** Advances until the deadline; true once the job is done. What it computed waits for `accept`. */
  advance(deadline: number): boolean;
  /** Keeps the last slice's output for the next post (once its device is known to be alive). */
  accept(): void;
  /** Posts what was computed since the last post. */
  post(): void;
  dispose(): void;
  lastPost: number;
}

export function createDigitsHost(env: DigitsHostEnvironment) {
  let data: DigitsData | null = null;
  let job: Job | null = null;

  const end = (stop: Stop) => {
    if (!job) return;
    const { id } = job;
    job.dispose();
    job = null;
    env.post({ type: 'status', id, status: 'stopped', stop });
  };

  const tick = () => {
    if (!job) return;
    const current = job;
    try {
      const done = current.advance(env.now() + SLICE_MS);
      // A lost WebGL context computes zeros without an error: the slice is dropped, not posted.
      if (env.deviceLost?.(current.backend)) {
        current.post();
        return end(LOST);
      }
      current.accept();
      if (done || env.now() - current.lastPost >= POST_MS) {
        current.post();
        current.lastPost = env.now();
      }
      if (done) return end(current.done);
    } catch (e) {
      return end(failed(e));
    }
    env.later(tick);
  };

  const load = async () => (data ??= parseDigitsCsv(await gunzipText(await env.fetchDigits())));

  const sweepJob = (id: string, backend: string, sweep: Sweep): Job => {
    let results: SweepResult[] = [];
    let slice: SweepResult[] = [];
    let done = 0;
    return {
      id,
      kind: 'sweep',
      backend,
      done: { reason: 'max-steps', message: stopMessage('max-steps', 'Every model trained its steps.') },
      lastPost: env.now(),
      advance(deadline) {
        slice = sweep.advance(deadline, env.now);
        return sweep.finished;
      },
      accept() {
        results = results.concat(slice);
        slice = [];
        done = sweep.done;
      },
      post() {
        env.post({ type: 'sweep-progress', id, done, total: sweep.total, results });
        results = [];
      },
      dispose: () => sweep.dispose(),
    };
  };

  const raceJob = (id: string, backend: string, race: ReturnType<typeof createDigitsRace>): Job => {
    let steps: RaceStep[] = [];
    let slice: RaceStep[] = [];
    let taken = 0;
    return {
      id,
      kind: 'race',
      backend,
      done: { reason: 'max-steps', message: stopMessage('max-steps', `The race took its ${RACE_STEPS} steps.`) },
      lastPost: env.now(),
      advance(deadline) {
        slice = [];
        while (taken < RACE_STEPS) {
          slice.push(race.step());
          taken++;
          if (env.now() >= deadline) break;
        }
        return taken >= RACE_STEPS;
      },
      accept() {
        steps = steps.concat(slice);
        slice = [];
      },
      post() {
        env.post({ type: 'race-progress', id, steps });
        steps = [];
      },
      dispose: () => race.dispose(),
    };
  };

  const start = async (cmd: Extract<DigitsCommand, { type: 'sweep' | 'race' }>) => {
    end(CANCELLED);
    try {
      const seed = cmd.type === 'sweep' ? cmd.settings.seed : cmd.seed;
      const split = splitDigits(await load(), seed);
      env.post({ type: 'busy', ms: CHOOSING_MS });
      const chosen =
        cmd.precision === 'float64'
          ? await float64Backend()
          : await chooseBackend(cmd.backend, digitsWorkload(split, cmd.type === 'sweep' ? cmd.settings : null, env.now), env.backendOptions);
      env.post({ type: 'backend', backend: chosen.backend, requested: cmd.backend, notice: chosen.notice, measured: chosen.measured });
      if (cmd.type === 'sweep') {
        const sweep = createSweep(split, cmd.settings);
        job = sweepJob(cmd.id, chosen.backend, sweep);
        env.post({ type: 'sweep-progress', id: cmd.id, done: 0, total: sweep.total, results: [] });
      } else {
        job = raceJob(cmd.id, chosen.backend, createDigitsRace(split, { seed: cmd.seed, loss: cmd.loss }));
      }
      env.post({ type: 'status', id: cmd.id, status: 'running' });
      env.later(tick);
    } catch (e) {
      env.post({ type: 'status', id: cmd.id, status: 'stopped', stop: failed(e) });
    }
  };

  /** Chapter 6's digits cell, in one task (announced as busy): float32 on wasm, or cpu where wasm does not start. */
  const curvature = async (cmd: Extract<DigitsCommand, { type: 'digits-curvature' }>) => {
    end(CANCELLED);
    try {
      const split = splitDigits(await load(), cmd.settings.seed);
      env.post({ type: 'busy', ms: CHOOSING_MS });
      if (!(await switchBackend('wasm', env.backendOptions)) && !(await switchBackend('cpu', env.backendOptions))) throw new Error('Neither wasm nor cpu could start.');
      env.post({ type: 'digits-curvature', id: cmd.id, result: digitsCurvature(split, cmd.settings, env.now) });
    } catch (e) {
      env.post({ type: 'digits-curvature', id: cmd.id, result: null, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return {
    handle(cmd: DigitsCommand): Promise<void> | void {
      if (cmd.type === 'sweep' || cmd.type === 'race') return start(cmd);
      if (cmd.type === 'digits-curvature') return curvature(cmd);
      if (job?.id === cmd.id) end(CANCELLED);
    },
    /** Whether the job of this id runs here. */
    owns: (id: string) => job?.id === id,
  };
}

/** float64 runs on cpu64, whatever the backend choice. */
async function float64Backend(): Promise<{ backend: ComputeBackend; notice?: string; measured?: string }> {
  if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('The float64 backend could not start.');
  return { backend: FLOAT64_BACKEND, notice: 'float64 runs on this page\'s own JavaScript backend, several times slower than float32 on wasm.' };
}

/** Milliseconds per model-step of the sweep's first group on the current backend (after a warm-up). */
function measureSweepStep(split: DigitsSplit, settings: SweepSettings, now: () => number): number {
  const models = settings.modes.length * settings.ps.length;
  const trainer = createDigitsTrainer(split, { models, seed: 0, loss: settings.loss });
  try {
    trainer.step(true);
    trainer.step(true);
    const t0 = now();
    let steps = 0;
    while (steps < 3 || now() - t0 < 60) {
      trainer.step(true);
      steps++;
    }
    return (now() - t0) / (steps * models);
  } finally {
    trainer.dispose();
  }
}

/**
 * A sweep's work for the chooser: its first group's model-steps, on wasm, cpu or webgl, from wasm.
 * The race (three models) runs on wasm, cheapest for small groups, without a measurement.
 */
function digitsWorkload(split: DigitsSplit, settings: SweepSettings | null, now: () => number): Workload {
  if (!settings) return { candidates: ['wasm'], preferred: 'wasm', measure: () => NaN, unit: 'model-step' };
  return { candidates: ['wasm', 'cpu', 'webgl'], preferred: 'wasm', measure: () => measureSweepStep(split, settings, now), unit: 'model-step of this sweep' };
}
