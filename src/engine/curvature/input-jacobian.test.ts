/**
 * Input Jacobians (input-jacobian.ts) against central differences of float64 forward passes
 * written here (no tfjs), on cpu64 (float64 throughout: tight tolerances) and on a float32 backend
 * (the tolerance stated is what float32 gives):
 *   - chapter 3's net over a grid of the input plane, trained by 100 LM steps through the run loop,
 *     with the true surface's slopes beside it;
 *   - chapter 5's digits net, trained by preconditioned SGD (the chapter's trainer), for one test
 *     image: each class's 8 x 8 map of d softmax_c / d pixel, whose sum over classes is 0.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hyperparameters } from '../../catalog';
import { runToEnd } from '../../testing/run-to-end';
import { switchBackend } from '../backend';
import { onCpu64 } from '../float64/testing';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsMlp } from '../problems/digits-mlp';
import { CLASSES, layout, type NetShape } from '../problems/digits-net';
import { loadSplit } from '../problems/digits.fixture';
import { createNetOnRosenbrock } from '../problems/net-on-rosenbrock';
import { net64 } from '../problems/net-on-rosenbrock.float64';
import { createDigitsTrainer } from '../run/digits-trainer';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { digitSaliency, inputJacobian, surfaceSlopes } from './input-jacobian';

/** Chapter 3's float64 net at (x, y): the reference's residual of a target 0 is -zhat. */
const zhat64 = (p: number[], x: number, y: number) => -net64({ x: [x], y: [y], z: [0] }, 10).residuals(p)[0];

