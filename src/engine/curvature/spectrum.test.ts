/**
 * The Hessian's spectrum on the chapters' problems, in float32 (cpu, wasm) and float64 (cpu64):
 * chapter 4's J^T J has rank 60 of 96; chapter 3's Hessian at its start is indefinite and spans
 * three decades while its Gauss-Newton matrix (no residual term) is semidefinite and far worse
 * conditioned; on chapter 1 H = G exactly where the residuals vanish; Lanczos on Hessian-vector
 * products finds the dense spectrum's extremes; Hessian-vector products against float64 central
 * differences where the problems' own tests do not already check them; Lanczos on the digits net.
 * Every spectrum call leaves the tensor count as it found it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND, type ProblemId } from '../../catalog';
import { expectCloseToMax } from '../../testing/expect-close';
import { hvpByDifferences, maxAbs } from '../../testing/float64';
import { createOracle } from '../autodiff/oracle';
import { switchBackend } from '../backend';
import { createProblem } from '../problems';
import type { DigitsSplit } from '../problems/digits-data';
import { loadSplit } from '../problems/digits.fixture';
import { netOnRosenbrockSetup } from '../problems/net-on-rosenbrock';
import { net64 } from '../problems/net-on-rosenbrock.float64';
import { rahimiLinearNetSetup } from '../problems/rahimi-linear-net';
import { linear64, symmetricEigenvalues } from '../problems/rahimi-linear-net.float64';
import { grad64 as fitGrad64, jacobian64 as fitJacobian64 } from '../problems/rosenbrock-fit.float64';
import { grad64 as valleyGrad64 } from '../problems/rosenbrock-valley.float64';
import { createRandom } from '../random';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import type { Oracle } from '../types';
import { gaussNewtonSpectrum, hessianSpectrum, lanczosSpectrum, rankTolerance, spectrumSummary } from './spectrum';

const SEED = 1;
const BACKENDS = [...NODE_BACKENDS, FLOAT64_BACKEND] as const;
type Backend = (typeof BACKENDS)[number];

let digits: DigitsSplit;
beforeAll(async () => {
  digits = await loadSplit();
});


/** f's result, asserting it left no tensor behind. */
function counted<T>(f: () => T): T {
  const before = tf.memory().numTensors;
  const out = f();
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  return out;
}

/** f on a fresh oracle of problem `id` at p (as a tensor of the current backend), all disposed after. */
function at<T>(id: ProblemId, p: number[], f: (oracle: Oracle, p: tf.Tensor1D) => T): T {
  const problem = createProblem(id, { seed: SEED, digits });
  const point = tf.tensor1d(p);
  try {
    return f(createOracle(problem), point);
  } finally {
    point.dispose();
    problem.dispose();
  }
}

/** The digits net's seeded start (its problem disposed). */
function digitsStart(): number[] {
  const problem = createProblem('digits-mlp', { seed: SEED, digits });
  const p = problem.initialParams!();
  problem.dispose();
  return p;
}

const netSetup = netOnRosenbrockSetup({ seed: SEED });
const net = net64(netSetup.train, netSetup.hidden);
const rahimiSetup = rahimiLinearNetSetup({ seed: SEED });

/** Chapter 3's float64 reference Hessian (columns by central differences of the hand-written gradient, h = 1e-6), its eigenvalues by Jacobi. */
const netReference = (() => {
  const n = netSetup.dim;
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const column = net.hvp(netSetup.initialParams, Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)), 1e-6);
    for (let j = 0; j < n; j++) H[j * n + i] = column[j];
  }
  return symmetricEigenvalues(H, n).sort((a, b) => a - b);
})();

/** The dense spectrum of chapter 3's Hessian at its start, once per backend. */
const netHessian = new Map<Backend, Float64Array>();
const netHessianOn = (backend: Backend) => {
  if (!netHessian.has(backend)) netHessian.set(backend, at('net-on-rosenbrock', netSetup.initialParams, (oracle, p) => counted(() => hessianSpectrum(oracle, p))));
  return netHessian.get(backend)!;
};

