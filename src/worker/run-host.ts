/**
 * The worker's run registry and scheduler. Runs advance in turn, each for a slice of a few
 * milliseconds, and the host yields between rounds so commands (pause, step, cancel) are handled
 * promptly. Step records are buffered per run and posted as transferred columns about every
 * 33 ms, never one message per step. One run's failure never stops another.
 */
import { FLOAT64_BACKEND, POINT_FIELD_LABELS, stopMessage, type BackendChoice, type ProblemId, type RunSpec, type Stop } from '../catalog';
import { confidenceBand, createBatcher, createProblem, curvatureAtPoint, fitReportAt, inspectAt, loadFloat64Backend, lossSurface, makeCurrent, tf, type BackendOptions, type Run, type StepRecord } from '../engine';
import { CHOOSING_MS, unreachable, type Command, type JobStatus, type WorkerEvent } from '../protocol/messages';
import { chapterWorkload, chooseBackend } from './choose-backend';
import { toColumns } from './columns';
import { createDigitsHost, type DigitsHostEnvironment } from './digits-host';

/** Time each run gets per round, and the longest a step record waits before it is posted. */
export const SLICE_MS = 4;
export const BATCH_MS = 33;

export interface HostEnvironment {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  now(): number;
  /** Runs fn after pending messages are handled (setTimeout 0 in the worker). */
  later(fn: () => void): void;
  backendOptions: BackendOptions;
  /** Called once the backend is WebGL, to watch for a lost context. */
  watchContext?(onLost: () => void): void;
  /**
   * Whether the device behind a backend is lost (a WebGL context), asked synchronously before the
   * steps computed on it are accepted: a lost context returns zeros without an error, and the
   * asynchronous webglcontextlost event comes too late to keep them out.
   */
  deviceLost?(backend: string): boolean;
  /** Chapter 5's data, the shipped gzipped CSV. */
  fetchDigits(): Promise<ArrayBuffer>;
  /** Chapter 5's second worker for sweeps (digits-host.ts). */
  sweepHelper?: DigitsHostEnvironment['sweepHelper'];
}

interface Hosted {
  run: Run;
  /** The tfjs backend that holds the run's tensors and computes its steps. */
  backend: string;
  status: JobStatus;
  buffer: StepRecord[];
  /** Single steps requested while paused. */
  steps: number;
}

/** Whether a command computes in float64 on cpu64 (chapter 5's jobs switch to it themselves). */
function needsFloat64(cmd: Command): boolean {
  switch (cmd.type) {
    case 'start':
      return cmd.spec.precision === 'float64';
    case 'point':
      return cmd.settings.precision === 'float64';
    case 'fit-report':
    case 'inspect':
      return true;
    default:
      return false;
  }
}

