/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright 2006, Algorithms 3.5 and 3.6).
 * Along a direction d from p, with
 *   phi(alpha) = L(p + alpha d),   phi'(alpha) = grad L(p + alpha d) . d,
 * it looks for a step alpha > 0 with
 *   phi(alpha) <= phi(0) + c1 alpha phi'(0)     (sufficient decrease)
 *   |phi'(alpha)| <= c2 |phi'(0)|               (curvature, strong form)
 * c1 = 1e-4 and c2 = 0.9, N&W's values for quasi-Newton methods: near a minimum their step of 1
 * passes, which keeps BFGS superlinear, and phi'(alpha) >= c2 phi'(0) makes y^T s > 0.
 *
 * Bracketing (Algorithm 3.5): trials alpha_1, 2 alpha_1, 4 alpha_1, ... until one is acceptable,
 * or fails sufficient decrease, or is no lower than the trial before, or has phi' >= 0; the last
 * two trials then bracket acceptable steps. Zoom (Algorithm 3.6) shrinks the bracket [lo, hi] (lo:
 * the lowest trial that decreases enough) with the minimizer of the cubic through phi and phi' at
 * both ends (N&W eq. 3.59), kept at least a tenth of the bracket away from either end; bisection
 * where that cubic has no minimizer, and a tenth of the way from lo where hi's loss is not finite.
 *
 * Every trial is one loss-and-gradient evaluation of the oracle (phi' comes with phi). Trial points
 * are p + alpha d rounded once to the parameters' precision, and phi is evaluated there. The search
 * fails as a value, the run's 'stalled' stop: when d does not go downhill (phi'(0) >= 0), when a
 * trial rounds to p or to an end of the bracket (steps closer than the precision resolves), or
 * after MAX_TRIALS trials.
 */
import { stopMessage, type Stop } from '../../catalog';
import { tf } from '../tf';
import type { Oracle } from '../types';

export const C1 = 1e-4;
export const C2 = 0.9;
/**
 * Trials per search. Zoom shrinks a bracket at least 10x per trial on an overshoot (a first step
 * 1e6 too long needs 6), and bisects at worst: 30 halve it by 1e9, past float32's resolution.
 */
export const MAX_TRIALS = 30;

/** The strong Wolfe conditions at alpha, from phi and phi' at 0 and at alpha (anything not finite fails). */
export function wolfeHolds(phi0: number, dphi0: number, alpha: number, phiA: number, dphiA: number, c1 = C1, c2 = C2): boolean {
  return phiA <= phi0 + c1 * alpha * dphi0 && Math.abs(dphiA) <= c2 * Math.abs(dphi0);
}

/** The point the search starts from: p_k as float64 copies of the stored parameters, its loss and gradient. */
export interface LineSearchStart {
  x: Float64Array;
  loss: number;
  g: Float64Array;
}

/** An accepted step: the new parameters (a tensor the caller keeps), their float64 copy, loss and gradient. */
export interface Accepted {
  ok: true;
  alpha: number;
  params: tf.Tensor1D;
  x: Float64Array;
  loss: number;
  g: Float64Array;
  /** Evaluations of the oracle, the accepted one included. */
  trials: number;
}

/** A search that failed: the stop it gives the run, after `trials` evaluations. */
export type LineSearchResult = Accepted | { ok: false; stop: Stop; trials: number };

/** phi and phi' at a trial step, and the trial point as stored. */
interface Trial {
  alpha: number;
  phi: number;
  dphi: number;
  x?: Float64Array;
}

const same = (a: Float64Array, b: Float64Array | undefined) => b !== undefined && a.every((ai, i) => ai === b[i]);

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};

/**
 * The minimizer of the cubic that interpolates phi and phi' at lo and hi (N&W eq. 3.59, with
 * alpha_{i-1} = lo and alpha_i = hi), or NaN when that cubic has none.
 */
export function cubicMinimizer(lo: Trial, hi: Trial): number {
  const d1 = lo.dphi + hi.dphi - (3 * (lo.phi - hi.phi)) / (lo.alpha - hi.alpha);
  const discriminant = d1 * d1 - lo.dphi * hi.dphi;
  if (!(discriminant >= 0)) return NaN;
  const d2 = Math.sign(hi.alpha - lo.alpha) * Math.sqrt(discriminant);
  return hi.alpha - ((hi.alpha - lo.alpha) * (hi.dphi + d2 - d1)) / (hi.dphi - lo.dphi + 2 * d2);
}

