import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND, type ComputeBackend } from '../../catalog';
import { switchBackend } from '../backend';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import { abs, exp, sigmoid, tanh } from './ops';

/**
 * f(p) = sum_k phi(w_k . p) for a fixed 3 x 3 W has the closed-form Hessian
 *   H = sum_k phi''(w_k . p) w_k w_k^T,
 * the float64 reference for the Hessian-vector product by double backprop through our ops.
 */
const W = [[0.5, -0.3, 0.8], [-0.7, 0.2, 0.4], [0.1, 0.9, -0.6]];
const p0 = [0.4, -0.8, 1.1];
const v0 = [1, -2, 0.5];
const t = Math.tanh;
const sg = (u: number) => 1 / (1 + Math.exp(-u));
const second: Record<string, (u: number) => number> = {
  tanh: (u) => -2 * t(u) * (1 - t(u) ** 2),
  exp: (u) => Math.exp(u),
  sigmoid: (u) => sg(u) * (1 - sg(u)) * (1 - 2 * sg(u)),
};
const ops: Record<string, (x: tf.Tensor) => tf.Tensor> = { tanh, exp, sigmoid };

function hvp64(name: string): number[] {
  const out = [0, 0, 0];
  for (const w of W) {
    const u = w.reduce((s, wi, i) => s + wi * p0[i], 0);
    const wv = w.reduce((s, wi, i) => s + wi * v0[i], 0);
    w.forEach((wi, i) => (out[i] += second[name](u) * wv * wi));
  }
  return out;
}

describe.each(NODE_BACKENDS)('second-order-safe ops on %s', (backend) => {
  onBackend(backend);

  test.each(['tanh', 'exp', 'sigmoid'])('%s: value and Hessian-vector product match float64', (name) => {
    const op = ops[name];
    const Wt = tf.tensor2d(W);
    const f = (p: tf.Tensor) => tf.sum(op(tf.matMul(Wt, tf.reshape(p, [3, 1]))));
    const p = tf.tensor1d(p0);
    const v = tf.tensor1d(v0);
    const Hv = tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(q), v)))(p).dataSync());
    const expected = hvp64(name);
    // float32 through two backward passes: 1e-5 relative to the largest entry.
    const scale = Math.max(...expected.map(Math.abs));
    expected.forEach((e, i) => expect(Math.abs(Hv[i] - e)).toBeLessThanOrEqual(1e-5 * scale));
    const value = tf.tidy(() => f(p).dataSync()[0]);
    const ref = { tanh: t, exp: Math.exp, sigmoid: sg }[name]!;
    expect(value).toBeCloseTo(W.reduce((s, w) => s + ref(w.reduce((a, wi, i) => a + wi * p0[i], 0)), 0), 5);
    tf.dispose([Wt, p, v]);
  });
});

/**
 * The ops a user formula compiles to, ours (abs) and tfjs's own that we checked are safe as they
 * are (tan, atan, log, sqrt, sin, cos, reciprocal, square, pow with a constant exponent): the
 * Hessian-vector product of f(p) = sum_k phi(w_k . p) by double backprop against its closed form,
 * on the float32 backends and on cpu64 (float64, where it must agree to rounding).
 */
const W2 = [[0.5, 0.3, 0.8], [0.7, 0.2, 0.4], [0.1, 0.9, 0.6]];
const p2 = [0.3, 0.5, 0.6]; // every w_k . p in (0.5, 0.9): inside every op's domain, away from tan's pole
const formulaOps: Record<string, { op: (x: tf.Tensor) => tf.Tensor; value: (u: number) => number; second: (u: number) => number }> = {
  tan: { op: tf.tan, value: Math.tan, second: (u) => 2 * Math.tan(u) * (1 + Math.tan(u) ** 2) },
  atan: { op: tf.atan, value: Math.atan, second: (u) => (-2 * u) / (1 + u * u) ** 2 },
  abs: { op: abs, value: Math.abs, second: () => 0 },
  log: { op: tf.log, value: Math.log, second: (u) => -1 / u ** 2 },
  sqrt: { op: tf.sqrt, value: Math.sqrt, second: (u) => -0.25 * u ** -1.5 },
  sin: { op: tf.sin, value: Math.sin, second: (u) => -Math.sin(u) },
  cos: { op: tf.cos, value: Math.cos, second: (u) => -Math.cos(u) },
  reciprocal: { op: tf.reciprocal, value: (u) => 1 / u, second: (u) => 2 / u ** 3 },
  'pow 3': { op: (x) => tf.pow(x, tf.scalar(3)), value: (u) => u ** 3, second: (u) => 6 * u },
  'pow 2.5': { op: (x) => tf.pow(x, tf.scalar(2.5)), value: (u) => u ** 2.5, second: (u) => 2.5 * 1.5 * u ** 0.5 },
  'pow -1.5': { op: (x) => tf.pow(x, tf.scalar(-1.5)), value: (u) => u ** -1.5, second: (u) => -1.5 * -2.5 * u ** -3.5 },
};