describe.each(BACKENDS)('on %s', (backend) => {
  onBackend(backend);
  const float64 = backend === FLOAT64_BACKEND;

  test("chapter 4: J^T J has rank 60 of 96 at the start; its 36 null directions are the net's rescaling symmetry", () => {
    // W1 W2 = (W1 K)(K^-1 W2) for every invertible 6 x 6 K: 36 directions that leave every
    // residual unchanged (rahimi-linear-net.test.ts checks one of them explicitly). Measured on
    // all three backends: the 36 smallest eigenvalues of G = 2 J^T J are rounding, |lambda| <=
    // 2.2e-11 = 2.7e-16 of the largest (8.19e4); the 37th is 24.94 (3.0e-4 of it). So the
    // numerical rank is 60 for any relative tolerance from 1e-14 to 1e-4, both defaults included
    // (n eps32 = 1.1e-5, n eps64 = 2.1e-14). The closed-form normal equations are float64 from the
    // (float32) parameters, which is why the null space is clean even on float32 backends.
    const G = at('rahimi-linear-net', rahimiSetup.initialParams, (oracle, p) => counted(() => gaussNewtonSpectrum(oracle, p)));
    expect(G).toHaveLength(96);
    const top = G[95];
    expect(Math.abs(top / 8.19e4 - 1)).toBeLessThan(1e-3);
    expect(maxAbs(G.slice(0, 36)) / top).toBeLessThan(1e-14);
    expect(G[36] / top).toBeGreaterThan(1e-4);
    const summary = spectrumSummary(G);
    expect(summary).toMatchObject({ size: 96, rank: 60, zero: 36, negative: 0, positive: 60, conditionNumber: Infinity });
    // The conditioning on the range: 8.19e4 / 24.94 = 3.28e3 (measured 3283.57 on every backend).
    expect(Math.abs(summary.rangeConditionNumber / 3283.57 - 1)).toBeLessThan(1e-4);
    expect(spectrumSummary(G, 1e-13).rank).toBe(60);
    expect(spectrumSummary(G, 1e-5).rank).toBe(60);
  });

  test('chapter 3: the Hessian at the start is indefinite (17 of 41 negative) and spans three decades (kappa_2 = 1.3e3)', () => {
    // Against the float64 reference (Jacobi on central differences): measured 1.5e-10 of the
    // largest |lambda| on cpu64 (the differences' own error), 7e-8 on cpu and 1e-7 on wasm.
    const H = netHessianOn(backend);
    expectCloseToMax(H, netReference, float64 ? 1e-8 : 1e-6, 'eigenvalues vs float64 reference');
    const summary = spectrumSummary(H);
    // Measured (all backends): -44.83 ... 49.41; the smallest |lambda| is 0.0375: kappa_2 = 1316.3.
    expect(summary).toMatchObject({ negative: 17, positive: 24, zero: 0, rank: 41 });
    expect(summary.conditionNumber).toBeGreaterThan(1e3);
    expect(summary.conditionNumber).toBeLessThan(1.5e3);
    expect(summary.conditionNumber).toBe(summary.rangeConditionNumber);
  });

  test("chapter 3: at the start Gauss-Newton is not the Hessian: semidefinite, 9x smaller at the top, conditioned 3.8e10", () => {
    // Loss ~600 at the start: the residual term 2 s sum r_i Hess(r_i) dominates H. G = 2 s J^T J
    // has no negative eigenvalue (measured smallest +1.47e-10 on every backend) where H has 17, and
    // its largest is 5.65 against H's 49.4.
    const H = netHessianOn(backend);
    const G = at('net-on-rosenbrock', netSetup.initialParams, (oracle, p) => counted(() => gaussNewtonSpectrum(oracle, p)));
    expect(G[0]).toBeGreaterThan(0);
    expect(H[16]).toBeLessThan(0);
    expect(H[40] / G[40]).toBeGreaterThan(8);
    // Reference: G from the hand-written float64 Jacobian (s = 1/500), eigenvalues by Jacobi.
    // Measured on float32 backends: every eigenvalue, the smallest (1.5e-10) included, within
    // 9.2e-5 of itself (1e-3 asserted): a float32 J perturbs a small eigenvalue sigma^2 of J^T J by
    // about eps32 sigma |J|, not eps32 |J|^2. On cpu64 within 1.6e-6 (1e-4 asserted): two float64
    // eigensolvers differ by ~1e-14 |G|, which is 4e-4 of the smallest at worst.
    const J = net.jacobian(netSetup.initialParams);
    const n = netSetup.dim;
    const G64 = new Float64Array(n * n);
    for (const row of J) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) G64[i * n + j] += (2 / 500) * row[i] * row[j];
    const reference = symmetricEigenvalues(G64, n).sort((a, b) => a - b);
    reference.forEach((lambda, i) => expect(Math.abs(G[i] / lambda - 1), `eigenvalue ${i}`).toBeLessThan(float64 ? 1e-4 : 1e-3));
    // Conditioning: 5.65 / 1.47e-10 = 3.8e10, resolved in float64. The float32 rank rule
    // (n eps32 of the largest, 2.8e-5) counts the 20 smallest as zero: rank 21 of 41.
    const summary = spectrumSummary(G);
    if (float64) {
      expect(summary.rank).toBe(41);
      expect(summary.conditionNumber).toBeGreaterThan(1e10);
      expect(summary.conditionNumber).toBeLessThan(1e11);
    } else {
      expect(summary).toMatchObject({ rank: 21, zero: 20, negative: 0, conditionNumber: Infinity });
    }
  });

  test('chapter 1: at the solution (2.5, 2.5) every residual is 0 and H = G; at the start (5, 5) they differ', () => {
    // The data z_i and the model at (2.5, 2.5) are exact in float32 (multiples of 1/4), so r = 0
    // exactly and H = 2 s J^T J. Closed form there: G = (2/9) J^T J of the float64 Jacobian,
    // eigenvalues 44.38 and 731.0. Measured, relative to 731: H 6e-9 in float32 (double backprop),
    // 1.6e-16 in float64; G 1.6e-16 on every backend (its closed form is exact at (2.5, 2.5)).
    const [H, G, loss] = at('rosenbrock-fit', [2.5, 2.5], (oracle, p) => [counted(() => hessianSpectrum(oracle, p)), counted(() => gaussNewtonSpectrum(oracle, p)), oracle.loss(p)] as const);
    expect(loss).toBe(0);
    const J = fitJacobian64([2.5, 2.5]);
    const [a, b, d] = [0, 1, 2].map((k) => (2 / 9) * J.reduce((s, [j0, j1]) => s + (k === 0 ? j0 * j0 : k === 1 ? j0 * j1 : j1 * j1), 0));
    const mid = (a + d) / 2;
    const radius = Math.hypot((a - d) / 2, b);
    const closed = [mid - radius, mid + radius];
    const tol = float64 ? 1e-12 : 1e-6;
    expectCloseToMax(H, closed, tol, 'Hessian at the solution');
    expectCloseToMax(G, closed, tol, 'Gauss-Newton at the solution');
    // At (5, 5) (loss 3868) the residual term moves both: H {267.0, 866.7}, G {103.0, 822.3}.
    const [H5, G5] = at('rosenbrock-fit', [5, 5], (oracle, p) => [hessianSpectrum(oracle, p), gaussNewtonSpectrum(oracle, p)]);
    expect(H5[0] / G5[0]).toBeGreaterThan(2.5);
    expect(H5[1] - G5[1]).toBeGreaterThan(40);
  });

  test("chapter 3: Lanczos's extreme Ritz values are the dense Hessian's", () => {
    // Measured, relative to the largest |lambda| (49.4): cpu64 with 41 steps (= dim) every value
    // to 4e-15; 30 steps the three at each end to 3e-11; 20 steps the extreme one at each end to
    // 9e-9. Float32 products cap it near 1e-7 (cpu 3e-8, wasm 1.2e-7): 1e-6 there.
    const H = netHessianOn(backend);
    const top = maxAbs(H);
    const n = H.length;
    const run = (iterations: number, k: number) => at('net-on-rosenbrock', netSetup.initialParams, (oracle, p) => counted(() => lanczosSpectrum(oracle, p, k, iterations)));
    const full = run(n, 1);
    expect(full.iterations).toBe(n);
    expectCloseToMax(full.values, H, float64 ? 1e-10 : 1e-6, `all ${n} Ritz values`);
    const thirty = run(30, 3);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(thirty.smallest[i].value - H[i]) / top).toBeLessThanOrEqual(float64 ? 1e-9 : 1e-6);
      expect(Math.abs(thirty.largest[i].value - H[n - 1 - i]) / top).toBeLessThanOrEqual(float64 ? 1e-9 : 1e-6);
    }
    const twenty = run(20, 3);
    expect(Math.abs(twenty.smallest[0].value - H[0]) / top).toBeLessThanOrEqual(float64 ? 1e-7 : 1e-6);
    expect(Math.abs(twenty.largest[0].value - H[n - 1]) / top).toBeLessThanOrEqual(float64 ? 1e-7 : 1e-6);
    // Converged or not, each reported Ritz value lies within its residual of a dense eigenvalue
    // (plus the float32 noise of the products, 1e-6 |H|).
    for (const pair of [...twenty.smallest, ...twenty.largest, ...thirty.smallest, ...thirty.largest]) {
      const distance = Math.min(...Array.from(H, (lambda) => Math.abs(lambda - pair.value)));
      expect(distance).toBeLessThanOrEqual(pair.residual + (float64 ? 1e-12 : 1e-6) * top);
    }
  });
});

