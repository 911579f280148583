/**
 * Chapter 3: the 2-10-1 tanh net on random Rosenbrock data. The float64 reference (hand-written
 * backprop) is checked against finite differences, then the tfjs problem against the reference
 * through the oracle; then the chapter's claims: LM in 100 steps beats Adam in 5,000, and
 * Gauss-Newton stops (no exception) within 20 steps.
 */
import { describe, expect, test } from 'vitest';
import type { Hyperparameters } from '../../catalog';
import { expectCloseToMax } from '../../testing/expect-close';
import { dot, gradientByDifferences, jacobianByDifferences, maxAbs, secondDifference } from '../../testing/float64';
import { runSteps } from '../../testing/run-to-end';
import { createOracle } from '../autodiff/oracle';
import { createRandom } from '../random';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import { createNetOnRosenbrock, netOnRosenbrockSetup } from './net-on-rosenbrock';
import { net64 } from './net-on-rosenbrock.float64';

const SEED = 1;
const setup = netOnRosenbrockSetup({ seed: SEED });
const ref = net64(setup.train, setup.hidden);
const DIM = setup.dim;

/** A second point: the initial parameters plus N(0, 0.5^2) noise (its own seeded stream). */
const noise = createRandom(99);
const PERTURBED = setup.initialParams.map((p) => p + 0.5 * noise.normal());
/** A fixed direction for Hessian-vector products. */
const V = Array.from({ length: DIM }, () => noise.normal());
const POINTS: [string, number[]][] = [
  ['the seeded initial params', setup.initialParams],
  ['a perturbed point', PERTURBED],
];

describe('float64 reference: hand-written backprop agrees with central differences', () => {
  test.each(POINTS)('at %s', (_, p) => {
    // Central differences with h = 1e-5 in float64: truncation ~h^2 f''' and round-off
    // ~1e-16 |f| / h, about 1e-9 relative here; we allow 1e-7 of the largest entry.
    const g = ref.grad(p);
    expectCloseToMax(g, gradientByDifferences(ref.loss, p), 1e-7, 'gradient');
    // The Jacobian from central differences of the residual vector, one column per parameter;
    // round-off ~1e-16 |r| / h ~ 1e-9 against entries up to ~10: 1e-7 of the largest entry.
    const J = ref.jacobian(p);
    expectCloseToMax(J.flat(), jacobianByDifferences(ref.residuals, p), 1e-7, 'Jacobian');
    // The gradient is (2/m) J^T r (the least-squares identity the optimizers rely on), 1e-12.
    const r = ref.residuals(p);
    expectCloseToMax(
      g,
      g.map((_g, k) => (2 / r.length) * J.reduce((s, row, i) => s + row[k] * r[i], 0)),
      1e-12,
      'J^T r',
    );
    // H v by differences of the gradient, checked two ways against the loss itself:
    // v^T H v by the second difference of L along v (h = 1e-3: error ~h^2, allow 1e-5 relative),
    // and symmetry u^T H v = v^T H u (1e-6 relative).
    const Hv = ref.hvp(p, V);
    const second = secondDifference(ref.loss, p, V, 1e-3);
    expect(Math.abs(dot(V, Hv) - second) / Math.abs(second)).toBeLessThanOrEqual(1e-5);
    const U = PERTURBED.map((_x, k) => Math.sin(k + 1));
    expect(Math.abs(dot(U, Hv) - dot(V, ref.hvp(p, U))) / maxAbs(Hv) / Math.sqrt(DIM)).toBeLessThanOrEqual(1e-6);
  });
});

describe('problem shape', () => {
  test('dim 41, 500 + 500 points in [-2, 2]^2, Xavier-uniform start, deterministic per seed', () => {
    expect(setup.dim).toBe(41);
    expect(setup.train.z.length).toBe(500);
    expect(setup.validation.z.length).toBe(500);
    for (const d of [setup.train, setup.validation]) expect(maxAbs([...d.x, ...d.y])).toBeLessThanOrEqual(2);
    // Xavier uniform limits: W1 sqrt(6/12), b1 sqrt(6/11), W2 sqrt(6/11), b2 sqrt(3).
    const p = setup.initialParams;
    expect(maxAbs(p.slice(0, 20))).toBeLessThanOrEqual(Math.sqrt(0.5));
    expect(maxAbs(p.slice(20, 40))).toBeLessThanOrEqual(Math.sqrt(6 / 11));
    expect(Math.abs(p[40])).toBeLessThanOrEqual(Math.sqrt(3));
    expect(netOnRosenbrockSetup({ seed: SEED })).toEqual(setup);
    expect(netOnRosenbrockSetup({ seed: SEED + 1 }).initialParams).not.toEqual(p);
  });
});

