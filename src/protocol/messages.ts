/**
 * The typed contract between the page and the worker. Commands go in, events come out; metrics
 * travel as columns of Float64Array, batched about every 33 ms and transferred, never per step.
 */
import type { Band, BackendChoice, CurvatureReport, DigitsCurvature, DigitsCurvatureSettings, Inspection, PointReport, ProblemDefinition, PointSettings, ComputeBackend, DigitsLoss, FitDefinition, FitReport, ProblemId, RaceStep, RunPrecision, RunSpec, Stop, SweepResult, SweepSettings } from '../catalog';

export const PROTOCOL_VERSION = 4;

/**
 * The worker says it is alive every HEARTBEAT_MS, between its tasks; the page takes it for dead
 * (closed, out of memory, killed by the browser: none of them reliably fires an error event) after
 * SILENT_MS without a word. Run slices are 4 ms and sweep slices 20 ms; what may block longer
 * (choosing a backend: starting WebGL and compiling its shaders, measuring each candidate, which
 * took over 10 s on a loaded 2-core machine with software WebGL) is announced first with 'busy'.
 */
export const HEARTBEAT_MS = 1000;
export const SILENT_MS = 15_000;
/** How long a backend choice may keep the worker silent. */
export const CHOOSING_MS = 120_000;

export type { RunSpec };

export type Command =
  /** `auto` measures a stretch of `problem`'s default runs on cpu and on wasm and takes the cheaper. */
  | { type: 'set-backend'; backend: BackendChoice; problem: ProblemId }
  /** Starts a run; `paused` starts it without stepping (then 'step' advances one step at a time). */
  | { type: 'start'; runId: string; spec: RunSpec; paused?: boolean }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  | { type: 'step'; runId: string }
  /** Stops any job by its id (a run, a sweep, the race); what it has sent stays valid. */
  | { type: 'cancel'; id: string }
  /** A net's predicted surface at `params` beside the true one (n x n grid of its inputs). */
  | { type: 'predict'; runId: string; problem: ProblemId; seed: number; params: number[]; n: number }
  /** The float64 loss over an n x n grid of a 2-parameter problem, for the contour. */
  | { type: 'surface'; problem: ProblemId; xRange: [number, number]; yRange: [number, number]; n: number; formula?: string }
  /** Starts chapter 5's sweep (replacing one that runs); `auto` measures the backends on it first. */
  | { type: 'sweep'; id: string; settings: SweepSettings; backend: BackendChoice; precision?: RunPrecision }
  /** Starts chapter 5's race (preconditioned SGD, plain SGD and Adam on one net), replacing a sweep or race. */
  | { type: 'race'; id: string; loss: DigitsLoss; seed: number; backend: BackendChoice; precision?: RunPrecision }
  /** A fit's report at `params`, always in float64 (cpu64), and its bands at `bandAt` (x values) when given. */
  | { type: 'fit-report'; id: string; definition: FitDefinition; params: number[]; bandAt?: number[] }
  /** Chapter 6: a function's Hessian, H v, H^-1 g (dense and by CG) at a point, in the settings' precision. */
  | { type: 'point'; id: string; settings: PointSettings }
  /** A curvature report (spectrum, covariance, input Jacobian) at a run's parameters, in float64 on cpu64. */
  | { type: 'inspect'; id: string; problem: ProblemId; seed: number; definition?: ProblemDefinition; params: number[]; what: Inspection }
  /** Chapter 6's digits cell: a net trained for some steps, its Hessian's extremes by Lanczos, one image's class maps (float32 on wasm). */
  | { type: 'digits-curvature'; id: string; settings: DigitsCurvatureSettings };

/**
 * Chapter 5's sweeps whose groups (one repeat of every mode and p) have at least this many models
 * train on two workers, each group's halves at once; smaller groups are all per-kernel cost, where
 * halves train no faster than the whole (measured: the quick sweep's groups of 8), so they train on
 * the engine worker alone, group by group.
 */
export const TWO_WORKERS_FROM = 32;

/** Whether a sweep trains on two workers (TWO_WORKERS_FROM). */
export const sweepOnTwoWorkers = (settings: SweepSettings) => settings.modes.length * settings.ps.length >= TWO_WORKERS_FROM;

