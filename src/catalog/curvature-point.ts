/**
 * Chapter 6's first cell (seed 004): a function of x, y (and z) at a point, its Hessian by double
 * backprop, H v, and H^-1 g twice, by a dense solve and by conjugate gradient on H + damping I.
 * What the reader sets, its presets and checks, and what comes back.
 */
import type { RunPrecision } from './backends';

export interface PointSettings {
  f: string;
  /** The point, one number per variable (x, y, z). */
  at: number[];
  /** The vector of H v. */
  v: number[];
  /** The right-hand side of H^-1 g (the gradient at the point in Newton's step; any vector here). */
  g: number[];
  cgIters: number;
  damping: number;
  /** float64 on cpu64 (exact to the last digits), or float32 as tfjs computes. */
  precision: RunPrecision;
}

export interface PointPreset extends Omit<PointSettings, 'precision'> {
  name: string;
}

export const POINT_PRESETS: readonly PointPreset[] = [
  { name: 'Seed 004: x³ + 2xy + y² − x at (1, 1)', f: 'x^3 + 2*x*y + y^2 - x', at: [1, 1], v: [8, 4], g: [16, 12], cgIters: 10, damping: 0 },
  { name: 'Seed 004: the same + z² at (3, 1, 5)', f: 'x^3 + 2*x*y + y^2 - x + z^2', at: [3, 1, 5], v: [1, 1, 1], g: [3, 12, 6], cgIters: 10, damping: 1e-3 },
  { name: 'A saddle: x² − y² (indefinite H)', f: 'x^2 - y^2', at: [1, 1], v: [1, 1], g: [1, 2], cgIters: 10, damping: 0 },
  { name: 'Rosenbrock at (−1.2, 1)', f: '(1 - x)^2 + 100*(y - x^2)^2', at: [-1.2, 1], v: [1, 0], g: [-215.6, -88], cgIters: 10, damping: 0 },
];

export const DEFAULT_POINT: PointSettings = { ...stripName(POINT_PRESETS[1]), precision: 'float64' };

function stripName({ name: _name, ...settings }: PointPreset): Omit<PointSettings, 'precision'> {
  return settings;
}

export const presetSettings = (p: PointPreset, precision: RunPrecision): PointSettings => ({ ...stripName(p), precision });

/** CG's iterations: at least one; a thousand is beyond any function of three variables' need; ten as the seed. */
export const CG_ITERATIONS = { min: 1, max: 1000, default: 10 } as const;

/** Why `vector` cannot be a vector of the function's variables, or null. */
export function vectorFault(vector: readonly number[], variables: readonly string[]): string | null {
  if (vector.length !== variables.length) return `needs ${variables.length} numbers (one each for ${variables.join(', ')}), got ${vector.length}`;
  if (!vector.every(Number.isFinite)) return 'must hold finite numbers';
  return null;
}

export const cgItersFault = (n: number) =>
  Number.isInteger(n) && n >= CG_ITERATIONS.min && n <= CG_ITERATIONS.max ? null : `must be a whole number from ${CG_ITERATIONS.min} to ${CG_ITERATIONS.max}, got ${n}`;
export const dampingFault = (d: number) => (Number.isFinite(d) && d >= 0 ? null : `must be a finite number, 0 or more, got ${d}`);

/** What a caller asks at a point: f, the point, and optionally v (for H v) and g (for H^-1 g and CG). */
export interface PointRequest {
  f: string;
  at: readonly number[];
  v?: readonly number[];
  g?: readonly number[];
  /** CG's iterations (default 10, the seed's). */
  cgIters?: number;
  /** CG solves (H + damping I) x = g; default 0. */
  damping?: number;
}

/** Which input a refusal is about, and its name on the page. */
export type PointField = 'f' | 'at' | 'v' | 'g' | 'cgIters' | 'damping';
export const POINT_FIELD_LABELS: Record<PointField, string> = { f: 'f', at: 'The point', v: 'v', g: 'g', cgIters: 'CG iterations', damping: 'The damping' };

/** Why the settings' numbers cannot go with a function of `variables`, or null: the first fault, with its field. */
export function pointRequestFault(r: Omit<PointRequest, 'f'>, variables: readonly string[]): { field: PointField; message: string } | null {
  for (const field of ['at', 'v', 'g'] as const) {
    const vector = r[field];
    const message = vector && vectorFault(vector, variables);
    if (message) return { field, message };
  }
  const cg = r.cgIters === undefined ? null : cgItersFault(r.cgIters);
  if (cg) return { field: 'cgIters', message: cg };
  const damping = r.damping === undefined ? null : dampingFault(r.damping);
  return damping ? { field: 'damping', message: damping } : null;
}

/** One CG iteration k: |g - A x_k| / |g| and |x_k - x*| / |x*|, with A = H + damping I. */
export interface CGIterate {
  residual: number;
  distance: number;
}

/** Everything at the point, as plain float64 numbers (JSON and postMessage carry it as it is). */
export interface PointReport {
  variables: string[];
  precision: RunPrecision;
  value: number;
  grad: number[];
  /** Row by row. */
  hessian: number[][];
  /** The Hessian's eigenvalues, ascending: whether H is positive definite, at a glance. */
  eigenvalues: number[];
  /** With v. */
  hvp?: number[];
  /** With g: the dense undamped H^-1 g, or null with `singular` saying why. */
  solve?: number[] | null;
  singular?: string;
  /** With g: CG's answer on (H + damping I) x = g, its iterations, x* and its trace. */
  cg?: number[];
  cgIterations?: number;
  cgExact?: number[] | null;
  cgTrace?: CGIterate[];
  /** When CG met a direction of non-positive curvature: what that means, in a sentence. */
  negativeCurvature?: string;
}

/** A refusal names its field; `message` reads after the field's name ("needs 2 numbers ..."), or for f is the formula's own error. */
export type PointOutcome = { ok: true; report: PointReport } | { ok: false; field: PointField; message: string };

/** Why complete settings cannot go with a function of `variables`, as a sentence, or null. */
export function pointSettingsFault(s: Omit<PointSettings, 'f' | 'precision'>, variables: readonly string[]): string | null {
  const fault = pointRequestFault(s, variables);
  return fault && `${POINT_FIELD_LABELS[fault.field]} ${fault.message}.`;
}