/** The digits net's class probabilities at one feature row, in float64. */
function probabilities64(shape: NetShape, p: ArrayLike<number>, x: ArrayLike<number>): number[] {
  const { inputs: d, hidden: h } = shape;
  const [w1, b1, w2, b2] = layout(shape);
  const hidden = Array.from({ length: h }, (_, j) => {
    let s = p[b1.at + j];
    for (let i = 0; i < d; i++) s += x[i] * p[w1.at + i * h + j];
    return Math.tanh(s);
  });
  const z = Array.from({ length: CLASSES }, (_, c) => hidden.reduce((s, hj, j) => s + hj * p[w2.at + j * CLASSES + c], p[b2.at + c]));
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Central differences of f at x along each coordinate: [outputs][inputs]. */
function differences(f: (x: number[]) => number[], x: number[], h: number): number[][] {
  const columns = x.map((_, j) => {
    const plus = [...x];
    const minus = [...x];
    plus[j] += h;
    minus[j] -= h;
    const [fp, fm] = [f(plus), f(minus)];
    return fp.map((v, c) => (v - fm[c]) / (2 * h));
  });
  return columns[0].map((_, c) => columns.map((col) => col[c]));
}

let split: DigitsSplit;
let net3: number[];
let net3Loss: number;
let digits: number[];
let digitsAccuracy: number;
const DIGITS_HIDDEN = 32;

beforeAll(async () => {
  split = await loadSplit();
  // Both nets trained once on wasm (the fast float32 backend); each describe then switches.
  if (!(await switchBackend('wasm'))) throw new Error('wasm did not start');
  const { last } = runToEnd({ problem: 'net-on-rosenbrock', optimizer: 'lm', hp: { mu0: 3 } as Hyperparameters, start: [], maxSteps: 100, targetLoss: -Infinity, seed: 2 });
  net3 = Array.from(last.params);
  net3Loss = last.loss;
  const trainer = createDigitsTrainer(split, { models: 1, seed: 1, hidden: DIGITS_HIDDEN });
  trainer.fit(400);
  digits = Array.from(trainer.model(0).params);
  digitsAccuracy = trainer.accuracy('test')[0];
  trainer.dispose();
});

describe.each([
  // [backend, tolerance of d zhat/d(x, y) against the differences, of max(1, |slope|)]. cpu64:
  // measured 2.2e-9, the differences' own error (h = 1e-5 on values up to ~100). cpu: the float32
  // net, measured 1.0e-5.
  ['cpu64', 1e-7],
  ['cpu', 1e-4],
] as const)('chapter 3 on %s: d zhat/d(x, y) over the grid', (backend, tol) => {
  if (backend === 'cpu64') onCpu64();
  else onBackend(backend);

  test(`equal central differences of the float64 net (${tol}); the grid is predictSurface's; beside the true slopes`, () => {
    const problem = createNetOnRosenbrock({ seed: 2 });
    const before = tf.memory().numTensors;
    const n = 21;
    const s = surfaceSlopes(problem, net3, n);
    expect(tf.memory().numTensors).toBe(before);
    // The same grid and layout as the surface the chapter draws.
    const surface = problem.predictSurface!(net3, n);
    expect(Array.from(s.x)).toEqual(Array.from(surface.x));
    expect(Array.from(s.truth)).toEqual(Array.from(surface.truth));
    let worstValue = 0;
    let worstSlope = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const k = j * n + i;
        const [x, y] = [s.x[i], s.y[j]];
        worstValue = Math.max(worstValue, Math.abs(s.prediction[k] - surface.prediction[k]) / Math.max(1, Math.abs(surface.prediction[k])));
        const [[dx, dy]] = differences(([u, v]) => [zhat64(net3, u, v)], [x, y], 1e-5);
        worstSlope = Math.max(worstSlope, Math.abs(s.dzdx[k] - dx) / Math.max(1, Math.abs(dx)), Math.abs(s.dzdy[k] - dy) / Math.max(1, Math.abs(dy)));
        // The true slopes, checked against differences of Rosenbrock itself.
        const [[tx, ty]] = differences(([u, v]) => [(2.5 - u) ** 2 + 2.5 * (v - u * u) ** 2], [x, y], 1e-5);
        expect(Math.abs(s.trueDzdx[k] - tx)).toBeLessThan(1e-8 * Math.max(1, Math.abs(tx)));
        expect(Math.abs(s.trueDzdy[k] - ty)).toBeLessThan(1e-8 * Math.max(1, Math.abs(ty)));
      }
    }
    // The net's slopes against the true ones: the RMS error relative to the RMS true slope.
    const rms = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((t, v) => t + v * v, 0) / a.length);
    const slopeError = rms([...Array.from(s.dzdx, (v, k) => v - s.trueDzdx[k]), ...Array.from(s.dzdy, (v, k) => v - s.trueDzdy[k])]) / rms([...s.trueDzdx, ...s.trueDzdy]);
    // The prediction is predictSurface's (measured: identical on cpu64, 5e-8 on cpu, where
    // predictSurface adds the float64 truth to float32 residuals).
    expect(worstValue).toBeLessThan(backend === 'cpu64' ? 1e-12 : 1e-6);
    expect(worstSlope).toBeLessThan(tol);
    // The trained net (training loss 0.0062) has the true slopes to 4.2% RMS (measured, both
    // backends): a net fitted to values only also learns the surface's derivatives, on this grid.
    expect(net3Loss).toBeLessThan(0.01);
    expect(slopeError).toBeLessThan(0.08);
    problem.dispose();
  });
});

