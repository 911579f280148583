/**
 * The first steps of momentum, RMSProp and Newton-CG on the Rosenbrock valley (chapter 2) against
 * float64 hand computations with the closed-form gradient and Hessian. Tolerance: relative 1e-5 on
 * the parameters (float32 arithmetic over three steps).
 */
import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, type OptimizerId } from '../../catalog';
import { createRun } from '../run/run';
import { NODE_BACKENDS, onBackend } from '../test-backends';

const START = [-1.2, 1];
const STEPS = 3;
const grad64 = ([x, y]: number[]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
const hess64 = ([x, y]: number[]) => [[2 - 400 * (y - 3 * x * x), -400 * x], [-400 * x, 200]];
const valley64 = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
const solve2 = (A: number[][], b: number[]) => {
  const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
  return [(b[0] * A[1][1] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - b[0] * A[1][0]) / det];
};

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
      while (valley64(p.map((pi, i) => pi - t * d[i])) >= valley64(p)) t /= 2;
      return (p = p.map((pi, i) => pi - t * d[i]));
    });
  },
};

describe.each(NODE_BACKENDS)('first steps on the valley on %s', (backend) => {
  onBackend(backend);

  test.each(Object.keys(HAND) as OptimizerId[])('%s', (optimizer) => {
    const hp = chapterHyperparameters('rosenbrock-valley', optimizer);
    const run = createRun({ problem: 'rosenbrock-valley', optimizer, hp, start: START, maxSteps: STEPS, targetLoss: 0 });
    const records = run.advance(STEPS + 1).slice(1);
    run.dispose();
    const hand = HAND[optimizer]!(hp);
    expect(records).toHaveLength(STEPS);
    records.forEach((r, k) =>
      hand[k].forEach((pi, i) => expect(Math.abs(r.params[i] - pi), `step ${k + 1} p${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(pi)))),
    );
  });
});
