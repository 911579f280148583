/**
 * The strong Wolfe line search: its pure parts (the conditions, the cubic step, the safeguards) on
 * numbers worked out by hand, and searches through the oracle on chapter 2's valley, whose
 * accepted steps are checked against the float64 closed form (rosenbrock-valley.float64).
 */
import { describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { createProblem } from '../problems';
import { valley64 } from '../problems/rosenbrock-valley';
import { grad64 } from '../problems/rosenbrock-valley.float64';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { C1, C2, cubicMinimizer, nextTrial, wolfeHolds, wolfeLineSearch, type LineSearchResult } from './line-search';

describe('the strong Wolfe conditions (wolfeHolds)', () => {
  // phi(0) = 1, phi'(0) = -1, alpha = 0.5: sufficient decrease needs phi <= 1 - 0.5 c1 = 0.99995.
  test.each([
    [0.5, -0.5, true],
    [0.99995, -0.5, true],
    [0.99996, -0.5, false],
    [0.5, 0.9, true],
    [0.5, -0.9, true],
    [0.5, 0.95, false],
    [0.5, -0.95, false],
    [NaN, -0.5, false],
    [0.5, NaN, false],
    [Infinity, -0.5, false],
  ])('phi(0.5) = %d, phi\'(0.5) = %d: %s', (phiA, dphiA, holds) => {
    expect(wolfeHolds(1, -1, 0.5, phiA, dphiA, C1, C2)).toBe(holds);
  });

  test('c1 and c2 are N&W\'s for quasi-Newton methods, and other values are taken', () => {
    expect([C1, C2]).toEqual([1e-4, 0.9]);
    expect(wolfeHolds(1, -1, 0.5, 0.5, -0.5)).toBe(true);
    expect(wolfeHolds(1, -1, 0.5, 0.9, -0.1, 0.25, 0.1)).toBe(false); // 0.9 > 1 - 0.125
    expect(wolfeHolds(1, -1, 0.5, 0.8, -0.1, 0.25, 0.1)).toBe(true);
    expect(wolfeHolds(1, -1, 0.5, 0.8, -0.2, 0.25, 0.1)).toBe(false);
  });
});

describe('the zoom step (N&W eq. 3.59, safeguarded)', () => {
  test('the cubic through phi and phi\' at both ends is exact on a cubic and on a parabola, in either order', () => {
    // phi = a^3 - 3a: phi(0) = 0, phi'(0) = -3, phi(2) = 2, phi'(2) = 9; local minimum at 1.
    const [lo, hi] = [{ alpha: 0, phi: 0, dphi: -3 }, { alpha: 2, phi: 2, dphi: 9 }];
    expect(cubicMinimizer(lo, hi)).toBeCloseTo(1, 14);
    expect(cubicMinimizer(hi, lo)).toBeCloseTo(1, 14);
    // phi = (a - 0.3)^2 on [0, 1]: by hand d1 = -0.4, d2 = 1, alpha = 1 - 2.8 / 4 = 0.3.
    expect(cubicMinimizer({ alpha: 0, phi: 0.09, dphi: -0.6 }, { alpha: 1, phi: 0.49, dphi: 1.4 })).toBeCloseTo(0.3, 14);
  });

  test('a cubic with no minimizer gives NaN, and the next trial bisects', () => {
    // d1 = -2 - 3 (0 + 2/3) / (0 - 1) = 0, so d1^2 - phi'(lo) phi'(hi) = -1 < 0.
    const [lo, hi] = [{ alpha: 0, phi: 0, dphi: -1 }, { alpha: 1, phi: -2 / 3, dphi: -1 }];
    expect(cubicMinimizer(lo, hi)).toBeNaN();
    expect(nextTrial(lo, hi)).toBe(0.5);
  });

  test('the next trial stays a tenth of the bracket inside it, and steps a tenth of the way from lo past a loss that is not finite', () => {
    // A huge overshoot, phi = -a + 1e6 a^2, puts the minimizer at 5e-7, next to lo: the trial is held at 0.1.
    expect(nextTrial({ alpha: 0, phi: 0, dphi: -1 }, { alpha: 1, phi: 1e6 - 1, dphi: 2e6 - 1 })).toBeCloseTo(0.1, 15);
    // The same mirrored, lo = 1.2 the high end of the bracket [0.2, 1.2]: held at 1.1.
    expect(nextTrial({ alpha: 1.2, phi: 0, dphi: 1 }, { alpha: 0.2, phi: 1e6 - 1, dphi: 1 - 2e6 })).toBeCloseTo(1.1, 15);
    // Inside the safe part of the bracket the cubic's minimizer is taken as it is (phi = (a - 0.3)^2).
    expect(nextTrial({ alpha: 0, phi: 0.09, dphi: -0.6 }, { alpha: 1, phi: 0.49, dphi: 1.4 })).toBeCloseTo(0.3, 14);
    expect(nextTrial({ alpha: 0.5, phi: 0, dphi: -1 }, { alpha: 1, phi: Infinity, dphi: NaN })).toBeCloseTo(0.55, 15);
    expect(nextTrial({ alpha: 0.5, phi: 0, dphi: -1 }, { alpha: 1, phi: NaN, dphi: NaN })).toBeCloseTo(0.55, 15);
  });
});

/** The valley's start and gradient, and a search from it along d through the oracle. */
const START = [-1.2, 1];
const G0 = grad64(START);
function search(d: number[], alpha1: number, maxTrials?: number) {
  const problem = createProblem('rosenbrock-valley');
  const oracle = createOracle(problem);
  const before = tf.memory().numTensors;
  const x = Float64Array.from(tf.storedValues(START));
  const result = wolfeLineSearch(oracle, { x, loss: valley64(x[0], x[1]), g: Float64Array.from(grad64(Array.from(x))) }, Float64Array.from(d), alpha1, maxTrials);
  // Every tensor the search made is gone, but the accepted parameters.
  const left = tf.memory().numTensors - before;
  const stored = result.ok ? Array.from(result.params.dataSync()) : null;
  if (result.ok) result.params.dispose();
  problem.dispose();
  return { result, left, stored, evaluations: oracle.counts.grad, x };
}

const expectAccepted = (r: ReturnType<typeof search>['result']): Extract<LineSearchResult, { ok: true }> => {
  if (!r.ok) throw new Error(r.stop.message);
  return r;
};

describe.each([FLOAT64_BACKEND, 'cpu'] as const)('searches on chapter 2 through the oracle (%s)', (backend) => {
  onBackend(backend);

  test('along -grad from (-1.2, 1): the accepted step meets the conditions in float64 and costs one evaluation per trial', () => {
    const d = G0.map((g) => -g);
    const { result, left, stored, evaluations, x } = search(d, 1);
    const accepted = expectAccepted(result);
    expect(left).toBe(1);
    expect(evaluations).toBe(accepted.trials);
    // A step of 1 along -grad (|grad| = 232.9) overshoots: the zoom takes 8 trials (first-steps-quasi-newton.test).
    expect(accepted.trials).toBe(8);
    // The point returned is p + alpha d as the backend stores it, and its loss and gradient are the
    // closed form's there: to float32's round-off of the loss (~1e-7 relative) or float64's.
    const point = Array.from(x, (xi, i) => xi + accepted.alpha * d[i]);
    const precise = backend === FLOAT64_BACKEND;
    expect(stored).toEqual(Array.from(accepted.x));
    expect(Array.from(accepted.x)).toEqual(precise ? point : point.map(Math.fround));
    const p = Array.from(accepted.x);
    const [phiA, dphiA] = [valley64(p[0], p[1]), grad64(p).reduce((s, gi, i) => s + gi * d[i], 0)];
    expect(Math.abs(accepted.loss - phiA)).toBeLessThanOrEqual((precise ? 1e-14 : 1e-6) * phiA);
    expect(wolfeHolds(valley64(x[0], x[1]), G0.reduce((s, gi, i) => s + gi * d[i], 0), accepted.alpha, phiA, dphiA)).toBe(true);
  });

  test('a direction uphill, or a zero gradient, fails at once as a stalled stop', () => {
    const uphill = search(G0, 1);
    expect(uphill.result).toEqual({ ok: false, trials: 0, stop: { reason: 'stalled', message: expect.stringMatching(/^The run stalled\. The search direction does not go downhill \(its slope grad \. d is 5\.42e\+4\)\.$/) } });
    expect([uphill.left, uphill.evaluations]).toEqual([0, 0]);
    const problem = createProblem('rosenbrock-valley');
    const atMinimum = wolfeLineSearch(createOracle(problem), { x: Float64Array.of(1, 1), loss: 0, g: Float64Array.of(0, 0) }, Float64Array.of(0, 0), 1);
    problem.dispose();
    expect(atMinimum).toEqual({ ok: false, trials: 0, stop: { reason: 'stalled', message: 'The run stalled. The gradient is exactly zero here: no direction goes downhill.' } });
  });

  test('no acceptable step in the trials allowed: a stalled stop, and nothing left behind', () => {
    const { result, left, evaluations } = search(G0.map((g) => -g), 1, 3);
    expect(result).toEqual({ ok: false, trials: 3, stop: { reason: 'stalled', message: expect.stringContaining('met the strong Wolfe conditions in 3 trials') } });
    expect([left, evaluations]).toEqual([0, 3]);
  });

  test('a step below the parameters\' resolution rounds to p: a stalled stop, with nothing evaluated', () => {
    const { result, left, evaluations } = search(G0.map((g) => -g), 1e-30);
    expect(result).toEqual({ ok: false, trials: 0, stop: { reason: 'stalled', message: `The run stalled. The line search narrowed its steps to the resolution of ${backend === 'cpu' ? 'float32' : 'float64'} without meeting the strong Wolfe conditions.` } });
    expect([left, evaluations]).toEqual([0, 0]);
  });
});
