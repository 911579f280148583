/**
 * Backend switching that checks it took: tf.setBackend resolves false (it does not throw) when a
 * backend cannot start. The wasm backend is forced single-threaded: static hosts are not
 * cross-origin isolated and the threaded build breaks when minified.
 *
 * cpu and wasm are registered with the engine; WebGL (about 90 KB gzipped) and our float64 backend
 * are loaded when first asked for, so a page that never uses them never fetches them.
 */
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FLOAT64_BACKEND, type BackendId } from '../catalog';
import { tf } from './tf';

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

let float64: Promise<void> | null = null;
/** Registers the float64 backend, its code loaded once; before it, cpu64 is not in tfjs's registry. */
export const loadFloat64Backend = (): Promise<void> => (float64 ??= import('./float64/backend').then((m) => m.registerFloat64Backend()));

let webgl: Promise<unknown> | null = null;
/** The WebGL backend registers itself when its module loads. */
const loadWebgl = () => (webgl ??= import('@tensorflow/tfjs-backend-webgl'));

export interface BackendOptions {
  /** Where the .wasm files are served from: a directory URL or a map of file name to URL. */
  wasmPaths?: string | Record<string, string>;
}

/** Switches to `id` (or to the float64 backend); resolves true only if tfjs now runs on it. */
export async function switchBackend(id: BackendId | typeof FLOAT64_BACKEND, { wasmPaths }: BackendOptions = {}): Promise<boolean> {
  if (id === 'wasm' && wasmPaths) setWasmPaths(wasmPaths);
  try {
    if (id === FLOAT64_BACKEND) await loadFloat64Backend();
    if (id === 'webgl') await loadWebgl();
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

/**
 * Whether `backend` computes on a device that is lost: WebGL whose context is lost. Synchronous, so
 * the worker can ask before it accepts the steps a slice computed (every step reads its loss back,
 * and a read on a lost context marks it lost). Other backends have no device to lose.
 */
export function deviceLost(backend: string): boolean {
  if (backend !== 'webgl') return false;
  const webgl = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | null;
  return webgl?.gpgpu?.gl?.isContextLost() ?? false;
}

/**
 * Makes `id`, a backend already started, the current one at once: tfjs's setBackend does nothing
 * asynchronous for a backend it has initialised, so a run can switch between its steps (float32
 * and float64 runs side by side). Throws if `id` was never started (cpu64: never loaded, see
 * loadFloat64Backend).
 */
export function makeCurrent(id: string): void {
  if (tf.getBackend() === id) return;
  void tf.setBackend(id);
  if (tf.getBackend() !== id) throw new Error(`The ${id} backend has not been started.`);
}
