/**
 * Chapter 4 (seed 002): Rahimi's ill-conditioned linear net. A two-layer linear net fitted to
 * data from a linear map whose rows are scaled from 1 down to 1e-5:
 *   A = diag(linspace(1, 1e-5, 10)) U,   U uniform [0, 1), 10 x 6,
 *   X: 6 x N standard normal (N = 1,000 samples),   Y = A X (10 x N),
 *   Yhat = W1 W2 X,  W1 10 x 6,  W2 6 x 6,   r = Y - Yhat (seed convention),   loss = sum(r^2).
 *
 * Flat parameter layout (dim = 60 + 36 = 96):
 *   [0, 60)    W1, 10 x 6 row-major: W1[i][j] at 6 i + j
 *   [60, 96)   W2, 6 x 6 row-major: W2[j][l] at 60 + 6 j + l
 *
 * Residual order (m = 10 N), output-major: r[i N + n] = Y[i][n] - Yhat[i][n] for output i, sample n.
 *
 * Data and initialisation come from one seeded stream (`random.ts`, mulberry32), all in float64:
 * first U (row-major, uniform [0, 1)), then X (row-major: X[0][0..N), X[1][0..N), ..., standard
 * normal), then the initial parameters in the flat layout order (W1 row-major, then W2
 * row-major). Initialisation: standard normal on every weight, as the seed's np.random.randn did
 * (not N(0, 1/fan_in)); the loss at the start is then ~2.5e5, the figure the chapter quotes.
 * Y = A X is formed in float64 and only then rounded to float32.
 */
import { PROBLEMS } from '../../catalog';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { Problem } from '../types';
import { createLinearNetNormalEquations } from './linear-net-normal-equations';

export interface RahimiLinearNetOptions {
  /** Seed of the data and the initialisation. */
  seed: number;
  /** Number of samples N (default 1,000). */
  samples?: number;
}

export const RAHIMI_LINEAR_NET_DEFAULTS = { samples: 1000, outputs: 10, inputs: 6, hidden: 6, smallestScale: 1e-5 } as const;

export interface RahimiLinearNetSetup {
  /** Outputs (10), inputs (6), hidden width (6), samples N. */
  outputs: number;
  inputs: number;
  hidden: number;
  samples: number;
  dim: number;
  /** A (outputs x inputs), row-major, float64. */
  A: number[];
  /** X (inputs x N), row-major, float64. */
  X: number[];
  /** Y = A X (outputs x N), row-major, float64. */
  Y: number[];
  initialParams: number[];
}

/** linspace(a, b, n) as NumPy computes it: a + k (b - a) / (n - 1). */
function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? b : a + (k * (b - a)) / (n - 1)));
}

/** The data and initial parameters for `options`, in float64 (shared with the float64 reference). */
export function rahimiLinearNetSetup(options: RahimiLinearNetOptions): RahimiLinearNetSetup {
  const { outputs, inputs, hidden, smallestScale } = RAHIMI_LINEAR_NET_DEFAULTS;
  const samples = options.samples ?? RAHIMI_LINEAR_NET_DEFAULTS.samples;
  const random = createRandom(options.seed);
  const scales = linspace(1, smallestScale, outputs);
  const U = Array.from({ length: outputs * inputs }, () => random.uniform(0, 1));
  const A = U.map((u, k) => scales[Math.floor(k / inputs)] * u);
  const X = Array.from({ length: inputs * samples }, () => random.normal());
  const Y = new Array<number>(outputs * samples).fill(0);
  for (let i = 0; i < outputs; i++) {
    for (let l = 0; l < inputs; l++) {
      const a = A[i * inputs + l];
      for (let n = 0; n < samples; n++) Y[i * samples + n] += a * X[l * samples + n];
    }
  }
  const dim = outputs * hidden + hidden * inputs;
  const initialParams = Array.from({ length: dim }, () => random.normal());
  return { outputs, inputs, hidden, samples, dim, A, X, Y, initialParams };
}

