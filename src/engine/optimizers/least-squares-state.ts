/** State of the least-squares methods: residuals and Jacobian at params, in float64. */
import { norm2 } from '../linalg/dense';
import type { tf } from '../tf';
import type { Oracle, OptimizerState } from '../types';

export interface LeastSquaresState extends OptimizerState {
  /** J^T J and J^T r at params (r = z - zhat, J = dr/dp), float64. */
  JtJ: Float64Array;
  Jtr: Float64Array;
}

/** Evaluates the normal equations at p; the gradient of scale * sum(r^2) is 2 scale J^T r. */
export function evaluateResidualsAt(p: tf.Tensor1D, oracle: Oracle): LeastSquaresState {
  const { JtJ, Jtr, scale, loss } = oracle.normalEquations(p);
  return { params: p, loss, JtJ, Jtr, gradNorm: 2 * scale * norm2(Jtr) };
}