describe.each(NODE_BACKENDS)('net-on-rosenbrock on %s matches the float64 reference', (backend) => {
  onBackend(backend);

  test.each(POINTS)('loss, gradient, Hessian-vector product and Jacobian at %s', (_, p64) => {
    const problem = createNetOnRosenbrock({ seed: SEED });
    const oracle = createOracle(problem);
    const before = tf.memory().numTensors;
    const p = tf.tensor1d(p64);
    const v = tf.tensor1d(V);
    // The loss: float32 residuals of size ~10, summed in float64; 1e-5 relative.
    const L64 = ref.loss(p64);
    expect(Math.abs(oracle.loss(p) - L64) / L64).toBeLessThanOrEqual(1e-5);
    // The gradient: float32 backprop through 500 points; 1e-4 of the largest entry (measured
    // 3e-8 to 6e-7 on cpu and wasm).
    const { loss, grad } = oracle.valueAndGrad(p);
    expect(Math.abs(loss - L64) / L64).toBeLessThanOrEqual(1e-5);
    expectCloseToMax(grad.dataSync(), ref.grad(p64), 1e-4, 'gradient');
    // H v by double backprop vs central differences of the float64 gradient. float32 double
    // backprop is good to a few 1e-7 of the largest entry (measured 1.3e-7 to 5e-7); the float64
    // difference (h = 1e-4) to ~1e-8. tfjs's own tanh takes its gradient from its output, which
    // the second backward pass mishandles (tfjs issue 3252): built with tf.tanh this problem's
    // H v is off by 0.52 of the largest entry at both points (measured). 1e-3 separates the two
    // by orders of magnitude either way.
    const Hv = oracle.hvp(p, v);
    expectCloseToMax(Hv.dataSync(), ref.hvp(p64, V), 1e-3, 'Hessian-vector product');
    // The Jacobian (500 x 41) in one backward pass: counts.jac goes up by exactly one.
    const jacBefore = oracle.counts.jac;
    const { r, J, m, scale, loss: lossJ } = oracle.residualsAndJacobian(p);
    expect(oracle.counts.jac).toBe(jacBefore + 1);
    expect(m).toBe(500);
    expect(scale).toBe(1 / 500);
    expect(Math.abs(lossJ - L64) / L64).toBeLessThanOrEqual(1e-5);
    // Residuals ~z (up to ~100): 1e-5 of the largest; J entries through tanh: 1e-4 of the largest
    // (measured 6e-8 and 1.6e-7).
    expectCloseToMax(r, ref.residuals(p64), 1e-5, 'residuals');
    expectCloseToMax(J, ref.jacobian(p64).flat(), 1e-4, 'Jacobian');
    // Validation loss: a float64 JS number, computed from the validation set.
    const val64 = net64(setup.validation, setup.hidden).loss(p64);
    expect(Math.abs(problem.validationLoss!(p) - val64) / val64).toBeLessThanOrEqual(1e-5);
    tf.dispose([p, v, grad, Hv]);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });
});

const LM_HP: Hyperparameters = { mu0: 3 } as Hyperparameters;
const ADAM_HP: Hyperparameters = { lr: 1e-2, b1: 0.9, b2: 0.999, eps: 1e-8 } as Hyperparameters;

/**
 * The chapter's point, for several data seeds: LM (mu from 3) after 100 steps is far below Adam
 * (lr 1e-2) after 5,000. Float64 NumPy over five seeds: LM 0.002 to 0.08, Adam about 7; the seed
 * notebook's run: LM 0.00288 train, 0.00666 validation. Adam runs on wasm only: 5,000 steps take
 * about 40 s per seed on the cpu backend and 6 s on wasm (both give the same losses to 3 digits);
 * LM runs on both backends below. Measured on wasm (train loss), seeds 1-4: LM_100 0.0030, 0.0062,
 * 0.0071, 0.0138; Adam_5000 5.72, 5.94, 4.83, 6.61: two to three orders of magnitude apart.
 */
describe('chapter 3 on wasm: Levenberg-Marquardt in 100 steps beats Adam in 5,000', () => {
  onBackend('wasm');

  test.each([1, 2, 3, 4])('seed %d', (seed) => {
    const lmRun = runSteps('net-on-rosenbrock', 'lm', LM_HP, 100, seed);
    const adamRun = runSteps('net-on-rosenbrock', 'adam', ADAM_HP, 5000, seed);
    expect(lmRun.stop).toBeNull();
    expect(adamRun.stop).toBeNull();
    expect(lmRun.loss).toBeLessThan(adamRun.loss);
  });
});

describe.each(NODE_BACKENDS)('chapter 3 on %s', (backend) => {
  onBackend(backend);

  test.each([1, 2, 3])('seed %d: LM reaches below 0.05 in 100 steps, validation alike', (seed) => {
    const run = runSteps('net-on-rosenbrock', 'lm', LM_HP, 100, seed);
    // Measured (float32): 0.0030, 0.0062, 0.0069 (cpu) / 0.0071 (wasm) for seeds 1-3; float64 NumPy spans 0.002
    // to 0.08 over seeds, Adam after 5,000 steps is near 5-7: 0.05 leaves a wide margin both ways.
    expect(run.stop).toBeNull();
    expect(run.losses).toHaveLength(101);
    expect(run.loss).toBeLessThan(0.05);
    // No overfitting to speak of with 41 parameters and 500 points: validation within 3x of train.
    expect(run.validation).toBeLessThan(3 * run.loss);
    // One Jacobian per accepted step plus the start.
    expect(run.counts.jac).toBe(101);
  });

  test.each([1, 2, 3])('seed %d: Gauss-Newton stops as singular within 20 steps, without an exception', (seed) => {
    const run = runSteps('net-on-rosenbrock', 'gauss-newton', { lr: 1, damping: 0 }, 20, seed);
    // Measured on cpu and wasm, seeds 1-3: the first step takes the loss from ~600 to 1.4e7-2.4e8,
    // saturating tanh units so whole columns of J are exactly zero, and the next step finds J^T J
    // singular. The float64 seed notebook shows the same (~2e8, then a singular matrix).
    expect(run.stop?.reason).toBe('singular');
    expect(run.losses[1]).toBeGreaterThan(1e5);
    expect(run.losses.length - 1).toBeLessThanOrEqual(20);
  });

  test('200 LM steps leave no tensor behind', () => {
    const before = tf.memory().numTensors;
    const run = runSteps('net-on-rosenbrock', 'lm', LM_HP, 200, SEED);
    expect(run.losses.length).toBeGreaterThan(100);
    expect(tf.memory().numTensors).toBe(before);
  });
});