describe.each([...NODE_BACKENDS, FLOAT64_BACKEND] as ComputeBackend[])('formula ops on %s: exact second order', (backend) => {
  beforeAll(async () => {
    if (!(await switchBackend(backend))) throw new Error(`${backend} did not start`);
  });
  const tol = backend === FLOAT64_BACKEND ? 1e-13 : 1e-5;

  test.each(Object.keys(formulaOps))('%s: value and Hessian-vector product match float64', (name) => {
    const { op, value, second } = formulaOps[name];
    const before = tf.memory().numTensors;
    const [Hv, f0] = tf.tidy(() => {
      const Wt = tf.tensor2d(W2);
      const v = tf.tensor1d(v0);
      const f = (p: tf.Tensor) => tf.sum(op(tf.matMul(Wt, tf.reshape(p, [3, 1]))));
      const hv = tf.grad((q: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(q), v)))(tf.tensor1d(p2));
      return [Array.from(hv.dataSync()), f(tf.tensor1d(p2)).dataSync()[0]];
    });
    expect(tf.memory().numTensors).toBe(before);
    const u = W2.map((w) => w.reduce((s, wi, i) => s + wi * p2[i], 0));
    const expected = [0, 0, 0];
    W2.forEach((w, k) => {
      const wv = w.reduce((s, wi, i) => s + wi * v0[i], 0);
      w.forEach((wi, i) => (expected[i] += second(u[k]) * wv * wi));
    });
    const scale = Math.max(1, ...expected.map(Math.abs));
    expected.forEach((e, i) => expect(Math.abs(Hv[i] - e), `Hv[${i}]`).toBeLessThanOrEqual(tol * scale));
    const f64 = u.reduce((s, uk) => s + value(uk), 0);
    expect(Math.abs(f0 - f64)).toBeLessThanOrEqual(tol * Math.abs(f64));
  });

  test('tan and atan take their values from Math on every backend (cpu64 by its own kernels)', () => {
    const xs = [-1.2, -0.4, 0, 0.3, 1.1];
    const [t, a] = tf.tidy(() => [tf.tan(tf.tensor1d(xs)).dataSync(), tf.atan(tf.tensor1d(xs)).dataSync()]);
    const exact = backend === FLOAT64_BACKEND;
    xs.forEach((x, i) => {
      expect(Math.abs(t[i] - Math.tan(x))).toBeLessThanOrEqual(exact ? 0 : 1e-6);
      expect(Math.abs(a[i] - Math.atan(x))).toBeLessThanOrEqual(exact ? 0 : 1e-6);
    });
  });

  test("abs: gradient sign(x), so 0 at the kink (tfjs's own abs gives -1 there)", () => {
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(abs(x)))(tf.tensor1d([-2, 0, 3])).dataSync());
    expect(Array.from(g)).toEqual([-1, 0, 1]);
    const tfjs = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.abs(x)))(tf.tensor1d([0])).dataSync());
    expect(tfjs[0]).toBe(-1);
  });

  test("tfjs's pow cannot give a second derivative in its exponent (why formulas use exp(b log a))", () => {
    const d2 = () => tf.tidy(() => tf.grad((b: tf.Tensor) => tf.grad((c: tf.Tensor) => tf.pow(tf.scalar(1.7), c))(b))(tf.scalar(1.3)));
    expect(d2).toThrow();
    const ours = tf.tidy(() => tf.grad((b: tf.Tensor) => tf.grad((c: tf.Tensor) => exp(tf.mul(c, Math.log(1.7))))(b))(tf.scalar(1.3)).dataSync()[0]);
    expect(Math.abs(ours - 1.7 ** 1.3 * Math.log(1.7) ** 2)).toBeLessThanOrEqual(tol * 2);
  });
});