describe.each([
  // [backend, tolerance of the maps against differences (of the largest |entry| over all
  // classes), of the probabilities and of each pixel's sum over classes (absolute)]. cpu64:
  // measured 3.6e-10 (the differences' truncation, h = 1e-5), 3e-17 and 4e-17; cpu (float32):
  // 3.3e-7, 4.2e-8 and 9.5e-9.
  ['cpu64', 1e-7, 1e-15],
  ['cpu', 1e-5, 1e-7],
] as const)('chapter 5 on %s: one image, each class map d softmax_c / d pixel', (backend, tol, sumTol) => {
  if (backend === 'cpu64') onCpu64();
  else onBackend(backend);

  test(`equal central differences of the float64 net (${tol}); every pixel's derivatives sum to 0 over the classes (${sumTol})`, () => {
    const problem = createDigitsMlp(split, { seed: 1, hidden: DIGITS_HIDDEN });
    const shape = problem.shape;
    const d = split.features;
    const image = 0;
    const features = Array.from(split.xTest.subarray(image * d, (image + 1) * d));
    const before = tf.memory().numTensors;
    const saliency = digitSaliency(problem, digits, features, split.kept);
    expect(tf.memory().numTensors).toBe(before);
    const p64 = probabilities64(shape, digits, features);
    // 400 steps of the chapter's preconditioned SGD: test accuracy 0.931 (measured); this image
    // is a 6, and the net says so.
    expect(digitsAccuracy).toBeGreaterThan(0.9);
    const argmax = saliency.probabilities.indexOf(Math.max(...saliency.probabilities));
    expect([split.yTest[image], argmax]).toEqual([6, 6]);
    expect(Math.max(...p64.map((v, c) => Math.abs(saliency.probabilities[c] - v)))).toBeLessThan(sumTol * 10);
    expect(Math.abs(saliency.probabilities.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(sumTol * 10);
    const fd = differences((x) => probabilities64(shape, digits, x), features, 1e-5);
    let top = 0;
    let worst = 0;
    let worstSum = 0;
    for (let c = 0; c < CLASSES; c++) {
      split.kept.forEach((pixel, j) => {
        top = Math.max(top, Math.abs(fd[c][j]));
        worst = Math.max(worst, Math.abs(saliency.maps[c][pixel] - fd[c][j]));
      });
    }
    for (let k = 0; k < 64; k++) worstSum = Math.max(worstSum, Math.abs(saliency.maps.reduce((s, map) => s + map[k], 0)));
    expect(worst / top).toBeLessThan(tol);
    // The largest entry is 0.052 per standardised unit: the probabilities sum to 1 at every
    // input, so each pixel's ten derivatives sum to 0.
    expect(worstSum).toBeLessThan(sumTol);
    // The pixels the split dropped (constant on the training split: 0, 32 and 39 here): the net
    // does not read them. The image is the features, placed at their pixels.
    const dropped = Array.from({ length: 64 }, (_, k) => k).filter((k) => !split.kept.includes(k));
    expect(dropped).toEqual([0, 32, 39]);
    for (const k of dropped) {
      expect(Number.isNaN(saliency.image[k])).toBe(true);
      for (const map of saliency.maps) expect(map[k]).toBe(0);
    }
    split.kept.forEach((pixel, j) => expect(saliency.image[pixel]).toBe(features[j]));
    problem.dispose();
  });
});

describe('inputJacobian and the digits predict on cpu64: several points and outputs', () => {
  onCpu64();
  test('N x K x D with row i the derivative at point i only; predict with one row of parameters per point is predict with one row for all', () => {
    const problem = createDigitsMlp(split, { seed: 1, hidden: DIGITS_HIDDEN });
    const d = split.features;
    const X = [0, 1, 2].map((i) => Array.from(split.xTest.subarray(i * d, (i + 1) * d)));
    const all = inputJacobian(problem, digits, X);
    const one = inputJacobian(problem, digits, [X[1]]);
    expect([all.points, all.outputs, all.inputs]).toEqual([3, 10, d]);
    expect(Array.from(all.jacobian.subarray(10 * d, 20 * d))).toEqual(Array.from(one.jacobian));
    const before = tf.memory().numTensors;
    const [shared, own] = tf.tidy(() => {
      const Xt = tf.tensor2d(X.flat(), [3, d]);
      const P = tf.tensor2d(digits, [1, problem.dim]);
      return [problem.predict(P, Xt).dataSync(), problem.predict(tf.tile(P, [3, 1]), Xt).dataSync()];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(own)).toEqual(Array.from(shared));
    expect(Array.from(shared)).toEqual(Array.from(all.values));
    problem.dispose();
  });
});
