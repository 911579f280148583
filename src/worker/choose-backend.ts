/**
 * Which tfjs backend runs a workload, per DESIGN.md: the one requested, falling back in a fixed
 * order when it cannot start; or for 'auto', measured: each candidate computes a short stretch of
 * the workload's own work, and the preferred backend is kept unless another measured at least
 * CLEARLY times cheaper (a measurement of ~100 ms on a shared machine is noisy, and a backend that
 * flips from one visit to the next would round a link's numbers differently). WebGL is refused
 * where it cannot render float32. One chooser serves the optimizer chapters and chapter 5's jobs.
 */
import { PROBLEMS, type BackendChoice, type BackendId, type ProblemId } from '../catalog';
import { switchBackend, webglHasFloat32, type BackendOptions } from '../engine';
import { measureStepCost } from './measure-backend';

const ORDER: Record<BackendId, BackendId[]> = {
  webgl: ['webgl', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu', 'wasm'],
};

/** How much cheaper another backend must measure for 'auto' to leave the preferred one. */
export const CLEARLY = 1.5;

/** What is to run, as 'auto' sees it. */
export interface Workload {
  /** The backends 'auto' compares, the preferred among them. */
  candidates: BackendId[];
  preferred: BackendId;
  /** Milliseconds per unit of the work on the current backend (a probe of it). */
  measure(): number;
  /** The unit, for the message: 'run-step', 'model-step of this sweep'. */
  unit: string;
  /** Backends whose work is shared by several workers (chapter 5's sweeps on wasm and cpu): compared at the measured cost divided by their count. */
  workers?: Partial<Record<BackendId, number>>;
}

export interface BackendChosen {
  backend: BackendId;
  /** Why the backend is not the one requested, when it is not. */
  notice?: string;
  /** For 'auto': the cost per unit measured on each backend compared. */
  measured?: string;
}

/** An optimizer chapter's runs: cpu against wasm, from the problem's default backend. */
export function chapterWorkload(problem: ProblemId, measure: (problem: ProblemId) => number = measureStepCost): Workload {
  return { candidates: ['cpu', 'wasm'], preferred: PROBLEMS[problem].defaultBackend, measure: () => measure(problem), unit: 'run-step' };
}

const renders = (id: BackendId) => id !== 'webgl' || webglHasFloat32();

export async function chooseBackend(requested: BackendChoice, work: Workload, options: BackendOptions): Promise<BackendChosen> {
  let order = requested === 'auto' ? [work.preferred] : ORDER[requested];
  let measured: string | undefined;
  if (requested === 'auto' && work.candidates.length > 1) {
    const costs = new Map<BackendId, number>();
    for (const id of work.candidates) if ((await switchBackend(id, options)) && renders(id)) costs.set(id, work.measure());
    const workers = (id: BackendId) => work.workers?.[id] ?? 1;
    const cost = (id: BackendId) => (costs.get(id) ?? Infinity) / workers(id);
    const [cheapest] = [...work.candidates].sort((a, b) => cost(a) - cost(b));
    const leave = cost(cheapest) * CLEARLY < cost(work.preferred);
    order = leave ? [cheapest, work.preferred] : [work.preferred, ...work.candidates.filter((id) => id !== work.preferred)];
    const shared = (id: BackendId, ms: number) => (workers(id) > 1 ? ` (${formatMs(ms / workers(id))} on ${workers(id)} workers)` : '');
    measured = `auto measured ${[...costs].map(([id, ms]) => `${id} ${formatMs(ms)}${shared(id, ms)}`).join(', ')} per ${work.unit} here`;
  }
  const refused: string[] = [];
  // Then the fallbacks of the first choice, should it not start.
  for (const id of new Set([...order, ...ORDER[order[0]]])) {
    if (!(await switchBackend(id, options))) {
      refused.push(`${id} could not start here`);
      continue;
    }
    if (!renders(id)) {
      refused.push(`${id} renders only float16 textures here, which would round every loss below ~1e-4 to zero`);
      continue;
    }
    const notice = refused.length ? `Running on ${id}: ${refused.join('; ')}.` : undefined;
    return { backend: id, notice, measured };
  }
  throw new Error(`No tfjs backend could start (${refused.join('; ')}).`);
}

/** Three significant digits, so that a reader (or a test) can redo the comparison from the text. */
function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'no steps';
  return ms < 0.1 ? `${(ms * 1000).toPrecision(3)} us` : `${ms.toPrecision(3)} ms`;
}
