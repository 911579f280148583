/** Test helper: the backends every engine test runs on in Node (webgl runs in the browser tests). */
import { beforeAll } from 'vitest';
import type { BackendId, ComputeBackend } from '../catalog';
import { switchBackend } from './backend';

export const NODE_BACKENDS = ['cpu', 'wasm'] as const satisfies readonly BackendId[];

/** Switches to `backend` (cpu64, the float64 one, included) before the tests of the current describe block, failing if it did not take. */
export function onBackend(backend: ComputeBackend) {
  beforeAll(async () => {
    if (!(await switchBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
  });
}
