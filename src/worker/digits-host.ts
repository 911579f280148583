/**
 * Chapter 5's jobs in the worker: a sweep or the training race, one at a time. Loads the digits
 * data once, picks the backend (for a sweep on 'auto', wasm unless webgl measures clearly cheaper
 * on the sweep's own models, wasm counted on two workers where a second one runs; small units and
 * the race's three models run on wasm unmeasured), then advances the job in slices
 * between commands, posting what it computed about every 100 ms (a sweep's progress every 250 ms).
 * A cancel keeps what was posted.
 *
 * A full sweep on wasm or cpu (or cpu64) trains on two cores (protocol's TWO_WORKERS_FROM): a
 * second worker, which the page starts with its first such sweep and hands over as a port, trains
 * the halves of its groups beside this one (sweep-pool.ts). On WebGL, without a second worker, or
 * for small groups, this worker trains it alone, group by group; the numbers are the same either way.
 */
import { FLOAT64_BACKEND, RACE_STEPS, stopMessage, type Stop, type ComputeBackend, type RaceStep, type SweepResult, type SweepSettings } from '../catalog';
import { createDigitsRace, createDigitsTrainer, createSweep, digitsCurvature, gunzipText, parseDigitsCsv, splitDigits, sweepUnits, switchBackend, type BackendOptions, type DigitsData, type DigitsSplit, type Sweep } from '../engine';
import { chooseBackend, type Workload } from './choose-backend';
import { CHOOSING_MS, sweepOnTwoWorkers, type Command, type WorkerEvent } from '../protocol/messages';
import { createPooledSweep, type PooledSweep, type SweepHelperPort } from './sweep-pool';

const SLICE_MS = 20;
/** How often the race posts its steps. */
const POST_MS = 100;
/**
 * How often a sweep posts its progress. Each post costs the page a render (and a chart redraw when
 * results came): at 4 posts a second the two cores stay with the two workers, and the progress bar
 * still moves smoothly.
 */
const SWEEP_POST_MS = 250;
/** How often a sweep waiting on the second worker looks again. */
const WAIT_MS = 10;

export interface DigitsHostEnvironment {
  post(event: WorkerEvent): void;
  now(): number;
  later(fn: () => void): void;
  backendOptions: BackendOptions;
  /** The shipped gzipped CSV. */
  fetchDigits(): Promise<ArrayBuffer>;
  /** Whether the device behind a backend is lost (see HostEnvironment.deviceLost). */
  deviceLost?(backend: string): boolean;
  /** Chapter 5's second worker (sweep-helper.worker.ts), asked for once, at the first sweep; null where there is none. */
  sweepHelper?(): SweepHelperPort | null;
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
  /** Nothing to advance here until another worker reports. */
  waiting?(): boolean;
  /** Keeps the last slice's output for the next post (once its device is known to be alive). */
  accept(): void;
  /** Posts what was computed since the last post, every postMs. */
  post(): void;
  postMs: number;
  dispose(): void;
  lastPost: number;
}

