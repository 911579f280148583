/**
 * The stop rule: each reason, their order, and what counts as a stall. The rule on real runs,
 * alone and batched, for every first-order optimizer: batch.test.ts.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND } from '../../catalog';
import { switchBackend } from '../backend';
import { gdRule } from '../optimizers/gd';
import { momentumRule } from '../optimizers/momentum';
import { stepRule, type FirstOrderRule, type Tensors } from '../optimizers/first-order-rule';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { createRandom } from '../random';
import { tf } from '../tf';
import { FLAT_STEPS, gaussNewtonStep, leastSquaresConverged, stalled, stopAt, unchangedRows } from './stop-rule';

const spec = { targetLoss: 1e-10, maxSteps: 100 };

describe('stopAt', () => {
  test('each reason, and null while none applies', () => {
    expect(stopAt(spec, 5, 1)).toBeNull();
    expect(stopAt(spec, 5, NaN)?.reason).toBe('diverged');
    expect(stopAt(spec, 5, -Infinity)?.reason).toBe('diverged');
    expect(stopAt(spec, 5, 1e-10)?.reason).toBe('converged');
    expect(stopAt(spec, 100, 1)?.reason).toBe('max-steps');
    expect(stopAt(spec, 0, 0)?.reason).toBe('converged');
  });

  test('in order: diverged, then converged, then max steps', () => {
    // An infinite target would call an infinite loss converged if that came first.
    expect(stopAt({ ...spec, targetLoss: Infinity }, 100, Infinity)?.reason).toBe('diverged');
    expect(stopAt(spec, 100, NaN)?.reason).toBe('diverged');
    expect(stopAt(spec, 100, 0)?.reason).toBe('converged');
  });
});

test('the stall message says what happened, not a cause only gradient descent has', () => {
  const { reason, message } = stalled();
  expect(reason).toBe('stalled');
  expect(message).toMatch(/changed no parameter/);
  expect(message).not.toMatch(/\blr\b|gradient/);
});

describe.each([...NODE_BACKENDS, FLOAT64_BACKEND] as const)('the stall test on %s', (backend) => {
  beforeAll(async () => {
    if (!(await switchBackend(backend))) throw new Error(`${backend} did not start`);
  });

  test('per row: parameters and every state tensor bit-identical; NaN counts as changed', () => {
    const before = tf.memory().numTensors;
    const [batch, single] = tf.tidy(() => {
      const P = tf.tensor2d([[1, 2], [1, 2], [1, 2], [NaN, 2]]);
      const next = tf.tensor2d([[1, 2], [1, 2], [1, 2 + 2 ** -22], [NaN, 2]]);
      const v = tf.zeros([4, 2]);
      const b = tf.tensor2d([[0.5], [0.25], [0.5], [0.5]]);
      const b1 = tf.fill([4, 1], 0.5);
      // One run: p [dim] and a scalar state give one flag.
      const one = unchangedRows([[tf.tensor1d([3, 4]), tf.tensor1d([3, 4])], [tf.scalar(1), tf.scalar(1)]], 1);
      return [Array.from(unchangedRows([[P, next], [v, v], [b, b1]], 4).dataSync()), Array.from(one.dataSync())];
    });
    // The second row moved no parameter but its b changed, the third moved one parameter by one
    // float32 spacing, the fourth holds a NaN.
    expect(batch).toEqual([1, 0, 0, 0]);
    expect(single).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(NODE_BACKENDS)('stalls in float32 on %s', (backend) => {
  onBackend(backend);

  /** Steps `rule` from p = [1] with a constant gradient g = [1] (the loss L(p) = p), as one run. */
  const constantGradientSteps = (rule: FirstOrderRule, c: Record<string, number>, steps: number) => {
    const coefficients: Tensors = Object.fromEntries(Object.entries(c).map(([k, x]) => [k, tf.scalar(x)]));
    let p: tf.Tensor = tf.tensor1d([1]);
    const g = tf.tensor1d([1]);
    let state = rule.init(p, () => tf.scalar(1), createRandom(1).next);
    const out: { p: number; unchanged: boolean }[] = [];
    for (let k = 0; k < steps; k++) {
      const step = tf.tidy(() => stepRule(rule, p, g, state, coefficients));
      const unchanged = unchangedRows(step.changes, 1);
      out.push({ p: step.next.dataSync()[0], unchanged: unchanged.dataSync()[0] === 1 });
      tf.dispose([p, ...Object.values(state), unchanged]);
      [p, state] = [step.next, step.state];
    }
    tf.dispose([p, g, ...Object.values(state), ...Object.values(coefficients)]);
    return out;
  };

  test('gradient descent stalls at the first step its update rounds away', () => {
    // Below 1 the float32 spacing is 2^-24: p = 1 - lr moves only for lr above half of it, 2^-25.
    expect(constantGradientSteps(gdRule, { lr: 2 ** -26 }, 1)).toEqual([{ p: 1, unchanged: true }]);
    expect(constantGradientSteps(gdRule, { lr: 2 ** -23 }, 1)).toEqual([{ p: 1 - 2 ** -23, unchanged: false }]);
  });

  test('momentum that moves no parameter is not stalled while its velocity grows', () => {
    // v_k = 1 + 0.9 v_{k-1} = 1, 1.9, 2.71, 3.439 (float64; float32 agrees to 1e-7), so lr v_k with
    // lr = 1e-8 is 1e-8, 1.9e-8, 2.71e-8, then 3.44e-8: above 2^-25 = 2.98e-8, half the spacing
    // below 1, only at step 4, which moves p to 1 - 2^-24. A test of the parameters alone would
    // have stopped this run at step 1.
    const steps = constantGradientSteps(momentumRule, { lr: 1e-8, momentum: 0.9 }, 4);
    expect(steps).toEqual([
      { p: 1, unchanged: false },
      { p: 1, unchanged: false },
      { p: 1, unchanged: false },
      { p: 1 - 2 ** -24, unchanged: false },
    ]);
  });

  test('momentum that moves no parameter stalls once its velocity stops changing too', () => {
    // lr v_k stays below 1e-11, far below 2^-25: p never moves. v_k = 0.9 v_{k-1} + 1 tends to 10;
    // in float32 (each operation rounded, as Math.fround does) v_k = v_{k-1} first at step 139.
    const [lr, momentum] = [1e-12, 0.9];
    const f = Math.fround;
    let stallStep = 1;
    for (let v = 0; f(f(f(momentum) * v) + 1) !== v; stallStep++) v = f(f(f(momentum) * v) + 1);
    expect(stallStep).toBe(139);
    const steps = constantGradientSteps(momentumRule, { lr, momentum }, stallStep);
    expect(steps.map((s) => s.p)).toEqual(steps.map(() => 1));
    expect(steps.map((s) => s.unchanged)).toEqual(steps.map((_, k) => k + 1 === stallStep));
  });
});

