/** tfjs backends the worker can run on. `auto` picks by measured cost for the workload. */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKENDS)[number];
export type BackendChoice = BackendId | 'auto';

export const BACKEND_LABELS: Record<BackendId, string> = {
  webgl: 'WebGL (GPU)',
  wasm: 'WebAssembly',
  cpu: 'JavaScript CPU',
};

/**
 * A run computes in float32 (tfjs's own backends) or in float64 (our cpu64 backend, src/engine/
 * float64). 'compare' runs every run in both.
 */
export const PRECISIONS = ['float32', 'float64', 'compare'] as const;
export type Precision = (typeof PRECISIONS)[number];
export type RunPrecision = Exclude<Precision, 'compare'>;

export const PRECISION_LABELS: Record<Precision, string> = {
  float32: 'float32',
  float64: 'float64',
  compare: 'both (float32 solid, float64 dashed)',
};

/** The tfjs backend of the float64 runs. */
export const FLOAT64_BACKEND = 'cpu64';

/** A backend the worker computes on: one of tfjs's, or the float64 one. */
export type ComputeBackend = BackendId | typeof FLOAT64_BACKEND;
