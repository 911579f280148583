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
export async function switchBackend(id: BackendId, { wasmPaths }: BackendOptions = {}): Promise<boolean> {
  if (id === 'wasm' && wasmPaths) setWasmPaths(wasmPaths);
  try {
    const ok = await tf.setBackend(id);
    await tf.ready();
    return ok && tf.getBackend() === id;
  } catch {
    return false;
  }
}

/**
 * Whether WebGL renders to float32 textures. Without it tfjs falls back to float16, which rounds
 * every loss below about 1e-4 to zero: such a WebGL is refused.
 */
export function webglHasFloat32(): boolean {
  return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

/**
 * Calls `onLost` when the WebGL context of the current backend is lost. A lost context returns
 * zeros without any error, so this event is the only warning.
 */
export function onWebglContextLost(onLost: () => void): void {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } };
  backend.gpgpu?.gl?.canvas?.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    onLost();
  });
}