export function createRahimiLinearNet(options: RahimiLinearNetOptions): Problem {
  const setup = rahimiLinearNetSetup(options);
  const { outputs, inputs, hidden, samples, dim } = setup;
  const m = outputs * samples;
  const w1Size = outputs * hidden;

  // Constants: the targets, X as [1, N, 1, inputs] (sample n's column x_n as a row) and the
  // one-hot of the outputs, [outputs, 1, outputs, 1] (E[i, 0, i', 0] = [i = i']).
  const y = tf.keep(tf.tensor1d(setup.Y));
  const transposed = new Float64Array(samples * inputs);
  for (let n = 0; n < samples; n++) for (let l = 0; l < inputs; l++) transposed[n * inputs + l] = setup.X[l * samples + n];
  // The data as the tensors hold them: float32, or float64 on the float64 backend.
  const xRows = tf.storedValues(transposed);
  const x = tf.keep(tf.tensor4d(xRows, [1, samples, 1, inputs]));
  const e = tf.keep(tf.tensor4d(Float32Array.from({ length: outputs * outputs }, (_, k) => (k % (outputs + 1) === 0 ? 1 : 0)), [outputs, 1, outputs, 1]));

  /**
   * P is [rows, dim]; rows = 1 broadcasts one net to every residual, rows = m gives residual k its
   * own row (so one backward pass of sum(r) yields the whole Jacobian). The same broadcasting code
   * serves both, with P viewed as [Ro, Rn, dim] (Ro = Rn = 1, or Ro = outputs and Rn = N, which
   * is the output-major residual order):
   *   z = W2 x_n:        W2 [Ro, Rn, 6, 6] * x [1, N, 1, 6], summed over inputs  -> [Ro, N, 6]
   *   w = row i of W1:   W1 [Ro, Rn, 10, 6] * E [10, 1, 10, 1], summed over rows -> [10, Rn, 6]
   *   yhat[i, n] = w . z                                                         -> [10, N]
   * With rows = 1 nothing is repeated per output (the largest intermediate is N x 36); with
   * rows = m the largest is m x 60 (the one-hot selection), never m x 10 x 36.
   */
  const residuals = (P: tf.Tensor2D): tf.Tensor1D => {
    const rows = P.shape[0];
    if (rows !== 1 && rows !== m) throw new Error(`residuals: P needs 1 or ${m} rows, not ${rows}.`);
    const [ro, rn] = rows === 1 ? [1, 1] : [outputs, samples];
    const W1 = tf.reshape(tf.slice(P, [0, 0], [rows, w1Size]), [ro, rn, outputs, hidden]);
    const W2 = tf.reshape(tf.slice(P, [0, w1Size], [rows, hidden * inputs]), [ro, rn, hidden, inputs]);
    const z = tf.sum(tf.mul(W2, x), 3); // [Ro, N, hidden]
    const w = tf.sum(tf.mul(W1, e), 2); // [outputs, Rn, hidden]
    const yhat = tf.sum(tf.mul(w, z), 2); // [outputs, N]
    return tf.sub(y, tf.reshape(yhat, [m])) as tf.Tensor1D;
  };

  // The data's moments for batches of runs: loss = ||Y - W X||^2 with W = W1 W2 is
  // y.y + <W, W S - 2 Y X^T> with S = X X^T, so a step of R runs costs R x 10 x 6 x 6 instead
  // of R x 10 x N. Formed in float64 from the data the tensors hold.
  const moments = dataMoments(setup, xRows);
  const sxx = tf.keep(tf.tensor2d(moments.S, [inputs, inputs]));
  const twoYXt = tf.keep(tf.tensor2d(Float64Array.from(moments.YXt, (v) => 2 * v), [outputs, inputs]));
  const yy = tf.keep(tf.scalar(moments.yy));

  /**
   * Losses of R nets at once from the moments. In float32 the terms cancel as the loss falls:
   * the absolute error is ~1e-7 of y.y + |<W S, W>| (about 1e-3 on chapter 4 against first-order
   * losses above 20), so only first-order runs are batched; the least-squares steps, which go to
   * 1e-10, evaluate their residuals.
   */
  const lossBatch = (P: tf.Tensor2D): tf.Tensor1D => {
    const R = P.shape[0];
    const W1 = tf.reshape(tf.slice(P, [0, 0], [R, w1Size]), [R, outputs, hidden]);
    const W2 = tf.reshape(tf.slice(P, [0, w1Size], [R, hidden * inputs]), [R, hidden, inputs]);
    const W = tf.matMul(W1, W2); // [R, outputs, inputs]
    const WS = tf.reshape(tf.matMul(tf.reshape(W, [R * outputs, inputs]), sxx), [R, outputs, inputs]);
    return tf.add(yy, tf.sum(tf.mul(W, tf.sub(WS, twoYXt)), [1, 2])) as tf.Tensor1D;
  };

  return {
    id: 'rahimi-linear-net',
    dim,
    provides: PROBLEMS['rahimi-linear-net'].provides,
    residualCount: m,
    residualScale: 1,
    residuals,
    // From the data the tensors hold (X rounded as xRows is).
    normalEquations: createLinearNetNormalEquations(setup, tf.storedValues(setup.X)),
    lossBatch,
    loss: (p) => tf.sum(tf.square(residuals(tf.reshape(p, [1, dim])))) as tf.Scalar,
    initialParams: () => [...setup.initialParams],
    dispose: () => tf.dispose([y, x, e, sxx, twoYXt, yy]),
  };
}

/** S = X X^T, Y X^T and y.y in float64, from X (rows: sample n's inputs) and Y as the tensors hold them. */
function dataMoments(setup: RahimiLinearNetSetup, xRows: Float32Array | Float64Array) {
  const { outputs, inputs, samples } = setup;
  const Y = tf.storedValues(setup.Y);
  const S = new Float64Array(inputs * inputs);
  const YXt = new Float64Array(outputs * inputs);
  let yy = 0;
  for (let n = 0; n < samples; n++) {
    const x = xRows.subarray(n * inputs, (n + 1) * inputs);
    for (let l = 0; l < inputs; l++) for (let q = 0; q < inputs; q++) S[l * inputs + q] += x[l] * x[q];
    for (let i = 0; i < outputs; i++) {
      const yin = Y[i * samples + n];
      yy += yin * yin;
      for (let l = 0; l < inputs; l++) YXt[i * inputs + l] += yin * x[l];
    }
  }
  return { S, YXt, yy };
}
