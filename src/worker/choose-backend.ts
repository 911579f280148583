/**
 * Which tfjs backend runs, per DESIGN.md: 'auto' takes the backend measured fastest for the problem
 * (for the small problems so far cpu or wasm; WebGL pays ~55 us per op plus read-back stalls), then
 * the other of the two. WebGL is used only when asked for, and refused when it cannot render float32.
 */
import { PROBLEMS, type BackendChoice, type BackendId, type ProblemId } from '../catalog';
import { switchBackend, webglHasFloat32, type BackendOptions } from '../engine/backend';

const ORDER: Record<BackendId, BackendId[]> = {
  webgl: ['webgl', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu', 'wasm'],
};

export interface BackendChosen {
  backend: BackendId;
  /** Why the backend is not the one requested, when it is not. */
  notice?: string;
}

export async function chooseBackend(requested: BackendChoice, problem: ProblemId, options: BackendOptions): Promise<BackendChosen> {
  const refused: string[] = [];
  for (const id of ORDER[requested === 'auto' ? PROBLEMS[problem].fastestBackend : requested]) {
    if (!(await switchBackend(id, options))) {
      refused.push(`${id} could not start here`);
      continue;
    }
    if (id === 'webgl' && !webglHasFloat32()) {
      refused.push('webgl renders only float16 textures here, which would round every loss below ~1e-4 to zero');
      continue;
    }
    const notice = refused.length ? `Running on ${id}: ${refused.join('; ')}.` : undefined;
    return { backend: id, notice };
  }
  throw new Error(`No tfjs backend could start (${refused.join('; ')}).`);
}
