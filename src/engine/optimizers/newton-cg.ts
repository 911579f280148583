/**
 * Hessian-free Newton (line-search Newton-CG, Nocedal and Wright 2006, Algorithm 7.1; the CG solve
 * of seed 004):
 *   (H + damping I) d = grad L(p_k)  by cgIters steps of CG,   p_{k+1} = p_k - t d,
 * where every product H v is a Hessian-vector product by double backprop: H is never formed. CG
 * starts from 0 and stops early on negative curvature, keeping the direction found so far (the
 * gradient itself if that happens at once). t = 1, 1/2, 1/4, ... until the loss goes down: on a
 * non-convex loss (a net) a full step along such a direction can land anywhere. Halvings are
 * counted as rejected trials; after MAX_HALVINGS the run has stalled.
 */
import { stopMessage } from '../../catalog';
import { conjugateGradient } from '../linalg/cg';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, unchanged, type GradientState } from './first-order-state';

export const newtonCG: Optimizer<'newton-cg', GradientState> = {
  id: 'newton-cg',
  init: (p, oracle) => evaluateAt(p, oracle),
  step(state, oracle, { cgIters, damping }) {
    const { params } = state;
    const operator = {
      dim: oracle.dim,
      apply(v: Float64Array) {
        const Hv = tf.tidy(() => oracle.hvp(params, tf.tensor1d(Float64Array.from(v))));
        const out = Float64Array.from(Hv.dataSync(), (h, i) => h + damping * v[i]);
        Hv.dispose();
        return out;
      },
    };
    const { x: d } = conjugateGradient(operator, Float64Array.from(state.grad.dataSync()), cgIters);
    for (let rejected = 0, t = 1; rejected <= MAX_HALVINGS; rejected++, t /= 2) {
      const next = tf.sub(params, tf.tensor1d(Float64Array.from(d, (di) => t * di))) as tf.Tensor1D;
      if (unchanged(next, params)) break;
      if (oracle.loss(next) < state.loss) return { ...evaluateAt(next, oracle), rejected };
    }
    return { reason: 'stalled', message: stopMessage('stalled', `No step along the Newton-CG direction lowers the loss in ${tf.precisionName()}.`) };
  },
};

/** 2^-30 ~ 1e-9: a step that small moves float32 parameters by at most a few ulps. */
const MAX_HALVINGS = 30;
