/**
 * The first steps of momentum, RMSProp and Newton-CG (one CG iteration: the damped steepest-descent
 * scaling) on the chapter-3 net, against float64 hand computations from the float64 reference net.
 * Tolerance: 1e-4 of the largest parameter change (float32 gradients over 500 points).
 */
import { describe, expect, test } from 'vitest';
import type { Hyperparameters, OptimizerId } from '../../catalog';
import { netOnRosenbrockSetup } from '../problems/net-on-rosenbrock';
import { net64 } from '../problems/net-on-rosenbrock.float64';
import { runToEnd } from '../../testing/run-to-end';
import { onBackend } from '../test-backends';

const SEED = 2;
const STEPS = 3;
const setup = netOnRosenbrockSetup({ seed: SEED });
const net = net64(setup.train, setup.hidden);
const P0 = setup.initialParams;

const CASES: [OptimizerId, Hyperparameters, () => number[][]][] = [
  ['momentum', { lr: 1e-3, momentum: 0.9 }, () => {
    let [v, p] = [P0.map(() => 0), P0];
    return Array.from({ length: STEPS }, () => {
      const g = net.grad(p);
      v = v.map((vi, i) => 0.9 * vi + g[i]);
      return (p = p.map((pi, i) => pi - 1e-3 * v[i]));
    });
  }],
  ['rmsprop', { lr: 1e-3, rho: 0.9, eps: 1e-8 }, () => {
    let [s, p] = [P0.map(() => 0), P0];
    return Array.from({ length: STEPS }, () => {
      const g = net.grad(p);
      s = s.map((si, i) => 0.9 * si + 0.1 * g[i] ** 2);
      return (p = p.map((pi, i) => pi - (1e-3 * g[i]) / (Math.sqrt(s[i]) + 1e-8)));
    });
  }],
  // One CG iteration from 0 gives d = (g.g / g.(H + damping I) g) g; then t halves until the loss drops.
  ['newton-cg', { cgIters: 1, damping: 1 }, () => {
    let p = P0;
    return Array.from({ length: STEPS }, () => {
      const g = net.grad(p);
      const Hg = net.hvp(p, g).map((h, i) => h + 1 * g[i]);
      const alpha = g.reduce((s, gi) => s + gi * gi, 0) / g.reduce((s, gi, i) => s + gi * Hg[i], 0);
      let t = 1;
      while (net.loss(p.map((pi, i) => pi - t * alpha * g[i])) >= net.loss(p)) t /= 2;
      return (p = p.map((pi, i) => pi - t * alpha * g[i]));
    });
  }],
];

describe('first steps on the chapter-3 net (wasm)', () => {
  onBackend('wasm');

  test.each(CASES)('%s', (optimizer, hp, hand) => {
    const { records } = runToEnd({ problem: 'net-on-rosenbrock', optimizer, hp, start: [], maxSteps: STEPS, targetLoss: 0, seed: SEED });
    const expected = hand();
    const scale = Math.max(...expected[0].map((p, i) => Math.abs(p - P0[i])));
    records.slice(1).forEach((r, k) =>
      expected[k].forEach((p, i) => expect(Math.abs(r.params[i] - p), `step ${k + 1} p${i}`).toBeLessThanOrEqual(1e-4 * Math.max(scale, 1e-3))),
    );
  });
});
