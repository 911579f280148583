/**
 * Adam (Kingma and Ba 2015), in the form TensorFlow 1 implements and the seed notebook ran:
 *   m_k = m_{k-1} + (g_k - m_{k-1}) (1 - b1)        v_k = v_{k-1} + (g_k^2 - v_{k-1}) (1 - b2)
 *   lr_k = lr sqrt(1 - b2^k) / (1 - b1^k)          p_{k+1} = p_k - lr_k m_k / (sqrt(v_k) + eps)
 *
 * Epsilon placement (the hyperparameter epsPlacement). 0, the default: eps is added to sqrt(v_k)
 * *before* the bias correction (the paper's "epsilon hat", TF1's form), because it is the form
 * that produced the seed's printed log, which our tests check. 1: the paper's Algorithm 1 (and
 * PyTorch's), eps added *after* it:
 *   m_hat = m_k / (1 - b1^k),   v_hat = v_k / (1 - b2^k),   p_{k+1} = p_k - lr m_hat / (sqrt(v_hat) + eps),
 * which is the update above with eps replaced by eps sqrt(1 - b2^k): so one kernel computes both,
 * with eps_k = eps (paper sqrt(1 - b2^k) + tf1), where (paper, tf1) is (0, 1) or (1, 0) per row.
 * For TF1 the products by 1 and 0 are exact, and its steps are bit for bit what they were; for the
 * paper's form the rounding differs from a literal m_hat / (sqrt(v_hat) + eps) by a few ulps. Late
 * in a run sqrt(1 - b2^k) is near 1 and the forms agree; early on the paper's eps is smaller.
 *
 * TF1 held lr, b1, b2 and eps as float32 tensors (cast to the variables' float64 in the seed), and
 * the powers b1^k, b2^k as float32 variables multiplied step by step; here too, on every backend,
 * so that the float64 backend reproduces the seed's float64 log. Both placements keep that, so
 * they differ in where eps goes only.
 */
import { tf } from '../tf';
import { firstOrderOptimizer, type FirstOrderRule } from './first-order-rule';

export const adamRule: FirstOrderRule<'adam'> = {
  // float32 hyperparameters as in TF1; 1 - b is then exact in float32 and in float64 alike.
  coefficients: ({ lr, b1, b2, eps, epsPlacement }) => {
    const [lr32, b132, b232, eps32] = [lr, b1, b2, eps].map(Math.fround);
    // Anything but 1 is TF1's form: a run spec written before the choice existed has none.
    const paper = epsPlacement === 1 ? 1 : 0;
    return { lr: lr32, b1: b132, b2: b232, eps: eps32, oneMinusB1: 1 - b132, oneMinusB2: 1 - b232, paper, tf1: 1 - paper };
  },
  init: (p, one) => ({ m: tf.zerosLike(p), v: tf.zerosLike(p), b1p: one(), b2p: one() }),
  update(p, g, { m, v, b1p, b2p }, { lr, b1, b2, eps, oneMinusB1, oneMinusB2, paper, tf1 }) {
    const b1p1 = tf.toFloat32Values(tf.mul(b1p, b1));
    const b2p1 = tf.toFloat32Values(tf.mul(b2p, b2));
    const m1 = tf.add(m, tf.mul(tf.sub(g, m), oneMinusB1));
    const v1 = tf.add(v, tf.mul(tf.sub(tf.square(g), v), oneMinusB2));
    const sqrtOneMinusB2p = tf.sqrt(tf.sub(1, b2p1));
    const lrK = tf.div(tf.mul(lr, sqrtOneMinusB2p), tf.sub(1, b1p1));
    const epsK = tf.mul(eps, tf.add(tf.mul(paper, sqrtOneMinusB2p), tf1));
    // (m lr) / (sqrt(v) + eps), in the order of TF1's ApplyAdam kernel.
    const next = tf.sub(p, tf.div(tf.mul(m1, lrK), tf.add(tf.sqrt(v1), epsK)));
    return { next, state: { m: m1, v: v1, b1p: b1p1, b2p: b2p1 } };
  },
};

export const adam = firstOrderOptimizer('adam', adamRule);
