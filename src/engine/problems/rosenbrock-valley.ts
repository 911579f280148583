/**
 * Chapter 2: the classic Rosenbrock function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 (Rosenbrock
 * 1960), minimum at (1, 1), in residual form r = (1 - x, 10 (y - x^2)) so that f = r_1^2 + r_2^2
 * and Gauss-Newton and Levenberg-Marquardt apply.
 */
import { PROBLEMS } from '../../catalog';
import { tf } from '../tf';
import type { Problem } from '../types';

export const valley64 = (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

export function createRosenbrockValley(): Problem {
  const eye = tf.keep(tf.eye(2));

  /** P is [rows, 2]: rows = 1 gives both residuals the same (x, y); rows = 2 gives residual i row i. */
  const residuals = (P: tf.Tensor2D): tf.Tensor1D => {
    const [x, y] = tf.unstack(P, 1);
    const both = tf.stack([tf.sub(1, x), tf.mul(10, tf.sub(y, tf.square(x)))], 1);
    // Residual i of row i: the diagonal of [rows, 2] (broadcast when rows = 1).
    return tf.sum(tf.mul(both, eye), 1) as tf.Tensor1D;
  };

  return {
    id: 'rosenbrock-valley',
    dim: 2,
    provides: PROBLEMS['rosenbrock-valley'].provides,
    residualCount: 2,
    residualScale: 1,
    residuals,
    loss: (p) => tf.sum(tf.square(residuals(tf.reshape(p, [1, 2])))) as tf.Scalar,
    dispose: () => eye.dispose(),
  };
}
