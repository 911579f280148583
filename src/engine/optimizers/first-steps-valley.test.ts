/**
 * The first steps of momentum, RMSProp and Newton-CG on the Rosenbrock valley (chapter 2) against
 * float64 hand computations with the closed-form gradient and Hessian. Tolerance: relative 1e-5 on
 * the parameters (float32 arithmetic over three steps).
 */
import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, type OptimizerId } from '../../catalog';
import { solve2 } from '../../testing/float64';
import { runToEnd } from '../../testing/run-to-end';
import { valley64 } from '../problems/rosenbrock-valley';
import { grad64, hess64 } from '../problems/rosenbrock-valley.float64';
import { NODE_BACKENDS, onBackend } from '../test-backends';

const START = [-1.2, 1];
const STEPS = 3;

const HAND: Partial<Record<OptimizerId, (hp: Record<string, number>) => number[][]>> = {
  momentum({ lr, momentum }) {
    let [v, p] = [[0, 0], START];
    return Array.from({ length: STEPS }, () => {
      const g = grad64(p);
      v = v.map((vi, i) => momentum * vi + g[i]);
      return (p = p.map((pi, i) => pi - lr * v[i]));
    });
  },
  rmsprop({ lr, rho, eps }) {
    let [s, p] = [[0, 0], START];
    return Array.from({ length: STEPS }, () => {
      const g = grad64(p);
      s = s.map((si, i) => rho * si + (1 - rho) * g[i] ** 2);
      return (p = p.map((pi, i) => pi - (lr * g[i]) / (Math.sqrt(s[i]) + eps)));
    });
  },
  'newton-cg'({ damping }) {
    // Two parameters: CG solves (H + damping I) d = g exactly; the backtracking halves t until the
    // loss goes down (the full step does, from these points).
    let p = START;
    return Array.from({ length: STEPS }, () => {
      const H = hess64(p);
      const d = solve2([[H[0][0] + damping, H[0][1]], [H[1][0], H[1][1] + damping]], grad64(p));
      let t = 1;
      while (valley64(p[0] - t * d[0], p[1] - t * d[1]) >= valley64(p[0], p[1])) t /= 2;
      return (p = p.map((pi, i) => pi - t * d[i]));
    });
  },
};

describe.each(NODE_BACKENDS)('first steps on the valley on %s', (backend) => {
  onBackend(backend);

  test.each(Object.keys(HAND) as OptimizerId[])('%s', (optimizer) => {
    const hp = chapterHyperparameters('rosenbrock-valley', optimizer);
    const records = runToEnd({ problem: 'rosenbrock-valley', optimizer, hp, start: START, maxSteps: STEPS, targetLoss: 0 }).records.slice(1);
    const hand = HAND[optimizer]!(hp);
    expect(records).toHaveLength(STEPS);
    records.forEach((r, k) =>
      hand[k].forEach((pi, i) => expect(Math.abs(r.params[i] - pi), `step ${k + 1} p${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(pi)))),
    );
  });
});
