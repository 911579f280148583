/**
 * L-BFGS (Nocedal and Wright 2006, Algorithm 7.5): BFGS whose inverse-Hessian estimate H_k is never
 * formed. It keeps the last m pairs
 *   s_i = p_{i+1} - p_i,   y_i = grad L(p_{i+1}) - grad L(p_i),   rho_i = 1 / (y_i^T s_i),
 * and the two-loop recursion (Algorithm 7.4) applies H_k, the BFGS update (eq. 6.17) of
 * H_k^0 = gamma_k I by those pairs, to the gradient in 4 m n multiply-adds:
 *   gamma_k = s_{k-1}^T y_{k-1} / y_{k-1}^T y_{k-1}                            (eq. 7.20)
 *   d_k = -H_k grad L(p_k),   p_{k+1} = p_k + alpha_k d_k   (alpha_k: strong Wolfe, line-search.ts)
 * m is the hyperparameter `memory`. With no pair yet, d_0 = -grad L. Every line search tries
 * alpha = 1 first, as in bfgs.ts.
 *
 * Vectors are float64 JS arrays: p and the gradient are read back once per evaluation. A pair with
 * y^T s <= 0 (only round-off makes one under the Wolfe conditions, as in bfgs.ts) is not kept: it
 * would make H_k indefinite.
 */
import type { Optimizer } from '../types';
import { dot, wolfeLineSearch } from './line-search';
import { acceptedState, evaluateFloat64At, type QuasiNewtonState } from './quasi-newton-state';

export interface LBFGSState extends QuasiNewtonState {
  /** The last m pairs, oldest first, and rho_i = 1 / (y_i^T s_i). */
  s: readonly Float64Array[];
  y: readonly Float64Array[];
  rho: readonly number[];
}

/** H_k g by the two-loop recursion (Algorithm 7.4), from the pairs oldest first; g itself with none. */
export function twoLoop(g: ArrayLike<number>, s: readonly Float64Array[], y: readonly Float64Array[], rho: readonly number[]): Float64Array {
  const k = s.length;
  const q = Float64Array.from(g);
  const alpha = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    alpha[i] = rho[i] * dot(s[i], q);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * y[i][j];
  }
  const gamma = k ? dot(s[k - 1], y[k - 1]) / dot(y[k - 1], y[k - 1]) : 1;
  const r = q.map((qj) => gamma * qj);
  for (let i = 0; i < k; i++) {
    const beta = rho[i] * dot(y[i], r);
    for (let j = 0; j < r.length; j++) r[j] += s[i][j] * (alpha[i] - beta);
  }
  return r;
}

export const lbfgs: Optimizer<'lbfgs', LBFGSState> = {
  id: 'lbfgs',
  init: (p, oracle) => ({ ...evaluateFloat64At(p, oracle), s: [], y: [], rho: [] }),
  step(state, oracle, { memory }) {
    const { x, g } = state;
    const d = twoLoop(g, state.s, state.y, state.rho).map((v) => -v);
    const search = wolfeLineSearch(oracle, { x, loss: state.loss, g }, d, 1);
    if (!search.ok) return search.stop;
    const s = search.x.map((xi, i) => xi - x[i]);
    const y = search.g.map((gi, i) => gi - g[i]);
    const ys = dot(y, s);
    const keep = ys > 0 && Number.isFinite(ys);
    const last = <T>(list: readonly T[], item: T) => (keep ? [...list, item].slice(-memory) : list);
    return { ...acceptedState(search), s: last(state.s, s), y: last(state.y, y), rho: last(state.rho, 1 / ys) };
  },
};
