/**
 * Chapter 5's sweep in the worker: loads the digits data once, picks the backend (for 'auto', the
 * cheapest measured on the sweep's own models: cpu, wasm, and webgl where it renders float32),
 * then advances the sweep in slices between commands, posting progress and finished results
 * about every 100 ms. One sweep at a time; a cancel keeps what was posted.
 */
import type { BackendChoice, BackendId, SweepSettings } from '../catalog';
import { switchBackend, webglHasFloat32, type BackendOptions } from '../engine/backend';
import { gunzipText, parseDigitsCsv, splitDigits, type DigitsData, type DigitsSplit } from '../engine/problems/digits-data';
import { createDigitsTrainer } from '../engine/run/digits-trainer';
import { createSweep, type Sweep } from '../engine/run/sweep';
import { PROTOCOL_VERSION, type Command, type WorkerEvent } from '../protocol/messages';

const SLICE_MS = 20;
const POST_MS = 100;

export interface SweepHostEnvironment {
  post(event: WorkerEvent): void;
  now(): number;
  later(fn: () => void): void;
  backendOptions: BackendOptions;
  /** The shipped gzipped CSV. */
  fetchDigits(): Promise<ArrayBuffer>;
}

type SweepCommand = Extract<Command, { type: 'sweep' | 'sweep-cancel' }>;

export function createSweepHost(env: SweepHostEnvironment) {
  let data: DigitsData | null = null;
  let job: { id: string; sweep: Sweep; lastPost: number } | null = null;

  const end = (reason: 'finished' | 'cancelled' | 'error', message?: string) => {
    if (!job) return;
    const { id, sweep } = job;
    job = null;
    sweep.dispose();
    env.post({ type: 'sweep-end', id, reason, message });
  };

  const tick = () => {
    if (!job) return;
    const current = job;
    try {
      const results = current.sweep.advance(env.now() + SLICE_MS, env.now);
      if (results.length || env.now() - current.lastPost >= POST_MS || current.sweep.finished) {
        env.post({ type: 'sweep-progress', id: current.id, done: current.sweep.done, total: current.sweep.total, results });
        current.lastPost = env.now();
      }
      if (current.sweep.finished) return end('finished');
    } catch (e) {
      return end('error', e instanceof Error ? e.message : String(e));
    }
    env.later(tick);
  };

  const start = async (id: string, settings: SweepSettings, backend: BackendChoice) => {
    end('cancelled');
    try {
      data ??= parseDigitsCsv(await gunzipText(await env.fetchDigits()));
      const split = splitDigits(data, settings.seed);
      const chosen = await chooseSweepBackend(backend, split, settings, env.backendOptions);
      env.post({ type: 'backend', version: PROTOCOL_VERSION, backend: chosen.backend, requested: backend, notice: chosen.notice, measured: chosen.measured });
      job = { id, sweep: createSweep(split, settings), lastPost: env.now() };
      env.post({ type: 'sweep-progress', id, done: 0, total: job.sweep.total, results: [] });
      env.later(tick);
    } catch (e) {
      env.post({ type: 'sweep-end', id, reason: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return {
    handle(cmd: SweepCommand): Promise<void> | void {
      if (cmd.type === 'sweep') return start(cmd.id, cmd.settings, cmd.backend);
      if (job?.id === cmd.id) end('cancelled');
    },
  };
}

/** Milliseconds per model-step of the sweep's first group on the current backend (after a warm-up). */
function measureSweepStep(split: DigitsSplit, settings: SweepSettings): number {
  const models = Math.min(settings.groupSize ?? settings.modes.length * settings.ps.length, settings.modes.length * settings.ps.length * settings.repeats);
  const trainer = createDigitsTrainer(split, { models, seed: 0, loss: settings.loss });
  try {
    trainer.step(true);
    trainer.step(true);
    const t0 = performance.now();
    let steps = 0;
    while (steps < 3 || performance.now() - t0 < 60) {
      trainer.step(true);
      steps++;
    }
    return (performance.now() - t0) / (steps * models);
  } finally {
    trainer.dispose();
  }
}

async function chooseSweepBackend(requested: BackendChoice, split: DigitsSplit, settings: SweepSettings, options: BackendOptions) {
  if (requested !== 'auto') {
    if (await switchBackend(requested, options)) return { backend: requested as BackendId };
    if (!(await switchBackend('wasm', options))) throw new Error(`Neither ${requested} nor wasm could start here.`);
    return { backend: 'wasm' as BackendId, notice: `Running on wasm: ${requested} could not start here.` };
  }
  const costs = new Map<BackendId, number>();
  for (const id of ['wasm', 'cpu', 'webgl'] as BackendId[]) {
    if (!(await switchBackend(id, options))) continue;
    if (id === 'webgl' && !webglHasFloat32()) continue;
    costs.set(id, measureSweepStep(split, settings));
  }
  const ranked = [...costs].sort((a, b) => a[1] - b[1]);
  if (!ranked.length) throw new Error('No tfjs backend could start here.');
  const [best] = ranked[0];
  await switchBackend(best, options);
  const measured = `auto measured ${ranked.map(([id, ms]) => `${id} ${(ms * 1000).toFixed(0)} us`).join(', ')} per model-step of this sweep`;
  return { backend: best, measured };
}
