/**
 * Runs on the page: their step columns, status and stop, fed by the worker's events. Batches
 * mutate the growing columns in place and bump `version`; charts redraw from it at a capped rate,
 * so a batch never costs a React render per point.
 */
import { create } from 'zustand';
import { runName, runSpecs, type BackendChoice, type ComputeBackend, type Experiment, type Hyperparameters, type OptimizerId, type ProblemDefinition, type ProblemId, type RunPrecision } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import { unreachable, type WorkerEvent } from '../protocol/messages';
import { jobAfter, type JobState } from './job';
import { appendBatch, emptySeries, lastParams, type Series } from './series';

export interface RunView extends JobState {
  runId: string;
  /** Index of the run in the experiment's list (its colour and place in the table). */
  index: number;
  optimizer: OptimizerId;
  /** The run's name (catalog runName: the label, and what tells it from its optimizer's other runs); ' · float64' added for a float64 run. */
  label: string;
  /** float64 runs compute on the cpu64 backend and are drawn dashed. */
  precision: RunPrecision;
  hp: Hyperparameters;
  maxSteps: number;
  /** The formula or fit the run was started on (the experiment's may have changed since). */
  definition?: ProblemDefinition;
  series: Series;
}

export interface Surface {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

interface RunsStore {
  backend: { id: ComputeBackend; requested: BackendChoice; notice?: string; measured?: string } | null;
  /** A problem that is not one run's (the worker failed, a backend could not start). */
  error: string | null;
  runs: RunView[];
  surface: Surface | null;
  /** A net's predicted surface beside the true one, for one run at one step. */
  prediction: (Omit<Surface, 'z'> & { runId: string; truth: Float64Array; prediction: Float64Array }) | null;
  /** Bumped on every batch: what charts and tables subscribe to. */
  version: number;
  connect(client: EngineClient): () => void;
  setBackend(backend: BackendChoice, problem: ProblemId): void;
  runAll(e: Experiment, paused?: boolean): void;
  pauseAll(): void;
  resumeAll(): void;
  stepAll(e: Experiment): void;
  /** Stops one run; the others go on. */
  cancel(runId: string): void;
  reset(): void;
  requestSurface(e: Experiment, xRange: [number, number], yRange: [number, number]): void;
  requestPrediction(e: Experiment, run: RunView): void;
}

/** "Adam", or "Adam, lr 1e-3" beside another Adam (catalog runName); " · float64" for a float64 run. */
function runLabel(e: Experiment, index: number, precision: RunPrecision): string {
  const name = runName(e.runs, index, e.maxSteps);
  return precision === 'float64' ? `${name} · float64` : name;
}

let client: EngineClient | null = null;
let bumpPending = false;
/**
 * The batches of this long are one version bump: one React render of the tables and charts at
 * 20 Hz, above the charts' goal of 10. One per frame (60 Hz) rendered every subscribed table and
 * chart wrapper several times for each redraw, about a ninth of the main thread with ten runs
 * streaming (a devtools trace of chapter 4: 0.54 s of animation-frame callbacks in 6 s).
 */
export const SHOW_EVERY_MS = 50;
let generation = 0;
const send: EngineClient['send'] = (cmd) => client?.send(cmd);

export const useRuns = create<RunsStore>()((set, get) => {
  const live = () => get().runs.filter((r) => r.status !== 'stopped');
  const update = (runId: string, f: (r: RunView) => RunView) =>
    set((s) => ({ runs: s.runs.map((r) => (r.runId === runId ? f(r) : r)), version: s.version + 1 }));

  const onEvent = (event: WorkerEvent) => {
    switch (event.type) {
      case 'backend':
        set({ backend: { id: event.backend, requested: event.requested, notice: event.notice, measured: event.measured } });
        break;
      case 'batch': {
        const run = get().runs.find((r) => r.runId === event.runId);
        if (run) {
          // The worker knows the dimension (a net's start is chosen there from the seed).
          if (run.series.length === 0 && run.series.dim !== event.dim) run.series = emptySeries(event.dim);
          appendBatch(run.series, event.columns);
          if (!bumpPending) {
            bumpPending = true;
            setTimeout(() => {
              bumpPending = false;
              set((s) => ({ version: s.version + 1 }));
            }, SHOW_EVERY_MS);
          }
        }
        break;
      }
      case 'status':
        update(event.id, (r) => jobAfter(r, r.runId, event));
        break;
      case 'surface':
        set({ surface: { x: event.x, y: event.y, z: event.z } });
        break;
      case 'prediction':
        set({ prediction: { runId: event.runId, x: event.x, y: event.y, truth: event.truth, prediction: event.prediction } });
        break;
      case 'error':
        set({ error: event.message });
        break;
      case 'engine-lost':
        // The runs it was computing will never answer: stopped, with what they had sent.
        set((s) => ({ error: event.message, runs: s.runs.map((r) => jobAfter(r, r.runId, event)), version: s.version + 1 }));
        break;
      // The client's, chapter 5's stores', the fit lab's and chapter 6's events.
      case 'ready':
      case 'heartbeat':
      case 'busy':
      case 'sweep-progress':
      case 'race-progress':
      case 'fit-report':
      case 'point':
      case 'inspect':
      case 'digits-curvature':
        break;
      default:
        unreachable(event);
    }
  };

  return {
    backend: null,
    error: null,
    runs: [],
    surface: null,
    prediction: null,
    version: 0,
    connect(c) {
      client = c;
      return c.subscribe(onEvent);
    },
    setBackend(backend, problem) {
      set({ error: null });
      send({ type: 'set-backend', backend, problem });
    },
    runAll(e, paused = false) {
      get().reset();
      generation++;
      const specs = runSpecs(e);
      const runs: RunView[] = specs.map(({ index, precision, spec }) => ({
        runId: `${generation}-${index}-${spec.optimizer}-${precision}`,
        index,
        optimizer: spec.optimizer,
        label: runLabel(e, index, precision),
        precision,
        hp: spec.hp,
        maxSteps: spec.maxSteps,
        definition: spec.definition,
        status: paused ? 'paused' : 'running',
        stop: null,
        series: emptySeries(spec.start.length),
      }));
      set((s) => ({ runs, error: null, version: s.version + 1 }));
      runs.forEach((r, i) => send({ type: 'start', runId: r.runId, spec: specs[i].spec, paused }));
    },
    pauseAll: () => live().forEach((r) => r.status === 'running' && send({ type: 'pause', runId: r.runId })),
    resumeAll: () => live().forEach((r) => r.status === 'paused' && send({ type: 'resume', runId: r.runId })),
    stepAll(e) {
      if (!live().length) get().runAll(e, true);
      live().forEach((r) => {
        if (r.status === 'running') send({ type: 'pause', runId: r.runId });
        send({ type: 'step', runId: r.runId });
      });
    },
    cancel: (runId) => send({ type: 'cancel', id: runId }),
    reset() {
      live().forEach((r) => send({ type: 'cancel', id: r.runId }));
      set((s) => ({ runs: [], version: s.version + 1 }));
    },
    requestPrediction(e, run) {
      if (!run.series.length) return;
      send({ type: 'predict', runId: run.runId, problem: e.problem, seed: e.seed, params: lastParams(run.series), n: 41 });
    },
    requestSurface(e, xRange, yRange) {
      send({ type: 'surface', problem: e.problem, xRange, yRange, n: 120, formula: e.formula });
    },
  };
});
