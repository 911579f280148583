/**
 * Preconditioned SGD of Mandt, Hoffman and Blei (2017, arXiv 1704.04289), as seed 001 runs it,
 * for M models at once (rows of P). Each step, every model draws a minibatch of B examples and one
 * more example; with g the minibatch gradient and g1 the single example's,
 *   C <- (1 - k_t) C + k_t (g1 - g)^2,   k_t = k / t,            (the gradient-noise estimate)
 *   P <- P - lr * mask * H * g,           H = 2 B / (N C),        (corollary 3's preconditioner)
 * elementwise, N the number of parameters per model. t starts at 10 and counts weight updates. As
 * in the seed, the first step of every fit updates C only; C starts uniform in [0, sqrt(6 / N)].
 * mask is 1 where a parameter is optimized and 0 where it is pruned or disabled.
 *
 * As a rule of first-order-rule.ts its state is C, t, mask and `on` (0 before the first step of a
 * fit, 1 after: the weights move by lr * on * ..., and t counts the steps that moved them), so one
 * rule steps one run, the race's row and a sweep's hundred models alike.
 */
import { tf } from '../tf';
import { firstOrderOptimizer, type FirstOrderRule, type Tensors } from './first-order-rule';

/** The initial noise estimate of rows x n parameters: uniform in [0, sqrt(6 / n)] from a seeded float64 source, row after row. */
export function initialCValues(rows: number, n: number, uniform: () => number): Float64Array {
  const bound = Math.sqrt(6 / n);
  return Float64Array.from({ length: rows * n }, () => uniform() * bound);
}

/** initialCValues as a tensor [rows, n]. */
export function initialC(rows: number, n: number, uniform: () => number): tf.Tensor2D {
  return tf.tensor2d(initialCValues(rows, n, uniform), [rows, n]);
}

/**
 * The update for parameters p of any layout, n parameters per model: the rule's (n from p's last
 * axis), and the sweep trainer's, whose models' parameters are interleaved in one vector (t and on
 * scalars there, since its models step together).
 */
export function psgdUpdate(p: tf.Tensor, g: tf.Tensor, g1: tf.Tensor, { C, t, mask, on }: Tensors, { lr, batch, k }: Tensors, n: number) {
  const kt = tf.div(k, t);
  const C1 = tf.add(tf.mul(tf.sub(1, kt), C), tf.mul(kt, tf.square(tf.sub(g1, g))));
  const H = tf.div(tf.mul(batch, 2 / n), C1);
  const next = tf.sub(p, tf.mul(tf.mul(lr, on), tf.mul(mask, tf.mul(H, g))));
  return { next, state: { C: C1, t: tf.add(t, on), mask, on: tf.onesLike(on) } };
}

export const psgdRule: FirstOrderRule<'psgd'> = {
  coefficients: ({ lr, batch, k }) => ({ lr, batch, k }),
  minibatch: ({ batch }) => batch,
  init(p, one, uniform) {
    const n = p.shape[p.rank - 1];
    const rows = p.rank === 1 ? 1 : p.shape[0];
    return { C: tf.reshape(initialC(rows, n, uniform), p.shape), t: tf.mul(one(), 10), mask: tf.onesLike(p), on: tf.zerosLike(one()) };
  },
  update(p, g, state, coefficients, g1) {
    if (!g1) throw new Error('Preconditioned SGD needs the gradient on one more example.');
    return psgdUpdate(p, g, g1, state, coefficients, p.shape[p.rank - 1]);
  },
};

export const psgd = firstOrderOptimizer('psgd', psgdRule);
