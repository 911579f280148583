/**
 * The first steps of each optimizer on chapter 1 against a float64 hand computation of its update
 * (closed-form gradient, Hessian and Jacobian from rosenbrock-fit.float64, 2 x 2 solves by
 * Cramer's rule). Tolerance: relative 1e-5 on the parameters, the float32 engine's round-off over
 * a few steps (one float32 ulp is 6e-8 relative; the steps amplify it by at most ~100 here).
 */
import { describe, expect, test } from 'vitest';
import { parseExperiment, type OptimizerId, type RunSpec } from '../../catalog';
import { solve2 } from '../../testing/float64';
import { runToEnd } from '../../testing/run-to-end';
import { grad64, hessian64, jacobian64, loss64, residuals64 } from '../problems/rosenbrock-fit.float64';
import { NODE_BACKENDS, onBackend } from '../test-backends';

const START = [5, 5];
const STEPS = 3;

const sub = (p: number[], d: number[]) => p.map((pi, i) => pi - d[i]);
const normalEquations = (p: number[]) => {
  const J = jacobian64(p);
  const r = residuals64(p);
  const JtJ = [0, 1].map((i) => [0, 1].map((j) => J.reduce((s, Jk) => s + Jk[i] * Jk[j], 0)));
  const Jtr = [0, 1].map((i) => J.reduce((s, Jk, k) => s + Jk[i] * r[k], 0));
  return { JtJ, Jtr };
};

/**
 * Parameters after 1..n steps, and mu after each step where the method has one: every optimizer
 * that can run on chapter 1. Preconditioned SGD needs minibatches, which chapter 1 has not (its
 * first steps are checked against float64 in psgd.test.ts); BFGS and L-BFGS, whose steps come out
 * of a line search, have theirs in first-steps-quasi-newton.test.ts.
 */
type ChapterOneOptimizer = Exclude<OptimizerId, 'psgd' | 'bfgs' | 'lbfgs'>;
const HAND: Record<ChapterOneOptimizer, (n: number) => { params: number[][]; mu?: number[]; rejected?: number[] }> = {
  gd(n) {
    const lr = 5e-4;
    const params = [START];
    for (let k = 0; k < n; k++) params.push(sub(params[k], grad64(params[k]).map((g) => lr * g)));
    return { params: params.slice(1) };
  },
  momentum(n) {
    const [lr, beta] = [1e-4, 0.9];
    let [v, p] = [[0, 0], START];
    const params = [];
    for (let k = 0; k < n; k++) {
      const g = grad64(p);
      v = v.map((vi, i) => beta * vi + g[i]);
      p = p.map((pi, i) => pi - lr * v[i]);
      params.push(p);
    }
    return { params };
  },
  rmsprop(n) {
    const [lr, rho, eps] = [1e-2, 0.9, 1e-8];
    let [s, p] = [[0, 0], START];
    const params = [];
    for (let k = 0; k < n; k++) {
      const g = grad64(p);
      s = s.map((si, i) => rho * si + (1 - rho) * g[i] ** 2);
      p = p.map((pi, i) => pi - (lr * g[i]) / (Math.sqrt(s[i]) + eps));
      params.push(p);
    }
    return { params };
  },
  'newton-cg'(n) {
    // With 2 parameters, 10 CG iterations solve (H + damping I) d = g exactly.
    const damping = 1e-3;
    const params = [START];
    for (let k = 0; k < n; k++) {
      const H = hessian64(params[k]);
      params.push(sub(params[k], solve2([[H[0][0] + damping, H[0][1]], [H[1][0], H[1][1] + damping]], grad64(params[k]))));
    }
    return { params: params.slice(1) };
  },
  adam(n) {
    // TF1 (and the seed) held b1, b2, eps and the powers b1^t, b2^t as float32 variables: with
    // b2 = fround(0.999), 1 - b2 is off by 1.3e-5 relative, which moves p by 1e-4 on step 1.
    const [lr, b1, b2, eps] = [15, 0.9, 0.999, 1e-8].map(Math.fround);
    let [m, v, p] = [[0, 0], [0, 0], START];
    let [b1p, b2p] = [1, 1];
    const params = [];
    for (let t = 1; t <= n; t++) {
      const g = grad64(p);
      [b1p, b2p] = [Math.fround(b1p * b1), Math.fround(b2p * b2)];
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2);
      const lrT = (lr * Math.sqrt(1 - b2p)) / (1 - b1p);
      p = p.map((pi, i) => pi - (lrT * m[i]) / (Math.sqrt(v[i]) + eps));
      params.push(p);
    }
    return { params };
  },
  newton(n) {
    const params = [START];
    for (let k = 0; k < n; k++) params.push(sub(params[k], solve2(hessian64(params[k]), grad64(params[k]))));
    return { params: params.slice(1) };
  },
  'gauss-newton'(n) {
    const params = [START];
    for (let k = 0; k < n; k++) {
      const { JtJ, Jtr } = normalEquations(params[k]);
      params.push(sub(params[k], solve2(JtJ, Jtr)));
    }
    return { params: params.slice(1) };
  },
  lm(n) {
    let [p, mu] = [START, 3];
    const params = [];
    const mus = [];
    const rejected = [];
    for (let k = 0; k < n; k++) {
      const { JtJ, Jtr } = normalEquations(p);
      let count = 0;
      for (;;) {
        const trial = sub(p, solve2([[JtJ[0][0] + mu, JtJ[0][1]], [JtJ[1][0], JtJ[1][1] + mu]], Jtr));
        if (loss64(trial) <= loss64(p)) {
          [p, mu] = [trial, mu / 10];
          break;
        }
        mu *= 10;
        count++;
      }
      params.push(p);
      mus.push(mu);
      rejected.push(count);
    }
    return { params, mu: mus, rejected };
  },
};

