/**
 * BFGS (Nocedal and Wright 2006, Algorithm 6.1), with a dense float64 estimate H_k of the inverse
 * Hessian:
 *   d_k = -H_k grad L(p_k),   p_{k+1} = p_k + alpha_k d_k   (alpha_k: strong Wolfe, line-search.ts)
 *   s_k = p_{k+1} - p_k,   y_k = grad L(p_{k+1}) - grad L(p_k),   rho_k = 1 / (y_k^T s_k)
 *   H_{k+1} = (I - rho_k s_k y_k^T) H_k (I - rho_k y_k s_k^T) + rho_k s_k s_k^T     (N&W eq. 6.17)
 * H_0 = I, replaced just before the first update by (y^T s / y^T y) I (N&W eq. 6.20), which puts
 * the estimate on the scale of the true inverse Hessian. Every line search tries alpha = 1 first,
 * the quasi-Newton step, which the Wolfe conditions accept near a minimum (N&W section 3.5; the
 * first step, along -grad L, is then as long as the gradient, and the zoom cuts it down).
 *
 * s and y come from the parameters as stored and float64 copies of the gradients (read back once
 * per evaluation), so the secant equation H_{k+1} y_k = s_k holds for the points the run visits.
 * `rejected` counts the line search's trials beyond the accepted one, drawn as LM's rejected steps.
 */
import type { Optimizer } from '../types';
import { dot, wolfeLineSearch } from './line-search';
import { acceptedState, evaluateFloat64At, type QuasiNewtonState } from './quasi-newton-state';

export interface BFGSState extends QuasiNewtonState {
  /** H_k, the estimate of the inverse Hessian at params: n x n, row-major, float64 (the page compares it with the true one). */
  H: Float64Array;
  /** Updates made so far; 0 while H is still the unscaled I. */
  updates: number;
}

/** The n x n identity, row-major. */
export function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

/** H x for a row-major n x n H. */
export function matVec(H: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += H[i * n + j] * x[j];
    out[i] = sum;
  }
  return out;
}

/**
 * H_{k+1} from a symmetric H_k and the pair s, y (a new array), in the expanded form of eq. 6.17:
 *   H - rho (H y s^T + s (H y)^T) + (rho^2 y^T H y + rho) s s^T.
 * With `first`, H is first replaced by (y^T s / y^T y) I (eq. 6.20).
 *
 * Returns null, and the step keeps H_k, when y^T s <= 0 (or is not finite): the curvature condition
 * fails, no positive definite H satisfies the secant equation H y = s, and the update would make H
 * indefinite. The strong Wolfe conditions give y^T s >= (c2 - 1) alpha grad L . d > 0, so only
 * round-off gets here (float32 gradients near the loss floor).
 */
export function bfgsUpdate(H: Float64Array, s: ArrayLike<number>, y: ArrayLike<number>, first = false): Float64Array | null {
  const ys = dot(y, s);
  if (!(ys > 0) || !Number.isFinite(ys)) return null;
  const n = s.length;
  const gamma = ys / dot(y, y);
  const Hk = first ? identity(n).map((v) => v * gamma) : H;
  const rho = 1 / ys;
  const Hy = matVec(Hk, y);
  const c = rho * rho * dot(y, Hy) + rho;
  const H1 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) H1[i * n + j] = Hk[i * n + j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + c * s[i] * s[j];
  }
  return H1;
}

export const bfgs: Optimizer<'bfgs', BFGSState> = {
  id: 'bfgs',
  init: (p, oracle) => ({ ...evaluateFloat64At(p, oracle), H: identity(oracle.dim), updates: 0 }),
  step(state, oracle) {
    const { H, x, g, updates } = state;
    const d = matVec(H, g).map((v) => -v);
    const search = wolfeLineSearch(oracle, { x, loss: state.loss, g }, d, 1);
    if (!search.ok) return search.stop;
    const s = search.x.map((xi, i) => xi - x[i]);
    const y = search.g.map((gi, i) => gi - g[i]);
    const H1 = bfgsUpdate(H, s, y, updates === 0);
    return { ...acceptedState(search), H: H1 ?? H, updates: updates + (H1 ? 1 : 0) };
  },
};
