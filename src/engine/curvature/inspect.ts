/**
 * One entry for the curvature tools at a run's parameters, shared by the worker (the panel under
 * each race) and the CLI (--report): the spectrum, the covariance, a net's input Jacobian. Each in
 * the current backend's precision (the worker and the CLI choose float64 on cpu64 for it).
 *
 * A dense Hessian costs one Hessian-vector product per parameter: up to DENSE_HESSIAN_MAX of them
 * it is formed; above, the Hessian's extremes come from Lanczos on the same products (the digits
 * net, chapter 4's 96 parameters). The Gauss-Newton matrix comes from the residual Jacobian (or a
 * problem's closed form), which costs one backward pass whatever the size.
 */
import { DENSE_HESSIAN_MAX, inspectionFault, PROBLEMS, type CovarianceReport, type CurvatureReport, type Inspection, type InputJacobianReport, type SliceBand, type Spectrum, type SpectrumReport } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { NET_ON_ROSENBROCK_DEFAULTS, netOnRosenbrockSetup } from '../problems/net-on-rosenbrock';
import { rosenbrock } from '../problems/rosenbrock-fit';
import { tf } from '../tf';
import type { Problem } from '../types';
import { gaussNewtonCovariance, hessianCovariance } from './covariance';
import { surfaceSlopes } from './input-jacobian';
import { predictiveBand } from './predictive-band';
import { gaussNewtonSpectrum, hessianSpectrum, lanczosSpectrum, spectrumSummary } from './spectrum';

/** Lanczos for larger problems: 10 Ritz pairs at each end from 60 steps (chapter 3: the extremes to 1e-7 in 20). */
export const LANCZOS = { k: 10, iterations: 60 } as const;
/** The slice of chapter 3's input plane the band is drawn along, and its points. */
export const BAND_SLICE = { y: 1, points: 81 } as const;
/** The grid of the input Jacobian's maps. */
export const SLOPE_GRID = 21;

export interface InspectOptions {
  /** The data seed of a problem drawn from one (chapter 3's held-out points). */
  seed?: number;
  /** Parameter names for the covariance (the problem's own otherwise). */
  names?: string[];
  /**
   * A fit's sigma taken as absolute (its definition's absoluteSigma): the covariance unscaled by
   * s^2, as fitReportAt reports it. The problem does not carry it, so the caller passes it on.
   */
  absoluteSigma?: boolean;
}

/** The report at `params`; throws with the reason when the problem cannot give it (inspectionFault). */
export function inspectAt(problem: Problem, params: ArrayLike<number>, what: Inspection, options: InspectOptions = {}): CurvatureReport {
  const fault = inspectionFault(what, { provides: problem.provides, predictsSurface: !!problem.predictSurface });
  if (fault) throw new Error(fault);
  if (what === 'spectrum') return spectrumAt(problem, params);
  if (what === 'covariance') return covarianceAt(problem, params, options);
  return inputJacobianAt(problem, params);
}

function spectrumAt(problem: Problem, params: ArrayLike<number>): SpectrumReport {
  const oracle = createOracle(problem);
  const p = tf.tensor1d(Float64Array.from(params));
  try {
    let hessian: Spectrum;
    if (problem.dim <= DENSE_HESSIAN_MAX) {
      const values = hessianSpectrum(oracle, p);
      hessian = { values: Array.from(values), summary: spectrumSummary(values), method: 'dense' };
    } else {
      const lanczos = lanczosSpectrum(oracle, p, LANCZOS.k, Math.min(LANCZOS.iterations, problem.dim));
      const pairs = [...lanczos.smallest, ...lanczos.largest];
      hessian = {
        values: Array.from(lanczos.values),
        // The summary of Ritz values: the extremes are converged (their residuals say so); the rank and zero count are of the Krylov space only.
        summary: spectrumSummary(lanczos.values),
        method: 'lanczos',
        iterations: lanczos.iterations,
        residuals: pairs.map(({ value, residual }) => ({ value, residual })),
      };
    }
    let gaussNewton: Spectrum | null = null;
    if (problem.residuals) {
      const values = gaussNewtonSpectrum(oracle, p);
      gaussNewton = { values: Array.from(values), summary: spectrumSummary(values), method: 'dense' };
    }
    return { kind: 'spectrum', hessian, gaussNewton };
  } finally {
    p.dispose();
  }
}