/**
 * Not a job: chapter 5's second worker, which the page starts beside the engine worker with the
 * first sweep that trains on two workers, handed to the engine worker as a port to it
 * (transferred); the engine worker hands it units of each such sweep (worker/sweep-pool.ts). Sent
 * before that sweep's command.
 */
export interface SweepHelperHandoff {
  type: 'sweep-helper';
  port: MessagePort;
}

/** Per-step columns; `params` is steps x dim, row-major. `mu` is NaN where a method has none. */
export interface StepColumns {
  step: Float64Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  mu: Float64Array;
  rejected: Float64Array;
  validation: Float64Array;
  inverseHessianError: Float64Array;
  elapsedMs: Float64Array;
  evalsF: Float64Array;
  evalsGrad: Float64Array;
  evalsHvp: Float64Array;
  evalsJac: Float64Array;
  params: Float64Array;
}

export const COLUMN_NAMES = [
  'step', 'loss', 'gradNorm', 'mu', 'rejected', 'validation', 'inverseHessianError', 'elapsedMs', 'evalsF', 'evalsGrad', 'evalsHvp', 'evalsJac',
] as const satisfies readonly (keyof StepColumns)[];

/**
 * Everything the worker runs is a job (an optimizer run, a sweep, a race) with one lifecycle:
 * queued (a sweep loading its data and measuring backends), running, paused, then stopped with a
 * stop reason from the catalog's one list. Jobs differ in what they record, not in how they end.
 */
export type JobStatus = 'queued' | 'running' | 'paused' | 'stopped';

export type WorkerEvent =
  /** The worker's first word: the protocol it speaks (the page refuses another, visibly). */
  | { type: 'ready'; version: number }
  | {
      type: 'backend';
      backend: ComputeBackend;
      requested: BackendChoice;
      /** Why the requested backend is not the one running, when it is not. */
      notice?: string;
      /** For 'auto': what a run-step cost on each backend compared. */
      measured?: string;
    }
  | { type: 'batch'; runId: string; dim: number; columns: StepColumns }
  /** A job's new status (any job: a run, a sweep or the race), with its stop once stopped. */
  | { type: 'status'; id: string; status: JobStatus; stop?: Stop }
  | { type: 'prediction'; runId: string; x: Float64Array; y: Float64Array; truth: Float64Array; prediction: Float64Array }
  /** z is row-major: z[j * x.length + i] is the loss at (x[i], y[j]). */
  | { type: 'surface'; problem: ProblemId; x: Float64Array; y: Float64Array; z: Float64Array }
  /** A sweep's model-steps done of its total, and the results finished since the last event. */
  | { type: 'sweep-progress'; id: string; done: number; total: number; results: SweepResult[] }
  /** The race's steps since the last event. */
  | { type: 'race-progress'; id: string; steps: RaceStep[] }
  /** The answer to a fit-report command: the report and band, or the fault that prevented them. */
  | { type: 'fit-report'; id: string; report: FitReport | null; band: Band | null; error?: string }
  /** The answer to a point command, or the fault that prevented it. */
  | { type: 'point'; id: string; result: PointReport | null; error?: string }
  /** The answer to an inspect command (and what it cost), or the fault that prevented it. */
  | { type: 'inspect'; id: string; report: CurvatureReport | null; ms: number; error?: string }
  | { type: 'digits-curvature'; id: string; result: DigitsCurvature | null; error?: string }
  /** A problem that is not a run's: a bad command, a crashed backend. */
  | { type: 'error'; message: string }
  /** The worker is alive (consumed by the client). */
  | { type: 'heartbeat' }
  /** The worker may be silent for up to `ms` (a long synchronous task starts; consumed by the client). */
  | { type: 'busy'; ms: number }
  /** Said by the client, not the worker: the worker died and a new one was started. */
  | { type: 'engine-lost'; message: string };

/** For the default of a switch that must cover every case: a new command, event or reason fails to compile. */
export function unreachable(x: never): never {
  throw new Error(`Unexpected ${JSON.stringify(x)}`);
}
