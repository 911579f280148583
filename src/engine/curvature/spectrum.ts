/**
 * The curvature of a loss at parameters p, as eigenvalues (float64, ascending):
 *   - the Hessian H = d^2 L / dp^2, dense from dim Hessian-vector products (double backprop);
 *   - the Gauss-Newton matrix G of a least-squares loss L = s sum r_i^2 (s = residualScale):
 *       H = 2 s J^T J + 2 s sum_i r_i Hess(r_i) = G + (residual term),
 *     so G is H without the residuals' own curvature: positive semidefinite always, and equal to H
 *     where every r_i = 0 (a perfect fit);
 *   - the extremes of H by Lanczos on Hessian-vector products, for nets too large for a dense H.
 * spectrumSummary reads a spectrum the way the chapter talks about it: conditioning, numerical
 * rank (flat directions: symmetries of the model, parameters the data do not see) and negative
 * curvature (a saddle).
 */
import type { SpectrumSummary } from '../../catalog';
import { symmetricEigen } from '../linalg/eigen';
import { lanczos, type LanczosResult } from '../linalg/lanczos';
import { tf } from '../tf';
import type { Oracle } from '../types';

/**
 * The eigenvalues of the dense Hessian at p, ascending. It costs dim Hessian-vector products
 * (oracle.hessian; chapter 4's 96 took 8 s on cpu64 and 21 s on cpu, measured): for nets, lanczosSpectrum.
 */
export function hessianSpectrum(oracle: Oracle, p: tf.Tensor1D): Float64Array {
  return symmetricEigen(oracle.hessian(p), oracle.dim).values;
}

/**
 * The eigenvalues of G = 2 s J^T J at p, ascending, from the oracle's normal equations (the
 * problem's closed form when it has one). Throws for a problem without residuals.
 */
export function gaussNewtonSpectrum(oracle: Oracle, p: tf.Tensor1D): Float64Array {
  const { JtJ, scale } = oracle.normalEquations(p);
  return symmetricEigen(
    JtJ.map((x) => 2 * scale * x),
    oracle.dim,
  ).values;
}

/**
 * The k smallest and k largest eigenvalues of H at p by `iterations` Lanczos steps on the
 * oracle's Hessian-vector products (one product a step, in the backend's precision; vectors in
 * float64 between steps). Each Ritz pair comes with its residual |H y - theta y|: an eigenvalue of
 * H lies within it, so a small residual marks a converged value.
 */
export function lanczosSpectrum(oracle: Oracle, p: tf.Tensor1D, k: number, iterations: number, seed = 1): LanczosResult {
  const apply = (v: Float64Array): Float64Array => {
    const Hv = tf.tidy(() => oracle.hvp(p, tf.tensor1d(v)));
    // Read outside the tidy: tidy would walk the returned array's entries looking for tensors.
    const out = Float64Array.from(Hv.dataSync());
    Hv.dispose();
    return out;
  };
  return lanczos({ dim: oracle.dim, apply }, iterations, { k, seed });
}

/**
 * The default relative tolerance for `spectrumSummary`: n eps of the precision the matrix was
 * computed in (NumPy's matrix_rank rule). Every entry of a Hessian from float32 products carries
 * float32 rounding (eps = 2^-23), so its eigenvalues move by up to about n eps32 |H|; an
 * eigenvalue below that is indistinguishable from zero. From float64 (cpu64) products the same
 * rule with eps = 2^-52. The default precision is the current backend's.
 * For G = 2 s J^T J formed in float64 from a float32 J the rule is conservative: a float32 J moves
 * an eigenvalue sigma^2 by about eps32 sigma |J|, not eps32 |J|^2, so small eigenvalues are better
 * resolved than it assumes (chapter 3's smallest, 2.6e-11 of the largest, comes out within 1e-4 of
 * itself in float32 and still counts as zero). Pass a smaller tolerance to count them.
 */
export function rankTolerance(n: number, precision: 'float32' | 'float64' = tf.precisionName()): number {
  return n * (precision === 'float64' ? Number.EPSILON : 2 ** -23);
}

/** Summarises a spectrum; `tolerance` is relative to the largest |lambda| (see rankTolerance). */
export function spectrumSummary(values: ArrayLike<number>, tolerance: number = rankTolerance(values.length)): SpectrumSummary {
  const size = values.length;
  if (Array.from(values).some((lambda) => !Number.isFinite(lambda))) {
    // A failed decomposition (a non-finite Hessian entry): nothing to summarise.
    return { size, smallest: NaN, largest: NaN, threshold: NaN, positive: NaN, zero: NaN, negative: NaN, rank: NaN, conditionNumber: NaN, rangeConditionNumber: NaN };
  }
  let [smallest, largest, top] = [Infinity, -Infinity, 0];
  for (let i = 0; i < size; i++) {
    smallest = Math.min(smallest, values[i]);
    largest = Math.max(largest, values[i]);
    top = Math.max(top, Math.abs(values[i]));
  }
  const threshold = tolerance * top;
  let [positive, negative, bottom] = [0, 0, Infinity];
  for (let i = 0; i < size; i++) {
    const lambda = values[i];
    if (Math.abs(lambda) <= threshold) continue;
    if (lambda > 0) positive++;
    else negative++;
    bottom = Math.min(bottom, Math.abs(lambda));
  }
  const rank = positive + negative;
  return {
    size,
    smallest: size ? smallest : NaN,
    largest: size ? largest : NaN,
    threshold,
    positive,
    zero: size - rank,
    negative,
    rank,
    conditionNumber: size === 0 ? NaN : rank < size ? Infinity : top / bottom,
    rangeConditionNumber: rank === 0 ? NaN : top / bottom,
  };
}