/** The next trial inside the bracket [lo, hi] (either order), safeguarded as the header says. */
export function nextTrial(lo: Trial, hi: Trial): number {
  if (!Number.isFinite(hi.phi) || !Number.isFinite(hi.dphi)) return lo.alpha + 0.1 * (hi.alpha - lo.alpha);
  const [a, b] = lo.alpha < hi.alpha ? [lo.alpha, hi.alpha] : [hi.alpha, lo.alpha];
  const alpha = cubicMinimizer(lo, hi);
  if (!Number.isFinite(alpha)) return (a + b) / 2;
  const margin = 0.1 * (b - a);
  return Math.min(Math.max(alpha, a + margin), b - margin);
}

/**
 * Searches along d from `start` for a step satisfying the strong Wolfe conditions, starting with
 * alpha1. Every tensor it makes is disposed, but the accepted parameters (returned).
 */
export function wolfeLineSearch(oracle: Oracle, start: LineSearchStart, d: Float64Array, alpha1: number, maxTrials = MAX_TRIALS): LineSearchResult {
  const phi0 = start.loss;
  const dphi0 = dot(start.g, d);
  let trials = 0;
  const stalled = (detail: string): LineSearchResult => ({ ok: false, stop: { reason: 'stalled', message: stopMessage('stalled', detail) }, trials });
  if (!(dphi0 < 0)) {
    return stalled(start.g.every((gi) => gi === 0) ? 'The gradient is exactly zero here: no direction goes downhill.' : `The search direction does not go downhill (its slope grad . d is ${dphi0.toExponential(2)}).`);
  }

  type Evaluated = Trial & { params: tf.Tensor1D; x: Float64Array; g: Float64Array };
  /**
   * phi and phi' at alpha; null when the trial point rounds to one already evaluated (p itself, or
   * an end of the bracket): then no step between can be told apart in this precision.
   */
  const evaluate = (alpha: number, ends: Trial[] = []): Evaluated | null => {
    const x = Float64Array.from(tf.storedValues(Float64Array.from(start.x, (xi, i) => xi + alpha * d[i])));
    if (same(x, start.x) || ends.some((end) => same(x, end.x))) return null;
    trials++;
    const params = tf.tensor1d(x);
    const { loss, grad } = oracle.valueAndGrad(params);
    const g = Float64Array.from(grad.dataSync());
    grad.dispose();
    return { alpha, phi: loss, dphi: dot(g, d), params, x, g };
  };
  const accept = (t: Evaluated): Accepted => ({ ok: true, alpha: t.alpha, params: t.params, x: t.x, loss: t.phi, g: t.g, trials });
  const decreases = (t: Trial) => t.phi <= phi0 + C1 * t.alpha * dphi0 && Number.isFinite(t.dphi);
  const curved = (t: Trial) => Math.abs(t.dphi) <= -C2 * dphi0;
  const unresolved = () => stalled(`The line search narrowed its steps to the resolution of ${tf.precisionName()} without meeting the strong Wolfe conditions.`);
  const tooMany = () => stalled(`No step along the search direction met the strong Wolfe conditions in ${maxTrials} trials: the loss is at ${tf.precisionName()}'s floor here, or too rough along the direction.`);

  /** Algorithm 3.6: lo decreases enough and is the lowest such trial; phi'(lo) (hi - lo) < 0. */
  const zoom = (lo: Trial, hi: Trial): LineSearchResult => {
    while (trials < maxTrials) {
      const t = evaluate(nextTrial(lo, hi), [lo, hi]);
      if (!t) return unresolved();
      if (!decreases(t) || t.phi >= lo.phi) hi = t;
      else {
        if (curved(t)) return accept(t);
        if (t.dphi * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = t;
      }
      t.params.dispose();
    }
    return tooMany();
  };

  // Algorithm 3.5: bracketing, doubling the step.
  let previous: Trial = { alpha: 0, phi: phi0, dphi: dphi0, x: start.x };
  for (let alpha = alpha1; trials < maxTrials; alpha *= 2) {
    const t = evaluate(alpha);
    if (!t) return unresolved();
    const overshot = !decreases(t) || (previous.alpha > 0 && t.phi >= previous.phi);
    if (!overshot && curved(t)) return accept(t);
    t.params.dispose();
    if (overshot) return zoom(previous, t);
    if (t.dphi >= 0) return zoom(t, previous);
    previous = t;
  }
  return tooMany();
}
