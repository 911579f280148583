/** tfjs backends the worker can run on. `auto` picks by measured cost for the workload. */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKENDS)[number];
export type BackendChoice = BackendId | 'auto';

export const BACKEND_LABELS: Record<BackendId, string> = {
  webgl: 'WebGL (GPU)',
  wasm: 'WebAssembly',
  cpu: 'JavaScript CPU',
};