describe('Hessian-vector products against float64 central differences of the gradient', () => {
  // In float32 (cpu, wasm) chapters 1-4 are checked in their problems' tests against these same
  // references; here in float64, where the products themselves are exact to rounding and the
  // differences (h = 1e-6) are the error: measured 5e-12 to 7.5e-10 of the largest entry.
  onBackend(FLOAT64_BACKEND);
  const perturbed = (p: number[]) => {
    const noise = createRandom(99);
    return p.map((x) => x + 0.5 * noise.normal());
  };
  const CASES: [string, ProblemId, number[], (p: number[]) => number[]][] = [
    ['chapter 1 at (5, 5)', 'rosenbrock-fit', [5, 5], fitGrad64],
    ['chapter 1 at (-1, 3)', 'rosenbrock-fit', [-1, 3], fitGrad64],
    ['chapter 2 at (-1.2, 1)', 'rosenbrock-valley', [-1.2, 1], valleyGrad64],
    ['chapter 2 at (2, 3)', 'rosenbrock-valley', [2, 3], valleyGrad64],
    ['chapter 3 at its start', 'net-on-rosenbrock', netSetup.initialParams, net.grad],
    ['chapter 3 perturbed', 'net-on-rosenbrock', perturbed(netSetup.initialParams), net.grad],
    ['chapter 4 at its start', 'rahimi-linear-net', rahimiSetup.initialParams, linear64(rahimiSetup).grad],
    ['chapter 4 perturbed', 'rahimi-linear-net', perturbed(rahimiSetup.initialParams), linear64(rahimiSetup).grad],
  ];
  test.each(CASES)('on cpu64, %s: 1e-8 of the largest entry', (_, id, p, grad) => {
    const random = createRandom(5);
    const v = p.map(() => random.normal());
    const Hv = at(id, p, (oracle, point) => counted(() => tf.tidy(() => Array.from(oracle.hvp(point, tf.tensor1d(v)).dataSync()))));
    expectCloseToMax(Hv, hvpByDifferences(grad, p, v, 1e-6), 1e-8, 'H v');
  });

  describe('the digits net at full size (2,314 parameters), against differences of the cpu64 gradient', () => {
    // digits-mlp.test.ts checks the gradient against differences of the float64 loss, and H v, at
    // 3 hidden units; here the page's 32. Differences with h = 1e-6 (truncation ~h^2: measured
    // 5e-5, 5e-7, 5e-9 of the largest entry at h = 1e-4, 1e-5, 1e-6).
    let p: number[];
    let v: number[];
    let reference: number[];
    beforeAll(async () => {
      if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
      p = digitsStart();
      at('digits-mlp', p, (oracle) => {
        const random = createRandom(5);
        v = p.map(() => random.normal());
        const gradAt = (q: number[]) => tf.tidy(() => Array.from(oracle.valueAndGrad(tf.tensor1d(q)).grad.dataSync()));
        reference = hvpByDifferences(gradAt, p, v, 1e-6);
      });
    });

    // Measured: cpu64 5e-9, cpu 5e-7, wasm 1.1e-6.
    test.each(BACKENDS)('on %s', async (backend) => {
      if (!(await switchBackend(backend))) throw new Error(`${backend} did not start`);
      const Hv = at('digits-mlp', p, (oracle, point) => counted(() => tf.tidy(() => Array.from(oracle.hvp(point, tf.tensor1d(v)).dataSync()))));
      expectCloseToMax(Hv, reference, backend === FLOAT64_BACKEND ? 5e-8 : 1e-5, 'H v');
    });
  });
});

