/**
 * Which tfjs backend runs, per DESIGN.md: for the small problems of these chapters wasm is fastest
 * (WebGL pays ~55 us per op plus read-back stalls), so 'auto' means wasm, then cpu. WebGL is used
 * only when asked for, and refused when it cannot render float32.
 */
import type { BackendChoice, BackendId } from '../catalog';
import { switchBackend, webglHasFloat32, type BackendOptions } from '../engine/backend';

const ORDER: Record<BackendChoice, BackendId[]> = {
  auto: ['wasm', 'cpu'],
  webgl: ['webgl', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu'],
};

export interface BackendChosen {
  backend: BackendId;
  /** Why the backend is not the one requested, when it is not. */
  notice?: string;
}

export async function chooseBackend(requested: BackendChoice, options: BackendOptions): Promise<BackendChosen> {
  const refused: string[] = [];
  for (const id of ORDER[requested]) {
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
