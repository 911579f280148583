/**
 * Input Jacobians of a trained model: d(output_c)/d(input_j) at input points, the sensitivity of
 * what the net says to what it is shown (seed 003's second question).
 *
 * Each point's outputs depend only on its own input row, so for one output c the gradient of
 * sum_i f_c(x_i) with respect to the input matrix X has row i equal to df_c(x_i)/dx_i: one
 * backward pass per output gives that output's row of the Jacobian at every point at once
 * (K passes for K outputs). Through problem.predict, in the backend's precision (float64 on cpu64).
 *
 * Two readings of it for the chapters:
 *   - chapter 3: d zhat/dx and d zhat/dy over an n x n grid of the input plane (row-major as
 *     predictSurface: entry j n + i is at (x_i, y_j)), beside the true surface's
 *       dz/dx = -2 (a - x) - 4 b x (y - x^2),   dz/dy = 2 b (y - x^2),   a = b = 2.5;
 *   - chapter 5: for one image, each class's 8 x 8 map of d softmax_c / d pixel, the image and
 *     the probabilities. The net sees standardised pixels ((value - mean) / std over the training
 *     split) and not the pixels constant on it, so the maps are per standardised unit, and a
 *     dropped pixel's entry is 0 (the net does not read it) and its image value NaN. The
 *     probabilities sum to 1 at every input, so each pixel's derivatives sum to 0 over classes.
 */
import { tf } from '../tf';
import type { Problem } from '../types';
import { NET_ON_ROSENBROCK_DEFAULTS } from '../problems/net-on-rosenbrock';
import { rosenbrock } from '../problems/rosenbrock-fit';

export interface InputJacobian {
  /** Points N, outputs K, inputs D. */
  points: number;
  outputs: number;
  inputs: number;
  /** f(x_i), N x K row-major. */
  values: Float64Array;
  /** d f_c(x_i) / d x_ij at (i K + c) D + j: N x K x D row-major. */
  jacobian: Float64Array;
}

/** The outputs and input Jacobian of the problem's model at `params` and the points X. */
export function inputJacobian(problem: Problem, params: ArrayLike<number>, X: readonly ArrayLike<number>[]): InputJacobian {
  const predict = problem.predict;
  if (!predict) throw new Error(`${problem.id} has no model to differentiate.`);
  const N = X.length;
  const D = X[0].length;
  const flat = new Float64Array(N * D);
  X.forEach((x, i) => flat.set(Array.from(x), i * D));
  const P = tf.tensor2d(Float64Array.from(params), [1, problem.dim]);
  const Xt = tf.tensor2d(flat, [N, D]);
  try {
    const out = tf.tidy(() => predict(P, Xt));
    const K = out.shape[1];
    const values = Float64Array.from(out.dataSync());
    out.dispose();
    const jacobian = new Float64Array(N * K * D);
    for (let c = 0; c < K; c++) {
      const G = tf.tidy(() => tf.grad((Y: tf.Tensor) => tf.sum(tf.slice(predict(P, Y as tf.Tensor2D), [0, c], [N, 1])))(Xt));
      const g = G.dataSync();
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) jacobian[(i * K + c) * D + j] = g[i * D + j];
      G.dispose();
    }
    return { points: N, outputs: K, inputs: D, values, jacobian };
  } finally {
    tf.dispose([P, Xt]);
  }
}

export interface SurfaceSlopes {
  /** The grid's axes (n each, from -2 to 2). */
  x: Float64Array;
  y: Float64Array;
  /** Row-major, entry j n + i at (x_i, y_j): the net's zhat and its slopes. */
  prediction: Float64Array;
  dzdx: Float64Array;
  dzdy: Float64Array;
  /** The true surface z = (a - x)^2 + b (y - x^2)^2 and its slopes, in float64. */
  truth: Float64Array;
  trueDzdx: Float64Array;
  trueDzdy: Float64Array;
}

/** Chapter 3: the net's d zhat/d(x, y) over an n x n grid of [-2, 2]^2, beside Rosenbrock's. */
export function surfaceSlopes(problem: Problem, params: ArrayLike<number>, n: number): SurfaceSlopes {
  const { a, b } = NET_ON_ROSENBROCK_DEFAULTS;
  const axis = Float64Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
  const points: [number, number][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) points.push([axis[i], axis[j]]);
  const { values, jacobian } = inputJacobian(problem, params, points);
  return {
    x: axis,
    y: Float64Array.from(axis),
    prediction: values,
    dzdx: Float64Array.from(points, (_, k) => jacobian[2 * k]),
    dzdy: Float64Array.from(points, (_, k) => jacobian[2 * k + 1]),
    truth: Float64Array.from(points, ([x, y]) => rosenbrock(x, y, a, b)),
    trueDzdx: Float64Array.from(points, ([x, y]) => -2 * (a - x) - 4 * b * x * (y - x * x)),
    trueDzdy: Float64Array.from(points, ([x, y]) => 2 * b * (y - x * x)),
  };
}

export interface DigitSaliency {
  /** The image as the net sees it, 8 x 8 row-major: standardised pixels, NaN where a pixel is dropped. */
  image: Float64Array;
  /** softmax probabilities of the 10 classes. */
  probabilities: Float64Array;
  /** maps[c][k] = d softmax_c / d (standardised pixel k), 8 x 8 row-major; 0 at dropped pixels. */
  maps: Float64Array[];
}

/**
 * Chapter 5: one image's class maps. `features` are the image's inputs as the net takes them
 * (a row of a DigitsSplit's xTrain or xTest), `kept` the split's kept pixels (features[j] is
 * pixel kept[j] of 64).
 */
export function digitSaliency(problem: Problem, params: ArrayLike<number>, features: ArrayLike<number>, kept: readonly number[], pixels = 64): DigitSaliency {
  const { outputs, values, jacobian } = inputJacobian(problem, params, [features]);
  const D = kept.length;
  const image = new Float64Array(pixels).fill(NaN);
  kept.forEach((k, j) => (image[k] = features[j]));
  const maps = Array.from({ length: outputs }, (_, c) => {
    const map = new Float64Array(pixels);
    kept.forEach((k, j) => (map[k] = jacobian[c * D + j]));
    return map;
  });
  return { image, probabilities: values, maps };
}
