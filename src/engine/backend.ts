/**
 * Backend switching that checks it took: tf.setBackend resolves false (it does not throw) when a
 * backend cannot start. The wasm backend is forced single-threaded: static hosts are not
 * cross-origin isolated and the threaded build breaks when minified.
 */
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendId } from '../catalog';
import { tf } from './tf';

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export interface BackendOptions {
  /** Where the .wasm files are served from: a directory URL or a map of file name to URL. */
  wasmPaths?: string | Record<string, string>;
}

/** Switches to `id`; resolves true only if tfjs now runs on it. */
export async function useBackend(id: BackendId, { wasmPaths }: BackendOptions = {}): Promise<boolean> {
  if (id === 'wasm' && wasmPaths) setWasmPaths(wasmPaths);
  try {
    const ok = await tf.setBackend(id);
    await tf.ready();
    return ok && tf.getBackend() === id;
  } catch {
    return false;
  }
}

export function currentBackend(): string {
  return tf.getBackend();
}