export function createDigitsHost(env: DigitsHostEnvironment) {
  let data: DigitsData | null = null;
  let job: Job | null = null;
  /** The second worker: undefined until the first sweep asks for it, null if none started or it was lost. */
  let helper: SweepHelperPort | null | undefined;
  const startHelper = () => {
    if (helper !== undefined) return;
    try {
      helper = env.sweepHelper?.() ?? null;
    } catch {
      helper = null;
    }
  };

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
      if (done || env.now() - current.lastPost >= current.postMs) {
        current.post();
        current.lastPost = env.now();
      }
      if (done) return end(current.done);
    } catch (e) {
      return end(failed(e));
    }
    if (current.waiting?.()) setTimeout(tick, WAIT_MS);
    else env.later(tick);
  };

  const load = async () => (data ??= parseDigitsCsv(await gunzipText(await env.fetchDigits())));

  /** The second worker's handle for one sweep; once it is lost, later sweeps run without it. */
  const lostHelper = (port: SweepHelperPort): SweepHelperPort => ({
    post: (cmd) => port.post(cmd),
    listen: (listener) =>
      port.listen((event) => {
        if (event.type === 'lost' && helper === port) helper = null;
        listener(event);
      }),
  });

  const sweepJob = (id: string, backend: string, sweep: Sweep | PooledSweep): Job => {
    let results: SweepResult[] = [];
    let slice: SweepResult[] = [];
    let done = 0;
    return {
      id,
      kind: 'sweep',
      backend,
      done: { reason: 'max-steps', message: stopMessage('max-steps', 'Every model trained its steps.') },
      lastPost: env.now(),
      postMs: SWEEP_POST_MS,
      advance(deadline) {
        slice = sweep.advance(deadline, env.now);
        return sweep.finished;
      },
      waiting: () => 'waiting' in sweep && sweep.waiting,
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
      postMs: POST_MS,
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
      const twoWorkers = cmd.type === 'sweep' && sweepOnTwoWorkers(cmd.settings);
      if (twoWorkers) startHelper();
      const seed = cmd.type === 'sweep' ? cmd.settings.seed : cmd.seed;
      const split = splitDigits(await load(), seed);
      env.post({ type: 'busy', ms: CHOOSING_MS });
      const chosen =
        cmd.precision === 'float64'
          ? await float64Backend()
          : await chooseBackend(cmd.backend, digitsWorkload(split, cmd.type === 'sweep' ? cmd.settings : null, env.now, twoWorkers && helper ? 2 : 1), env.backendOptions);
      env.post({ type: 'backend', backend: chosen.backend, requested: cmd.backend, notice: chosen.notice, measured: chosen.measured });
      if (cmd.type === 'sweep') {
        const sweep = twoWorkers && helper && chosen.backend !== 'webgl' ? createPooledSweep(split, cmd.settings, chosen.backend, lostHelper(helper), env.now) : createSweep(split, cmd.settings);
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

/** Milliseconds per model-step of the sweep's first unit (half a group on two workers) on the current backend, after a warm-up. */
function measureSweepStep(split: DigitsSplit, settings: SweepSettings, now: () => number, workers: number): number {
  const [unit] = sweepUnits(settings, workers > 1);
  const models = unit.to - unit.from;
  const trainer = createDigitsTrainer(split, { models, seed: 0, loss: settings.loss });
  try {
    trainer.step(true, false);
    trainer.step(true, false);
    const t0 = now();
    let steps = 0;
    while (steps < 3 || now() - t0 < 60) {
      trainer.step(true, false);
      steps++;
    }
    return (now() - t0) / (steps * models);
  } finally {
    trainer.dispose();
  }
}

/**
 * Below this many models a unit is all per-kernel cost, where WebGL (about 55 us a kernel, some 90
 * kernels a step, measured) cannot come near wasm's whole step: 'auto' then takes wasm unmeasured.
 */
const WEBGL_MIN_MODELS = 32;

/**
 * A sweep's work for the chooser: its first unit's model-steps, on wasm or webgl, from wasm; with
 * `workers` 2, wasm trains on two workers, so it is compared at half its cost. The cpu backend is
 * not measured: on the sweeps it was 7 to 18 times slower than wasm in every measurement, and its
 * probe alone took seconds. Small units and the race (three models) run on wasm without a
 * measurement.
 */
function digitsWorkload(split: DigitsSplit, settings: SweepSettings | null, now: () => number, workers: number): Workload {
  if (!settings) return { candidates: ['wasm'], preferred: 'wasm', measure: () => NaN, unit: 'model-step' };
  const [unit] = sweepUnits(settings, workers > 1);
  const candidates: Workload['candidates'] = unit.to - unit.from >= WEBGL_MIN_MODELS ? ['wasm', 'webgl'] : ['wasm'];
  return { candidates, preferred: 'wasm', measure: () => measureSweepStep(split, settings, now, workers), unit: 'model-step of this sweep', workers: workers > 1 ? { wasm: workers } : undefined };
}
