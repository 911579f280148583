/**
 * Hessian-free Newton (Newton-CG, as in seed 004 and Martens 2010 without its extras):
 *   p_{k+1} = p_k - d,   (H + damping I) d = grad L(p_k)  solved by cgIters steps of CG,
 * where every product H v is a Hessian-vector product by double backprop: H is never formed.
 * CG starts from 0 and stops early on negative curvature, keeping the direction found so far.
 */
import { stopMessage } from '../../catalog';
import { conjugateGradient } from '../linalg/cg';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, unchanged, type GradientState } from './first-order-state';

export const newtonCG: Optimizer<GradientState> = {
  id: 'newton-cg',
  init: (p, oracle) => evaluateAt(p, oracle),
  step(state, oracle, { cgIters, damping }) {
    const { params } = state;
    const operator = {
      dim: oracle.dim,
      apply(v: Float64Array) {
        const Hv = tf.tidy(() => oracle.hvp(params, tf.tensor1d(Float32Array.from(v))));
        const out = Float64Array.from(Hv.dataSync(), (h, i) => h + damping * v[i]);
        Hv.dispose();
        return out;
      },
    };
    const { x: d } = conjugateGradient(operator, Float64Array.from(state.grad.dataSync()), cgIters);
    const next = tf.sub(params, tf.tensor1d(Float32Array.from(d))) as tf.Tensor1D;
    if (unchanged(next, params)) {
      return { reason: 'stalled', message: stopMessage('stalled', 'The Newton-CG step rounds to zero in float32.') };
    }
    return evaluateAt(next, oracle);
  },
};