describe('the least-squares convergence test', () => {
  // J^T J = diag(4, 1), p = (1, 2): the Gauss-Newton step is d = (J^T r_1 / 4, J^T r_2).
  const JtJ = Float64Array.from([4, 0, 0, 1]);
  const p = [1, 2];
  const size = Math.hypot(1, 2);

  test('converged once the Gauss-Newton step is at most xtol of the parameters, not before', () => {
    const step = (d: number) => Float64Array.from([4 * d, 0]); // d = (d, 0)
    expect(leastSquaresConverged(JtJ, step(1e-12 * size), p, 1e-12, 0)?.reason).toBe('converged');
    expect(leastSquaresConverged(JtJ, step(2e-12 * size), p, 1e-12, 0)).toBeNull();
  });

  test('at the floor: a loss flat for FLAT_STEPS steps converges with a step below sqrt(xtol), and only then', () => {
    const Jtr = Float64Array.from([4 * 5e-7 * size, 0]);
    expect(leastSquaresConverged(JtJ, Jtr, p, 1e-12, FLAT_STEPS - 1)).toBeNull();
    expect(leastSquaresConverged(JtJ, Jtr, p, 1e-12, FLAT_STEPS)?.message).toMatch(/floor: the loss has not gone down in 10 steps/);
    expect(leastSquaresConverged(JtJ, Float64Array.from([4 * 2e-6 * size, 0]), p, 1e-12, 100)).toBeNull();
  });

  test('a singular J^T J: the step is the minimum-norm one (in the directions the data determine), so a run there can converge, and one away from there cannot', () => {
    const JtJ = Float64Array.from([1, 1, 1, 1]);
    const step = gaussNewtonStep(JtJ, Float64Array.from([2, 2]), 2)!;
    step.forEach((x) => expect(Math.abs(x - 1)).toBeLessThan(1e-9));
    expect(leastSquaresConverged(JtJ, Float64Array.from([0, 0]), p, 1e-12, 0)?.reason).toBe('converged');
    expect(leastSquaresConverged(JtJ, Float64Array.from([1e-3, 1e-3]), p, 1e-12, 100)).toBeNull();
  });
});
