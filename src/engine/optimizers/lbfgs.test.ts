/**
 * L-BFGS's two-loop recursion against the dense BFGS update it stands for (N&W section 7.2: H_k is
 * gamma_k I updated by the stored pairs, oldest first), and the memory a run keeps.
 */
import { describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { createProblem } from '../problems';
import { grad64 } from '../problems/rosenbrock-valley.float64';
import { createRandom } from '../random';
import { disposeReplaced, tidyState } from '../run/state-tensors';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { bfgsUpdate, identity, matVec } from './bfgs';
import { lbfgs, twoLoop, type LBFGSState } from './lbfgs';
import { dot } from './line-search';

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe('the two-loop recursion', () => {
  test('with no pairs it returns g itself (a copy)', () => {
    const g = Float64Array.of(1, -2, 3);
    const r = twoLoop(g, [], [], []);
    expect(Array.from(r)).toEqual([1, -2, 3]);
    expect(r).not.toBe(g);
  });

  test.each([1, 2, 5])('with %d pairs it equals H g, H the dense BFGS update of gamma_k I by the pairs, to 1e-12', (k) => {
    const n = 6;
    const random = createRandom(k);
    const normal = () => Float64Array.from({ length: n }, () => random.normal());
    // Pairs of a convex quadratic with a diagonal Hessian from 1 to 32: y = A s, y^T s > 0.
    const A = Float64Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 2 ** (i % n) : 0));
    const s = Array.from({ length: k }, normal);
    const y = s.map((si) => matVec(A, si));
    const rho = s.map((si, i) => 1 / dot(y[i], si));
    const gamma = dot(s[k - 1], y[k - 1]) / dot(y[k - 1], y[k - 1]);
    let H: Float64Array = identity(n).map((v) => v * gamma);
    for (let i = 0; i < k; i++) H = bfgsUpdate(H, s[i], y[i])!;
    const g = normal();
    const expected = matVec(H, g);
    const r = twoLoop(g, s, y, rho);
    expect(maxAbs(Array.from(r, (ri, i) => ri - expected[i])) / maxAbs(expected)).toBeLessThan(1e-12);
  });
});

describe('the memory of a run (cpu64)', () => {
  onBackend(FLOAT64_BACKEND);

  test('memory 2 keeps the last two pairs s_i = p_{i+1} - p_i, y_i = g_{i+1} - g_i, oldest first; the tensor count is flat', () => {
    const before = tf.memory().numTensors;
    const problem = createProblem('rosenbrock-valley');
    const oracle = createOracle(problem);
    const hp = { memory: 2 };
    let state: LBFGSState = tidyState(() => lbfgs.init(tf.tensor1d([-1.2, 1]), oracle, hp));
    const xs = [Array.from(state.x)];
    for (let k = 0; k < 5; k++) {
      const prev = state;
      const next = tidyState(() => lbfgs.step(prev, oracle, hp));
      if ('reason' in next) throw new Error(next.message);
      disposeReplaced(prev, next);
      state = next;
      xs.push(Array.from(state.x));
      expect(state.s).toHaveLength(Math.min(k + 1, 2));
    }
    const pairs = [3, 4].map((i) => ({ s: xs[i + 1].map((v, j) => v - xs[i][j]), y: grad64(xs[i + 1]).map((v, j) => v - grad64(xs[i])[j]) }));
    pairs.forEach(({ s, y }, i) => {
      expect(Array.from(state.s[i])).toEqual(s);
      // The engine's gradient against the closed form's, float64 both: 1e-12 of the largest entry.
      expect(maxAbs(Array.from(state.y[i], (v, j) => v - y[j])) / maxAbs(y)).toBeLessThan(1e-12);
      expect(state.rho[i]).toBe(1 / dot(state.y[i], state.s[i]));
    });
    disposeReplaced(state, null);
    problem.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
