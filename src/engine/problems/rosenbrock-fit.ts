/**
 * Chapter 1 (seed 000, cells 1-11): recover Rosenbrock's (a, b) from samples of
 *   z = (a - x)^2 + b (y - x^2)^2
 * on a grid. Residuals follow the seed, r = z - zhat, and loss = mean(r^2).
 */
import { PROBLEMS } from '../../catalog';
import { tf } from '../tf';
import type { Problem } from '../types';

export interface RosenbrockFitOptions {
  /** The true parameters that generate the data. */
  a: number;
  b: number;
  /** Coordinates used for both x and y: the data are the grid points (x, y). */
  grid: number[];
}

export const ROSENBROCK_FIT_DEFAULTS: RosenbrockFitOptions = { a: 2.5, b: 2.5, grid: [-2, 0, 2] };

export const rosenbrock = (x: number, y: number, a: number, b: number) => (a - x) ** 2 + b * (y - x * x) ** 2;

/** The data points, computed in float64 (the seed's grid with x outer, y inner). */
export function rosenbrockFitData({ a, b, grid }: RosenbrockFitOptions) {
  const points = grid.flatMap((x) => grid.map((y) => ({ x, y, z: rosenbrock(x, y, a, b) })));
  return { x: points.map((p) => p.x), y: points.map((p) => p.y), z: points.map((p) => p.z) };
}

export function createRosenbrockFit(options: RosenbrockFitOptions = ROSENBROCK_FIT_DEFAULTS): Problem {
  const data = rosenbrockFitData(options);
  const m = data.z.length;
  const x = tf.keep(tf.tensor1d(data.x));
  const y = tf.keep(tf.tensor1d(data.y));
  const z = tf.keep(tf.tensor1d(data.z));
  const ySubX2 = tf.keep(tf.tidy(() => tf.sub(y, tf.square(x))));

  /** P is [rows, 2]; rows = 1 broadcasts one (a, b) to every point, rows = m gives each its own. */
  const residuals = (P: tf.Tensor2D): tf.Tensor1D => {
    const [a, b] = tf.unstack(P, 1);
    const zhat = tf.add(tf.square(tf.sub(a, x)), tf.mul(b, tf.square(ySubX2)));
    return tf.sub(z, zhat) as tf.Tensor1D;
  };

  return {
    id: 'rosenbrock-fit',
    dim: 2,
    provides: PROBLEMS['rosenbrock-fit'].provides,
    residualCount: m,
    residualScale: 1 / m,
    residuals,
    loss: (p) => tf.mean(tf.square(residuals(tf.reshape(p, [1, 2])))) as tf.Scalar,
    dispose: () => tf.dispose([x, y, z, ySubX2]),
  };
}
