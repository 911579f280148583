/**
 * Which tfjs backend runs, per DESIGN.md: 'auto' measures a short stretch of the chapter's runs on
 * cpu and on wasm (for small problems per-op overhead decides, for larger ones arithmetic) and
 * keeps the chapter's default backend unless the other measured at least CLEARLY times cheaper:
 * a measurement of ~100 ms on a shared machine is noisy, and a backend that flips from one visit
 * to the next would round a link's numbers differently. The other is the fallback. WebGL (~55 us
 * per op plus read-back stalls here) is used only when asked for, and refused when it cannot
 * render float32.
 */
import { PROBLEMS, type BackendChoice, type BackendId, type ProblemId } from '../catalog';
import { switchBackend, webglHasFloat32, type BackendOptions } from '../engine/backend';
import { measureStepCost } from './measure-backend';

const ORDER: Record<BackendId, BackendId[]> = {
  webgl: ['webgl', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu', 'wasm'],
};

/** The backends 'auto' compares. */
const MEASURED: BackendId[] = ['cpu', 'wasm'];
/** How much cheaper the other backend must measure for 'auto' to leave the chapter's default. */
export const CLEARLY = 1.5;

export interface BackendChosen {
  backend: BackendId;
  /** Why the backend is not the one requested, when it is not. */
  notice?: string;
  /** For 'auto': the cost per step measured on each backend compared. */
  measured?: string;
}

export type Measure = (problem: ProblemId) => number;

export async function chooseBackend(requested: BackendChoice, problem: ProblemId, options: BackendOptions, measure: Measure = measureStepCost): Promise<BackendChosen> {
  const refused: string[] = [];
  let order = requested === 'auto' ? MEASURED : ORDER[requested];
  let measured: string | undefined;
  if (requested === 'auto') {
    const costs = new Map<BackendId, number>();
    for (const id of MEASURED) if (await switchBackend(id, options)) costs.set(id, measure(problem));
    const preferred = PROBLEMS[problem].defaultBackend;
    const other = MEASURED.find((id) => id !== preferred) as BackendId;
    const cost = (id: BackendId) => costs.get(id) ?? Infinity;
    order = cost(other) * CLEARLY < cost(preferred) ? [other, preferred] : [preferred, other];
    measured = `auto measured ${[...costs].map(([id, ms]) => `${id} ${formatMs(ms)}`).join(', ')} per run-step here`;
  }
  for (const id of order) {
    if (!(await switchBackend(id, options))) {
      refused.push(`${id} could not start here`);
      continue;
    }
    if (id === 'webgl' && !webglHasFloat32()) {
      refused.push('webgl renders only float16 textures here, which would round every loss below ~1e-4 to zero');
      continue;
    }
    const notice = refused.length ? `Running on ${id}: ${refused.join('; ')}.` : undefined;
    return { backend: id, notice, measured };
  }
  throw new Error(`No tfjs backend could start (${refused.join('; ')}).`);
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'no steps';
  return ms < 0.1 ? `${(ms * 1000).toFixed(0)} us` : `${ms.toFixed(2)} ms`;
}
