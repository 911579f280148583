/**
 * State shared by the quasi-Newton methods (BFGS, L-BFGS): float64 copies of the parameters and of
 * the gradient, read back once per evaluation, from which s = p_{k+1} - p_k and y = g_{k+1} - g_k
 * are formed in float64.
 */
import { norm2 } from '../linalg/dense';
import type { tf } from '../tf';
import type { Oracle, OptimizerState } from '../types';
import type { Accepted } from './line-search';

export interface QuasiNewtonState extends OptimizerState {
  /** p_k and grad L(p_k), as the parameters and the gradient hold them. */
  x: Float64Array;
  g: Float64Array;
  /** The line search's trials beyond the accepted one, in the step that made this state. */
  rejected: number;
}

/** The state at the start: loss and gradient at p. */
export function evaluateFloat64At(p: tf.Tensor1D, oracle: Oracle): QuasiNewtonState {
  const { loss, grad } = oracle.valueAndGrad(p);
  const g = Float64Array.from(grad.dataSync());
  grad.dispose();
  return { params: p, loss, gradNorm: norm2(g), x: Float64Array.from(p.dataSync()), g, rejected: 0 };
}

/** The state at a step the line search accepted. */
export const acceptedState = ({ params, loss, x, g, trials }: Accepted): QuasiNewtonState => ({ params, loss, gradNorm: norm2(g), x, g, rejected: trials - 1 });