export function createRunHost(env: HostEnvironment) {
  const runs = new Map<string, Hosted>();
  // Runs started together that can step as one computation do (chapter 4's first-order runs).
  const batcher = createBatcher(env.now);
  const digits = createDigitsHost(env);
  let ticking = false;
  let lastFlush = env.now();
  let backendQueue: Promise<void> = Promise.resolve();
  /** The backend of float32 runs: the one chosen for the chapter. */
  let float32Backend: string | null = null;
  /** The chapter the backend was chosen for (where to move after a lost context). */
  let lastProblem: ProblemId = 'rosenbrock-fit';
  /**
   * Float64 runs compute on the cpu64 backend, float32 runs on the chosen one; the host makes a
   * run's backend current before it steps (tfjs has one current backend; switching between
   * started backends is immediate), so both kinds can run side by side.
   */
  const backendOf = (spec: RunSpec) => (spec.precision === 'float64' ? FLOAT64_BACKEND : (float32Backend ?? tf.getBackend()));
  const float32Current = () => float32Backend && makeCurrent(float32Backend);

  const flush = (id: string, h: Hosted) => {
    if (!h.buffer.length) return;
    const { columns, transfer } = toColumns(h.buffer, h.run.dim);
    h.buffer = [];
    env.post({ type: 'batch', runId: id, dim: h.run.dim, columns }, transfer);
  };

  const flushAll = () => {
    runs.forEach((h, id) => flush(id, h));
    lastFlush = env.now();
  };

  /** `stop` is the run's own unless the host decided another (a lost device wins over what it computed). */
  const setStatus = (id: string, h: Hosted, status: JobStatus, stop = h.run.stop) => {
    h.status = status;
    env.post({ type: 'status', id, status, stop: stop ?? undefined });
  };

  /** Posts a stopped run's last steps and its stop, then frees its tensors. */
  const finish = (id: string, h: Hosted, stop = h.run.stop) => {
    flush(id, h);
    setStatus(id, h, 'stopped', stop);
    h.run.dispose();
    runs.delete(id);
  };

  /**
   * The device behind `backend` (a WebGL context) is lost: the runs on it stop as 'context-lost',
   * keeping the steps accepted before (each checked); float32 work moves to wasm. Runs on other
   * backends (float64 on cpu64) go on. Called by the synchronous check and by the
   * webglcontextlost event, whichever comes first; the second call finds nothing left to do.
   */
  const loseBackend = (backend: string) => {
    const stop: Stop = { reason: 'context-lost', message: stopMessage('context-lost', 'The steps before the loss are kept; run again to continue on wasm.') };
    for (const [id, h] of runs) {
      if (h.backend !== backend) continue;
      h.run.cancel(stop);
      finish(id, h, stop);
    }
    if (backend !== float32Backend) return;
    float32Backend = null;
    backendQueue = backendQueue.then(switchAfterLoss);
  };

  /** Accepts a slice's records, unless the device that computed them was lost meanwhile. */
  const accept = (id: string, h: Hosted, records: StepRecord[]) => {
    if (env.deviceLost?.(h.backend)) return loseBackend(h.backend);
    for (const r of records) h.buffer.push(r);
    if (h.status === 'paused') {
      h.steps = Math.max(0, h.steps - records.length);
      flush(id, h);
    }
  };

  const tick = () => {
    ticking = false;
    // The chosen backend's runs first, then the float64 ones: two backend switches a round at most
    // (a switch to wasm costs about 0.2 ms: tfjs sets up its kernels again).
    const round = [...runs].sort(([, a], [, b]) => Number(a.backend === FLOAT64_BACKEND) - Number(b.backend === FLOAT64_BACKEND));
    for (const [id, h] of round) {
      if (runs.get(id) !== h) continue; // stopped earlier in this round (a lost device)
      const want = h.status === 'running' ? Infinity : h.steps;
      if (want > 0) {
        makeCurrent(h.backend);
        accept(id, h, h.run.advance(want, env.now() + SLICE_MS));
      }
      if (runs.get(id) === h && h.run.stop) finish(id, h);
    }
    // Between rounds the chosen backend is current again, for whatever else the worker computes.
    float32Current();
    if (env.now() - lastFlush >= BATCH_MS) flushAll();
    schedule();
  };

  const schedule = () => {
    const busy = [...runs.values()].some((h) => h.status === 'running' || h.steps > 0);
    if (!busy) return flushAll();
    if (!ticking) {
      ticking = true;
      env.later(tick);
    }
  };

  /** Stops every live run with `stop` (a lost GPU context, a backend switch). */
  const stopAll = (stop: Stop) => {
    for (const [id, h] of runs) {
      h.run.cancel(stop);
      finish(id, h);
    }
  };

  const setBackend = async (requested: BackendChoice, problem: ProblemId) => {
    lastProblem = problem;
    stopAll({ reason: 'cancelled', message: stopMessage('cancelled', 'The backend was switched.') });
    try {
      env.post({ type: 'busy', ms: CHOOSING_MS });
      const { backend, notice, measured } = await chooseBackend(requested, chapterWorkload(problem), env.backendOptions);
      float32Backend = backend;
      if (backend === 'webgl') env.watchContext?.(() => loseBackend('webgl'));
      env.post({ type: 'backend', backend, requested, notice, measured });
    } catch (e) {
      env.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const switchAfterLoss = async () => {
    env.post({ type: 'busy', ms: CHOOSING_MS });
    const { backend, notice } = await chooseBackend('wasm', chapterWorkload(lastProblem), env.backendOptions);
    float32Backend = backend;
    env.post({ type: 'backend', backend, requested: 'webgl', notice: `The WebGL context was lost; ${notice ?? `running on ${backend}.`}` });
  };

  const handle = (cmd: Command): Promise<void> => {
    // The float64 backend's code loads on first need; the commands queued behind it wait for it.
    if (needsFloat64(cmd)) backendQueue = backendQueue.then(loadFloat64Backend);
    switch (cmd.type) {
      case 'set-backend':
        backendQueue = backendQueue.then(() => setBackend(cmd.backend, cmd.problem));
        return backendQueue;
      case 'sweep':
      case 'race':
      case 'digits-curvature':
        // Chapter 5's jobs pick their own backend: the page's runs stop first, as on any switch.
        backendQueue = backendQueue.then(() => {
          stopAll({ reason: 'cancelled', message: stopMessage('cancelled', cmd.type === 'digits-curvature' ? 'Chapter 6 trains a digits net.' : 'Chapter 5 started a job.') });
          return digits.handle(cmd);
        });
        return backendQueue;
      case 'cancel':
        // Any job by its id: chapter 5's if it is that job, else a run's (after a pending switch).
        if (digits.owns(cmd.id)) return Promise.resolve(digits.handle(cmd));
        return backendQueue.then(() => handleRunCommand(cmd));
      case 'fit-report':
        return backendQueue.then(() => fitReport(cmd));
      case 'point':
        return backendQueue.then(() => point(cmd));
      case 'inspect':
        return backendQueue.then(() => inspect(cmd));
      case 'start':
      case 'pause':
      case 'resume':
      case 'step':
      case 'predict':
      case 'surface':
        // These wait for a pending backend switch, so runs start on the new backend.
        return backendQueue.then(() => handleRunCommand(cmd));
      default:
        return unreachable(cmd);
    }
  };

  /** A fit's report and bands, in float64 on cpu64 whatever the runs' precision; a fault comes back as its message. */
  const fitReport = (cmd: Extract<Command, { type: 'fit-report' }>) => {
    const before = tf.getBackend();
    try {
      makeCurrent(FLOAT64_BACKEND);
      const report = fitReportAt(cmd.definition, cmd.params);
      const band = cmd.bandAt ? confidenceBand(cmd.definition, report, cmd.bandAt) : null;
      env.post({ type: 'fit-report', id: cmd.id, report, band });
    } catch (e) {
      env.post({ type: 'fit-report', id: cmd.id, report: null, band: null, error: e instanceof Error ? e.message : String(e) });
    } finally {
      makeCurrent(before);
    }
  };

  /**
   * Chapter 6's numbers at a point: float64 on cpu64, float32 on tfjs's cpu backend (the reference
   * float32 kernels: a handful of products, where no backend is faster to notice).
   */
  const point = (cmd: Extract<Command, { type: 'point' }>) => {
    const before = tf.getBackend();
    try {
      makeCurrent(cmd.settings.precision === 'float64' ? FLOAT64_BACKEND : 'cpu');
      const outcome = curvatureAtPoint(cmd.settings);
      if (outcome.ok) env.post({ type: 'point', id: cmd.id, result: outcome.report });
      else env.post({ type: 'point', id: cmd.id, result: null, error: `${POINT_FIELD_LABELS[outcome.field]} ${outcome.message}.` });
    } catch (e) {
      env.post({ type: 'point', id: cmd.id, result: null, error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (before) makeCurrent(before); // none before a chapter of runs has chosen one
    }
  };

  /** A curvature report at a run's parameters, in float64 on cpu64 whatever the run's precision (its float32 parameters are exact there). */
  const inspect = (cmd: Extract<Command, { type: 'inspect' }>) => {
    const before = tf.getBackend();
    const start = env.now();
    let problem: ReturnType<typeof createProblem> | null = null;
    try {
      // A dense Hessian or Lanczos on a net takes seconds on cpu64 (chapter 4: ~10 s): not a dead worker.
      env.post({ type: 'busy', ms: CHOOSING_MS });
      makeCurrent(FLOAT64_BACKEND);
      problem = createProblem(cmd.problem, { seed: cmd.seed, definition: cmd.definition });
      const report = inspectAt(problem, cmd.params, cmd.what, { seed: cmd.seed, absoluteSigma: cmd.definition?.problem === 'fit' ? cmd.definition.absoluteSigma : undefined });
      env.post({ type: 'inspect', id: cmd.id, report, ms: env.now() - start });
    } catch (e) {
      env.post({ type: 'inspect', id: cmd.id, report: null, ms: env.now() - start, error: e instanceof Error ? e.message : String(e) });
    } finally {
      problem?.dispose();
      if (before) makeCurrent(before);
    }
  };

  const handleRunCommand = (cmd: Exclude<Command, { type: 'set-backend' | 'sweep' | 'race' | 'digits-curvature' | 'fit-report' | 'point' | 'inspect' }>) => {
    if (cmd.type === 'surface' || cmd.type === 'predict') float32Current();
    if (cmd.type === 'surface') {
      const surface = lossSurface(cmd.problem, cmd.xRange, cmd.yRange, cmd.n, cmd.formula);
      if (!surface) return env.post({ type: 'error', message: `${cmd.problem} has no two-parameter loss surface.` });
      const { x, y, z } = surface;
      env.post({ type: 'surface', problem: cmd.problem, x, y, z }, [x.buffer, y.buffer, z.buffer]);
      return;
    }
    if (cmd.type === 'predict') {
      const problem = createProblem(cmd.problem, { seed: cmd.seed });
      try {
        if (!problem.predictSurface) return env.post({ type: 'error', message: `${cmd.problem} has no predicted surface.` });
        const { x, y, truth, prediction } = problem.predictSurface(cmd.params, cmd.n);
        env.post({ type: 'prediction', runId: cmd.runId, x, y, truth, prediction }, [x.buffer, y.buffer, truth.buffer, prediction.buffer]);
      } finally {
        problem.dispose();
      }
      return;
    }
    if (cmd.type === 'start') {
      const old = runs.get(cmd.runId);
      if (old) finish(cmd.runId, old);
      const backend = backendOf(cmd.spec);
      makeCurrent(backend);
      const h: Hosted = { run: batcher.start(cmd.runId, cmd.spec), backend, status: cmd.paused ? 'paused' : 'running', buffer: [], steps: 0 };
      runs.set(cmd.runId, h);
      // The start point (step 0) is posted at once, so a paused run shows where it begins.
      accept(cmd.runId, h, h.run.advance(1));
      float32Current();
      if (runs.get(cmd.runId) !== h) return schedule(); // its device was lost: already stopped
      flush(cmd.runId, h);
      setStatus(cmd.runId, h, h.status);
      if (h.run.stop) finish(cmd.runId, h);
      return schedule();
    }
    const runId = cmd.type === 'cancel' ? cmd.id : cmd.runId;
    const h = runs.get(runId);
    if (!h) return; // Already stopped: nothing to do.
    switch (cmd.type) {
      case 'pause':
        if (h.status !== 'running') break;
        flush(runId, h);
        setStatus(runId, h, 'paused');
        break;
      case 'resume':
        if (h.status === 'paused') setStatus(runId, h, 'running');
        break;
      case 'step':
        if (h.status === 'paused') h.steps++;
        break;
      case 'cancel':
        h.run.cancel();
        finish(runId, h);
        break;
      default:
        unreachable(cmd);
    }
    schedule();
  };

  return {
    handle,
    /** What the webglcontextlost event does (tests call it directly: Node has no WebGL). */
    loseBackend,
    /** Live run ids, for tests. */
    liveRuns: () => [...runs.keys()],
  };
}