describe.each(NODE_BACKENDS)('first steps on %s match float64 hand computations', (backend) => {
  onBackend(backend);

  test('preconditioned SGD is refused on chapter 1, with the reason', () => {
    const { stop, records } = runToEnd({ problem: 'rosenbrock-fit', optimizer: 'psgd', hp: { lr: 0.01, batch: 32, k: 1 }, start: START, maxSteps: STEPS, targetLoss: 0 });
    expect(records).toEqual([]);
    expect(stop).toEqual({ reason: 'error', message: 'Preconditioned SGD needs minibatches, which this problem does not provide.' });
  });

  test.each(Object.keys(HAND) as ChapterOneOptimizer[])('%s', (optimizer) => {
    // Chapter 1's settings for this optimizer (the seed's for gd and adam, the catalog's otherwise).
    const parsed = parseExperiment({ problem: 'rosenbrock-fit', runs: [{ optimizer }] });
    if (!parsed.ok) throw new Error(parsed.error);
    const spec: RunSpec = { problem: 'rosenbrock-fit', optimizer, hp: parsed.experiment.runs[0].hp, start: START, maxSteps: STEPS, targetLoss: 0 };
    const records = runToEnd(spec).records.slice(1);
    const hand = HAND[optimizer](STEPS);
    expect(records).toHaveLength(STEPS);
    records.forEach((rec, k) => {
      hand.params[k].forEach((pi, i) => expect(Math.abs(rec.params[i] - pi), `step ${k + 1} p${i}`).toBeLessThanOrEqual(1e-5 * Math.abs(pi)));
      // The recorded loss is the float64 loss of the recorded float32 parameters, up to the error
      // of the float32 residuals it is summed from: each is off by at most delta = 2e-5 (a few
      // float32 ulps of the largest z, 110.25), so |dL| <= 2 sqrt(L) delta + delta^2.
      const ref = loss64(Array.from(rec.params));
      const delta = 2e-5;
      expect(Math.abs(rec.loss - ref)).toBeLessThanOrEqual(1e-6 * ref + 2 * Math.sqrt(ref) * delta + delta ** 2);
      if (hand.mu) expect(rec.mu).toBeCloseTo(hand.mu[k], 12);
      if (hand.rejected) expect(rec.rejected).toBe(hand.rejected[k]);
    });
  });
});
