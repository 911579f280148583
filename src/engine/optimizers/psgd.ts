/**
 * Preconditioned SGD of Mandt, Hoffman and Blei (2017, arXiv 1704.04289), as seed 001 runs it,
 * for M models at once (rows of P). Each step, every model draws a minibatch of B examples and one
 * more example; with g the minibatch gradient and g1 the single example's,
 *   C <- (1 - k_t) C + k_t (g1 - g)^2,   k_t = k / t,            (the gradient-noise estimate)
 *   P <- P - lr * mask * H * g,           H = 2 B / (N C),        (corollary 3's preconditioner)
 * elementwise, N the number of parameters per model. t starts at 10 and counts weight updates. As
 * in the seed, the first step of every fit updates C only; C starts uniform in [0, sqrt(6 / N)].
 * mask is 1 where a parameter is optimized and 0 where it is pruned or disabled.
 */
import { tf } from '../tf';

export interface PsgdSettings {
  lr: number;
  /** Minibatch size B. */
  batch: number;
  /** k of k_t = k / t. */
  k: number;
}

export const PSGD_DEFAULTS: PsgdSettings = { lr: 0.01, batch: 32, k: 1 };

export interface PsgdState {
  /** Parameters [M, N]. */
  P: tf.Tensor2D;
  /** Gradient-noise variance estimate [M, N]. */
  C: tf.Tensor2D;
  /** 1 where a parameter is optimized, 0 where it is frozen [M, N]. */
  mask: tf.Tensor2D;
  /** t of k_t: 10 at the start, one more per weight update. */
  t: number;
}

/** The initial noise estimate: uniform in [0, sqrt(6 / N)] from a seeded float64 source. */
export function initialC(models: number, n: number, uniform: () => number): tf.Tensor2D {
  const bound = Math.sqrt(6 / n);
  return tf.tensor2d(Float64Array.from({ length: models * n }, () => uniform() * bound), [models, n]);
}

/**
 * One step from each model's minibatch gradient g and single-example gradient g1 ([M, N], at P);
 * `updateWeights` is false on the first step of a fit. Returns new tensors only (P, mask and the
 * inputs are not disposed).
 */
export function psgdStep(state: PsgdState, g: tf.Tensor2D, g1: tf.Tensor2D, settings: PsgdSettings, updateWeights: boolean): PsgdState {
  const n = state.P.shape[1];
  return tf.tidy(() => {
    const kt = settings.k / state.t;
    const C = tf.add(tf.mul(1 - kt, state.C), tf.mul(kt, tf.square(tf.sub(g1, g)))) as tf.Tensor2D;
    if (!updateWeights) return { ...state, C };
    const H = tf.div((2 * settings.batch) / n, C);
    const P = tf.sub(state.P, tf.mul(settings.lr, tf.mul(state.mask, tf.mul(H, g)))) as tf.Tensor2D;
    return { P, C, mask: state.mask, t: state.t + 1 };
  });
}
