import { describe, expect, test } from 'vitest';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import { exp, sigmoid, tanh } from './ops';

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