describe.each(['wasm', FLOAT64_BACKEND] as const)('Lanczos on the digits net (2,314 parameters) on %s', (backend) => {
  onBackend(backend);
  const float64 = backend === FLOAT64_BACKEND;

  test('60 steps for the 10 largest and 10 smallest: converged extremes of both signs, consistent with Rayleigh quotients', () => {
    // Measured at the seed-1 start: theta from -0.674 to 1.113, with residuals (relative to 1.113)
    // 7.5e-9 and 1.7e-8 in float32 (wasm), 2.7e-15 and 1.4e-8 in cpu64; 3-4 s on wasm, 7 s on cpu64
    // (17 s on a loaded machine). The inner Ritz values are still moving (residuals up to 2e-2 of
    // the largest), which is what the residuals are for.
    at('digits-mlp', digitsStart(), (oracle, p) => {
      const r = counted(() => lanczosSpectrum(oracle, p, 10, 60));
      expect(r.iterations).toBe(60);
      expect(r.smallest).toHaveLength(10);
      expect(r.largest).toHaveLength(10);
      const [low, high] = [r.smallest[0], r.largest[0]];
      expect(high.value).toBeGreaterThan(1);
      expect(high.residual / high.value).toBeLessThanOrEqual(float64 ? 1e-12 : 1e-6);
      // The smallest is converged too, and negative: the Hessian at the start is indefinite.
      expect(low.residual / high.value).toBeLessThanOrEqual(1e-6);
      expect(low.value + low.residual).toBeLessThan(-0.6);
      // Rayleigh quotients, by products Lanczos did not see: three random directions fall inside
      // [theta_min, theta_max] (measured 0.002 to 0.013, far inside), and the top Ritz vector's
      // equals theta_max to its residual (|y^T H y - theta| <= |H y - theta y|) plus float32 noise.
      const rayleigh = (x: Float64Array) =>
        counted(() =>
          tf.tidy(() => {
            const Hx = oracle.hvp(p, tf.tensor1d(x)).dataSync();
            let [xHx, xx] = [0, 0];
            for (let i = 0; i < x.length; i++) [xHx, xx] = [xHx + x[i] * Hx[i], xx + x[i] * x[i]];
            return xHx / xx;
          }),
        );
      const random = createRandom(17);
      for (let trial = 0; trial < 3; trial++) {
        const q = rayleigh(Float64Array.from({ length: oracle.dim }, () => random.normal()));
        expect(q).toBeGreaterThan(low.value);
        expect(q).toBeLessThan(high.value);
      }
      expect(Math.abs(rayleigh(high.vector) - high.value)).toBeLessThanOrEqual(high.residual + (float64 ? 1e-12 : 1e-6) * high.value);
    });
  });
});

