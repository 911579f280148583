/** State shared by methods that step along the gradient: the gradient at params is kept. */
import { norm2 } from '../linalg/dense';
import type { tf } from '../tf';
import type { Oracle, OptimizerState } from '../types';

export interface GradientState extends OptimizerState {
  grad: tf.Tensor1D;
}

/** Evaluates loss and gradient at p: the state every gradient method starts from and returns. */
export function evaluateAt(p: tf.Tensor1D, oracle: Oracle): GradientState {
  const { loss, grad } = oracle.valueAndGrad(p);
  return { params: p, loss, grad, gradNorm: norm2(grad.dataSync()) };
}

/**
 * True when the update left every parameter bit-identical: a fixed point for good for a method whose
 * step depends on p alone (Newton, Gauss-Newton). First-order rules carry state: stepRule's test.
 */
export function unchanged(a: tf.Tensor1D, b: tf.Tensor1D): boolean {
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