function covarianceAt(problem: Problem, params: ArrayLike<number>, options: InspectOptions): CovarianceReport {
  if (!problem.residuals) return { kind: 'covariance', gaussNewton: null, hessian: null, band: null };
  const names = options.names ?? defaultNames(problem);
  const { absoluteSigma } = options;
  const report = gaussNewtonCovariance(problem, params, { names, absoluteSigma });
  let hessian: CovarianceReport['hessian'] = null;
  if (problem.dim <= DENSE_HESSIAN_MAX) {
    const h = hessianCovariance(problem, params, { names, absoluteSigma });
    hessian = h.covariance ? { stdErrors: h.stdErrors, covariance: h.covariance } : { reason: h.reason };
  }
  return { kind: 'covariance', gaussNewton: report, hessian, band: problem.predictSurface ? sliceBand(problem, report, options.seed ?? 1) : null };
}

/** Chapter 3's band along y = BAND_SLICE.y, and the share of its held-out points inside the prediction band. */
function sliceBand(problem: Problem, report: CovarianceReport['gaussNewton'] & object, seed: number): SliceBand | null {
  const { points, y } = BAND_SLICE;
  const x = Array.from({ length: points }, (_, i) => -2 + (4 * i) / (points - 1));
  const band = predictiveBand(problem, report, x.map((xi) => [xi, y]));
  if (!band) return null;
  const { validation } = netOnRosenbrockSetup({ seed });
  const held = predictiveBand(problem, report, validation.x.map((xi, i) => [xi, validation.y[i]]));
  const inside = held ? validation.z.filter((z, i) => z >= held.predictionLower[i] && z <= held.predictionUpper[i]).length : 0;
  const { a, b } = NET_ON_ROSENBROCK_DEFAULTS;
  const truth = x.map((xi) => rosenbrock(xi, y, a, b));
  return {
    y,
    x,
    truth,
    fit: Array.from(band.fit),
    lower: Array.from(band.lower),
    upper: Array.from(band.upper),
    predictionLower: Array.from(band.predictionLower),
    predictionUpper: Array.from(band.predictionUpper),
    level: band.level,
    coverage: { inside, points: validation.z.length },
  };
}

function inputJacobianAt(problem: Problem, params: ArrayLike<number>): InputJacobianReport {
  const s = surfaceSlopes(problem, params, SLOPE_GRID);
  return { kind: 'input-jacobian', x: Array.from(s.x), y: Array.from(s.y), dzdx: Array.from(s.dzdx), dzdy: Array.from(s.dzdy), trueDzdx: Array.from(s.trueDzdx), trueDzdy: Array.from(s.trueDzdy) };
}

/**
 * Names for a covariance table: chapter 3's net by its layout (W1, b1, W2, b2 per hidden unit),
 * a fit's or a chapter's own parameter names, else p0, p1, ...
 */
function defaultNames(problem: Problem): string[] | undefined {
  const own = PROBLEMS[problem.id].paramNames;
  if (own.length === problem.dim) return own;
  if (problem.id !== 'net-on-rosenbrock') return undefined;
  const H = (problem.dim - 1) / 4;
  const unit = (f: (j: number) => string) => Array.from({ length: H }, (_, j) => f(j + 1));
  return [...unit((j) => `W1[x,${j}]`), ...unit((j) => `W1[y,${j}]`), ...unit((j) => `b1[${j}]`), ...unit((j) => `W2[${j}]`), 'b2'];
}
