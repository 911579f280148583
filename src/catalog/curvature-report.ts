/**
 * What the curvature tools report at a run's parameters (chapter 6; the panel under each race and
 * the CLI's --report): the spectrum of the Hessian and of the Gauss-Newton matrix, the covariance
 * of the parameters, and a net's derivatives with respect to its inputs. Plain numbers, so that
 * postMessage and JSON carry them as they are.
 */
import type { FitReport } from './fit-report';

/**
 * Up to this many parameters a dense Hessian is formed (one Hessian-vector product per parameter:
 * Newton's own limit, well under a second on cpu64 for chapter 3's 41); above, its extremes come
 * from Lanczos, and BFGS's estimate is not compared with it.
 */
export const DENSE_HESSIAN_MAX = 64;

/**
 * Up to this many parameters each BFGS step also measures its inverse-Hessian estimate against the
 * true inverse (a dense Hessian: one Hessian-vector product per parameter, every step). Chapters 1,
 * 2 and 7 and most fits; on chapter 3's 41 it would multiply BFGS's step cost about fortyfold.
 */
export const ESTIMATE_CHECK_MAX = 16;

export const INSPECTIONS = ['spectrum', 'covariance', 'input-jacobian'] as const;
export type Inspection = (typeof INSPECTIONS)[number];

/** How a spectrum reads: conditioning, numerical rank and negative curvature (engine/curvature/spectrum). */
export interface SpectrumSummary {
  size: number;
  /** Algebraically smallest and largest eigenvalues. */
  smallest: number;
  largest: number;
  /** |lambda| at or below this counts as zero: tolerance times the largest |lambda|. */
  threshold: number;
  /** Eigenvalues above, at and below the threshold in magnitude; rank = positive + negative. */
  positive: number;
  zero: number;
  negative: number;
  rank: number;
  /** max |lambda| / min |lambda| (Infinity when one counts as zero): what a Newton solve amplifies errors by. */
  conditionNumber: number;
  /** The same over the eigenvalues that do not count as zero: what a damped step sees. */
  rangeConditionNumber: number;
}

export interface Spectrum {
  /** Ascending. Every eigenvalue ('dense'), or the Ritz values of `iterations` Lanczos steps. */
  values: number[];
  summary: SpectrumSummary;
  method: 'dense' | 'lanczos';
  /** For Lanczos: the steps taken, and |H y - theta y| of the extreme Ritz pairs (smallest first, then largest). */
  iterations?: number;
  residuals?: { value: number; residual: number }[];
}

export interface SpectrumReport {
  kind: 'spectrum';
  hessian: Spectrum;
  /** The Gauss-Newton matrix 2 c J^T J, where the loss is c sum r^2; null without residuals. */
  gaussNewton: Spectrum | null;
}

/** The Laplace covariance from the full Hessian, 2 c s^2 H^-1, or why there is none. */
export type HessianCovarianceReport = { stdErrors: number[]; covariance: number[][] } | { reason: string };

/** A net of two inputs: its prediction along a slice of the input plane, with the delta method's bands. */
export interface SliceBand {
  /** The slice: y fixed, x across [-2, 2]. */
  y: number;
  x: number[];
  truth: number[];
  fit: number[];
  /** The fitted mean's band and the prediction band (noise added), at `level`. */
  lower: number[];
  upper: number[];
  predictionLower: number[];
  predictionUpper: number[];
  level: number;
  /** Of the held-out points, the share inside the prediction band (the nominal rate is `level`). */
  coverage: { inside: number; points: number };
}

export interface CovarianceReport {
  kind: 'covariance';
  /** s^2 (J^T J)^-1 as a fit report (with the undetermined subspace when singular); null without residuals. */
  gaussNewton: FitReport | null;
  /** Only where the dense Hessian is affordable (see the engine's limit). */
  hessian: HessianCovarianceReport | null;
  band: SliceBand | null;
}

export interface InputJacobianReport {
  kind: 'input-jacobian';
  /** The n x n grid (row-major: entry j n + i at (x_i, y_j)) of the net's slopes beside the true surface's. */
  x: number[];
  y: number[];
  dzdx: number[];
  dzdy: number[];
  trueDzdx: number[];
  trueDzdy: number[];
}

export type CurvatureReport = SpectrumReport | CovarianceReport | InputJacobianReport;

/** What an inspection needs of a problem: a reason it cannot, or null. */
export function inspectionFault(what: Inspection, p: { provides: readonly string[]; predictsSurface?: boolean }): string | null {
  if (what === 'input-jacobian' && !p.predictsSurface) return 'Input Jacobians are drawn for a net of two inputs (chapter 3); the digits net has its own in chapter 6.';
  if (!p.provides.includes('hvp')) return 'This problem has no Hessian-vector products.';
  return null;
}

/** Chapter 6's digits cell: a digits net trained for some steps, its Hessian's extremes, and one test image's class maps. */
export interface DigitsCurvatureSettings {
  /** The data split's and the net's seed (chapter 5's). */
  seed: number;
  /** Preconditioned-SGD steps before looking (0: the initialisation). */
  steps: number;
  /** Which test image. */
  image: number;
}

export const DIGITS_CURVATURE_DEFAULTS: DigitsCurvatureSettings = { seed: 1, steps: 400, image: 0 };
export const DIGITS_CURVATURE_LIMITS = { steps: { min: 0, max: 5000 }, lanczos: { k: 10, iterations: 60 } } as const;

export interface DigitsCurvature {
  settings: DigitsCurvatureSettings;
  precision: 'float32' | 'float64';
  backend: string;
  parameters: number;
  testAccuracy: number;
  /** The extreme Ritz pairs of the Hessian of the training loss: smallest first (ascending), largest (descending). */
  smallest: { value: number; residual: number }[];
  largest: { value: number; residual: number }[];
  iterations: number;
  /** The test image (8 x 8 row-major, standardised; NaN at a dropped pixel), its label and the net's probabilities. */
  image: number[];
  label: number;
  probabilities: number[];
  /** maps[c][k] = d p_c / d pixel k (8 x 8 row-major; 0 at a dropped pixel). */
  maps: number[][];
  /** What each part took (ms): training, Lanczos, the maps. */
  ms: { train: number; lanczos: number; maps: number };
}
