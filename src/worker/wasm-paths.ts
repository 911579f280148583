/**
 * Where the tfjs wasm backend finds its binaries: the app's own build of them, served from its base
 * path. The threaded build is never used (the backend is forced single-threaded), so its entry
 * points at the SIMD build rather than shipping a third binary. Shared by the engine worker and
 * chapter 5's second worker.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
};