describe('gaussNewtonSpectrum without residuals', () => {
  onBackend('cpu');
  test('throws for the digits net (no residuals), leaving no tensor behind', () => {
    counted(() => at('digits-mlp', digitsStart(), (oracle, p) => expect(() => gaussNewtonSpectrum(oracle, p)).toThrow(/no residuals/)));
  });
});

describe('spectrumSummary', () => {
  test('counts by sign against tolerance x max |lambda|; kappa_2 by magnitude, Infinity when an eigenvalue counts as zero', () => {
    const s = spectrumSummary([-2, 0, 1e-20, 3, 4], 1e-10);
    expect(s).toEqual({ size: 5, smallest: -2, largest: 4, threshold: 4e-10, positive: 2, zero: 2, negative: 1, rank: 3, conditionNumber: Infinity, rangeConditionNumber: 2 });
    // Negative eigenvalues count by magnitude: [-100, 1] is conditioned 100, like [1, 100].
    expect(spectrumSummary([-100, 1], 1e-10).conditionNumber).toBe(100);
    expect(spectrumSummary([1, 10, 100], 1e-10)).toMatchObject({ conditionNumber: 100, rangeConditionNumber: 100, rank: 3 });
    expect(spectrumSummary([0, 0], 1e-10)).toMatchObject({ rank: 0, zero: 2, conditionNumber: Infinity, rangeConditionNumber: NaN });
    expect(spectrumSummary([], 1e-10)).toMatchObject({ size: 0, rank: 0, conditionNumber: NaN });
    expect(spectrumSummary([1, NaN], 1e-10)).toMatchObject({ size: 2, rank: NaN, conditionNumber: NaN });
  });

  test('rankTolerance: n eps of the precision, float32 (2^-23) or float64 (2^-52); by default the backend\'s', async () => {
    expect(rankTolerance(96, 'float32')).toBe(96 * 2 ** -23);
    expect(rankTolerance(96, 'float64')).toBe(96 * 2 ** -52);
    await switchBackend('cpu');
    expect(rankTolerance(10)).toBe(10 * 2 ** -23);
    await switchBackend(FLOAT64_BACKEND);
    expect(rankTolerance(10)).toBe(10 * 2 ** -52);
  });
});
