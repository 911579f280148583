/**
 * Chapter 3 (seed 000, cells 12-20): a 2-H-1 net with a tanh hidden layer (H = 10) fitted to
 * random samples of Rosenbrock's function
 *   z = (a - x)^2 + b (y - x^2)^2,   a = b = 2.5,   (x, y) uniform in [-2, 2]^2,
 *   zhat = W2^T tanh(W1^T [x, y] + b1) + b2,   r = z - zhat (seed convention),   loss = mean(r^2).
 *
 * Flat parameter layout (dim = 4 H + 1 = 41):
 *   [0, 2H)     W1, 2 x H row-major: W1[0][j] (weight of x into unit j) at j, W1[1][j] (of y) at H + j
 *   [2H, 3H)    b1[j]
 *   [3H, 4H)    W2[j] (unit j into the output)
 *   4H          b2
 *
 * Data and initialisation come from one seeded stream (`random.ts`, mulberry32): first the
 * training points (x then y per point), then the validation points, then the initial parameters.
 * Initialisation: Xavier (Glorot) uniform, U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), on
 * every tensor as the seed's tf.contrib.layers.xavier_initializer did (biases included, with
 * TF's fans: b1 of shape [1, H] has fan_in 1, fan_out H; b2 of shape [1] has fan_in = fan_out = 1).
 * Drawn in the order W1 (row-major), b1, W2, b2, which is the flat layout.
 */
import { PROBLEMS } from '../../catalog';
import { tanh } from '../autodiff/ops';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { Problem } from '../types';
import { rosenbrock } from './rosenbrock-fit';

export interface NetOnRosenbrockOptions {
  /** Seed of the data and the initialisation. */
  seed: number;
  /** Number of training points (default 500). */
  train?: number;
  /** Number of validation points (default 500). */
  validation?: number;
  /** Hidden units (default 10). */
  hidden?: number;
}

export const NET_ON_ROSENBROCK_DEFAULTS = { train: 500, validation: 500, hidden: 10, a: 2.5, b: 2.5 } as const;

export interface NetData {
  x: number[];
  y: number[];
  /** float64 targets. */
  z: number[];
}

export interface NetOnRosenbrockSetup {
  hidden: number;
  dim: number;
  train: NetData;
  validation: NetData;
  initialParams: number[];
}

/** The data and initial parameters for `options`, in float64 (shared with the float64 reference). */
export function netOnRosenbrockSetup(options: NetOnRosenbrockOptions): NetOnRosenbrockSetup {
  const { train = NET_ON_ROSENBROCK_DEFAULTS.train, validation = NET_ON_ROSENBROCK_DEFAULTS.validation, hidden = NET_ON_ROSENBROCK_DEFAULTS.hidden } = options;
  const { a, b } = NET_ON_ROSENBROCK_DEFAULTS;
  const random = createRandom(options.seed);
  const points = (n: number): NetData => {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      x.push(random.uniform(-2, 2));
      y.push(random.uniform(-2, 2));
    }
    return { x, y, z: x.map((xi, i) => rosenbrock(xi, y[i], a, b)) };
  };
  const trainData = points(train);
  const validationData = points(validation);
  const xavier = (count: number, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Array.from({ length: count }, () => random.uniform(-limit, limit));
  };
  const initialParams = [...xavier(2 * hidden, 2, hidden), ...xavier(hidden, 1, hidden), ...xavier(hidden, hidden, 1), ...xavier(1, 1, 1)];
  return { hidden, dim: 4 * hidden + 1, train: trainData, validation: validationData, initialParams };
}

/**
 * The net's output zhat [N, 1] at inputs x, y [N, 1] for parameters P [rows, dim]: rows = 1
 * broadcasts one net to every point, rows = N gives point i its own row (so one backward pass of
 * sum(zhat) yields every point's parameter gradient). Each block of P is [rows, H] (or [rows, 1])
 * and broadcasts against the [N, 1] data columns.
 */
function netOutput(P: tf.Tensor2D, x: tf.Tensor2D, y: tf.Tensor2D, hidden: number): tf.Tensor2D {
  const rows = P.shape[0];
  const H = hidden;
  const w1x = tf.slice(P, [0, 0], [rows, H]);
  const w1y = tf.slice(P, [0, H], [rows, H]);
  const b1 = tf.slice(P, [0, 2 * H], [rows, H]);
  const w2 = tf.slice(P, [0, 3 * H], [rows, H]);
  const b2 = tf.slice(P, [0, 4 * H], [rows, 1]);
  const h = tanh(tf.add(tf.add(tf.mul(x, w1x), tf.mul(y, w1y)), b1)); // [N, H]
  return tf.add(tf.sum(tf.mul(h, w2), 1, true), b2) as tf.Tensor2D; // [N, 1]
}

/** Constant tensors of one data set and its residual function r(P) = z - zhat(P). */
function netResiduals(data: NetData, hidden: number) {
  const m = data.z.length;
  const x = tf.keep(tf.tensor2d(data.x, [m, 1]));
  const y = tf.keep(tf.tensor2d(data.y, [m, 1]));
  const z = tf.keep(tf.tensor1d(data.z));
  /** P is [rows, dim], rows = 1 or m (netOutput). */
  const residuals = (P: tf.Tensor2D): tf.Tensor1D => tf.sub(z, tf.reshape(netOutput(P, x, y, hidden), [m])) as tf.Tensor1D;
  return { m, residuals, tensors: [x, y, z] };
}

export function createNetOnRosenbrock(options: NetOnRosenbrockOptions): Problem {
  const setup = netOnRosenbrockSetup(options);
  const { dim, hidden } = setup;
  const train = netResiduals(setup.train, hidden);
  const validation = netResiduals(setup.validation, hidden);
  const { m, residuals } = train;

  return {
    id: 'net-on-rosenbrock',
    dim,
    provides: PROBLEMS['net-on-rosenbrock'].provides,
    residualCount: m,
    residualScale: 1 / m,
    residuals,
    loss: (p) => tf.mean(tf.square(residuals(tf.reshape(p, [1, dim])))) as tf.Scalar,
    initialParams: () => [...setup.initialParams],
    validationLoss(p) {
      const r = tf.tidy(() => validation.residuals(tf.reshape(p, [1, dim])).dataSync());
      let s = 0;
      for (let i = 0; i < r.length; i++) s += r[i] * r[i];
      return s / validation.m;
    },
    predictSurface(p, n) {
      // The grid as a data set: its residuals z - zhat give the prediction zhat = z - r.
      const axis = Float64Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
      const grid: NetData = { x: [], y: [], z: [] };
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          grid.x.push(axis[i]);
          grid.y.push(axis[j]);
          grid.z.push(rosenbrock(axis[i], axis[j], NET_ON_ROSENBROCK_DEFAULTS.a, NET_ON_ROSENBROCK_DEFAULTS.b));
        }
      }
      const onGrid = netResiduals(grid, hidden);
      const r = tf.tidy(() => onGrid.residuals(tf.tensor2d(p, [1, dim])).dataSync());
      tf.dispose(onGrid.tensors);
      const truth = Float64Array.from(grid.z);
      return { x: axis, y: Float64Array.from(axis), truth, prediction: truth.map((z, k) => z - r[k]) };
    },
    predict(P, X) {
      const n = X.shape[0];
      return netOutput(P, tf.slice(X, [0, 0], [n, 1]), tf.slice(X, [0, 1], [n, 1]), hidden);
    },
    dispose: () => tf.dispose([...train.tensors, ...validation.tensors]),
  };
}
