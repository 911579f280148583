/**
 * Curvature at a point, on cpu64 (float64) and cpu (float32): seed 004's numbers (its 2-variable
 * function at (1, 1): H, H v, H^-1 g; the same + z^2 at (3, 1, 5): H^-1 g and CG on H + 1e-3 I),
 * H v against central differences of the gradient for random formulas and points, CG's trace,
 * negative curvature on a saddle, a singular H as a value, refusals, and no leaked tensors.
 *
 * Tolerances: `close(actual, expected, tol)` is max_k |a_k - e_k| <= tol * max(1, max_k |e_k|), so
 * absolute for numbers up to 1 and relative above. Exact numbers: 1e-12 in float64, 1e-5 in float32.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { FLOAT64_BACKEND, type ComputeBackend } from '../../catalog';
import { evaluate, hasSymbol, type Node } from '../../formula';
import { negateNode, numberNode, treeArbitrary } from '../../formula/arbitraries';
import { checkPointFunction } from '../../formula/problems';
import { centralDifference, hvpByDifferences, maxAbs, solve2 } from '../../testing/float64';
import { switchBackend } from '../backend';
import { tf } from '../tf';
import type { PointReport } from '../../catalog';
import { cgAtPoint, createPointOracle, curvatureAtPoint, solveDense } from './point';

const SEED_F = 'x^3 + 2*x*y + y^2 - x';
const SEED_F3 = 'x^3 + 2*x*y + y^2 - x + z^2';
/** The seed's printed CG answer (float32, 10 iterations on H + 1e-3 I). */
const SEED_CG = [-0.56205505, 6.5587754, 2.9985006];

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
  const a = Array.from(actual);
  const e = Array.from(expected);
  expect(a.length, what).toBe(e.length);
  const worst = Math.max(...a.map((x, k) => Math.abs(x - e[k])));
  expect(worst, `${what}: ${a} vs ${e}`).toBeLessThanOrEqual(tol * Math.max(1, maxAbs(e)));
}

function oracleOf(text: string) {
  const checked = checkPointFunction(text);
  if (!checked.ok) throw new Error(checked.error.message);
  return createPointOracle(checked.value);
}

/** The request's report, with the tensor count checked around it. */
function report(request: Parameters<typeof curvatureAtPoint>[0]): PointReport {
  const before = tf.memory().numTensors;
  const outcome = curvatureAtPoint(request);
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  if (!outcome.ok) throw new Error(`${outcome.field}: ${outcome.message}`);
  return outcome.report;
}

/** The damped seed system's x* by hand: (H + 1e-3 I) x = g has a 2 x 2 block in x, y and z = 6 / 2.001. */
const dampedSeed = [...solve2([[18.001, 2], [2, 2.001]], [3, 12]), 6 / 2.001];

const BACKENDS: ComputeBackend[] = [FLOAT64_BACKEND, 'cpu'];

describe.each(BACKENDS)('curvature at a point on %s', (backend) => {
  beforeAll(async () => {
    if (!(await switchBackend(backend))) throw new Error(`${backend} did not start`);
  });
  const float64 = backend === FLOAT64_BACKEND;
  const tol = float64 ? 1e-12 : 1e-5;

  test("seed 004 at (1, 1): f = 3, g = (4, 4), H = [[6, 2], [2, 2]], H (8, 4) = (56, 24), H^-1 (16, 12) = (1, 5)", () => {
    const r = report({ f: SEED_F, at: [1, 1], v: [8, 4], g: [16, 12] });
    expect(r.variables).toEqual(['x', 'y']);
    expect(r.precision).toBe(float64 ? 'float64' : 'float32');
    close([r.value], [3], tol, 'value');
    close(r.grad, [4, 4], tol, 'gradient');
    close(r.hessian.flat(), [6, 2, 2, 2], tol, 'Hessian');
    close(r.hvp ?? [], [56, 24], tol, 'H v');
    close(r.solve ?? [], [1, 5], tol, 'H^-1 g');
    expect(r.singular).toBeUndefined();
    // CG on a 2 x 2 positive definite system: exact in two iterations (float32 products: a few more).
    close(r.cg ?? [], [1, 5], tol, 'CG');
    expect(r.negativeCurvature).toBeUndefined();
  });

  test('seed 004 + z^2 at (3, 1, 5), g = (3, 12, 6): H^-1 g = (-0.5625, 6.5625, 3); CG on H + 1e-3 I is the dense damped solution', () => {
    const r = report({ f: SEED_F3, at: [3, 1, 5], v: [1, 0, 0], g: [3, 12, 6], cgIters: 10, damping: 1e-3 });
    expect(r.variables).toEqual(['x', 'y', 'z']);
    close(r.hessian.flat(), [18, 2, 0, 2, 2, 0, 0, 0, 2], tol, 'Hessian');
    close(r.hvp ?? [], [18, 2, 0], tol, 'H e_1');
    close(r.solve ?? [], [-0.5625, 6.5625, 3], tol, 'H^-1 g');
    // x* by LU against x* by hand, both float64 from the (exact) Hessian.
    close(r.cgExact ?? [], dampedSeed, tol, 'x* of the damped system');
    // CG's answer against x*: float64 to 1e-12 (measured 3e-15); float32 products, to 1e-6 (measured 3e-8).
    close(r.cg ?? [], dampedSeed, float64 ? 1e-12 : 1e-6, 'CG vs the dense damped solution');
    // The seed's printed digits are float32's own CG, 1.8e-7 relative from x* in its first
    // component: more than their 8 printed digits, so they are matched to 5e-7 relative (~4 float32 ulps).
    (r.cg ?? []).forEach((c, k) => expect(Math.abs(c - SEED_CG[k]) / Math.abs(SEED_CG[k]), `component ${k}: ${c} vs ${SEED_CG[k]}`).toBeLessThanOrEqual(5e-7));
    const trace = r.cgTrace ?? [];
    expect(trace.length).toBe(r.cgIterations);
    expect(r.cgIterations).toBeLessThanOrEqual(10);
    if (float64) expect(r.cgIterations).toBe(3); // three distinct eigenvalues: exact in three
    const last = trace[trace.length - 1];
    expect(last.residual).toBeLessThanOrEqual(float64 ? 1e-10 : 1e-6);
    expect(last.distance).toBeLessThanOrEqual(float64 ? 1e-12 : 1e-6);
    // CG's error |x_k - x*| falls at every iteration (Hestenes and Stiefel, 1952: Theorem 6:3).
    trace.slice(1).forEach((t, k) => expect(t.distance).toBeLessThanOrEqual(trace[k].distance));
    expect(trace[0].distance).toBeLessThan(1);
  });

  test('the trace is taken in float64: iteration k has |g - (H + damping I) x_k| / |g| and |x_k - x*| / |x*|', () => {
    const oracle = oracleOf('x^4 + x*y + 2*y^2 + y*z + 3*z^2 + sin(x*z)');
    const at = [0.5, -0.25, 0.75];
    const g = [1, -2, 0.5];
    const H = oracle.hessian(at);
    const cg = cgAtPoint(oracle, at, H, g, { iterations: 2, damping: 0.1, tol: 0 });
    expect(cg.iterations).toBe(2);
    expect(cg.trace).toHaveLength(2);
    // The last iterate is CG's answer; recompute its two numbers from it.
    const x = Array.from(cg.x);
    const A = Array.from(H, (h, i) => h + (i % 4 === 0 ? 0.1 : 0));
    const Ax = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + A[i * 3 + j] * x[j], 0));
    const residual = Math.hypot(...g.map((gi, i) => gi - Ax[i])) / Math.hypot(...g);
    const exact = cg.exact as Float64Array;
    const distance = Math.hypot(...x.map((xi, i) => xi - exact[i])) / Math.hypot(...exact);
    close([cg.trace[1].residual, cg.trace[1].distance], [residual, distance], 1e-14, 'last trace entry');
    expect(cg.trace[1].residual).toBeGreaterThan(1e-6); // two iterations of three: not yet there
  });

  test('a saddle x^2 - y^2: CG meets negative curvature at once and answers g itself; the dense solve still exists', () => {
    const r = report({ f: 'x^2 - y^2', at: [1, 1], v: [1, 1], g: [1, 2] });
    close(r.hessian.flat(), [2, 0, 0, -2], tol, 'Hessian');
    close(r.solve ?? [], [0.5, -1], tol, 'H^-1 g');
    // p_1 = g = (1, 2): p^T H p / p^T p = (2 - 8) / 5 = -1.2.
    expect(r.negativeCurvature).toBe('CG met negative curvature at iteration 1: along its search direction p, p^T H p / p^T p = -1.2, so H is not positive definite here and H^-1 g need not be a descent direction.');
    expect(r.cg).toEqual([1, 2]);
    expect(r.cgIterations).toBe(0);
    expect(r.cgTrace).toEqual([]);
  });

  test('a milder saddle x^2 - 0.05 y^2: the first direction curves up, the second (H-conjugate to it) down', () => {
    const r = report({ f: 'x^2 - 0.05*y^2', at: [0, 0], g: [1, 0.1] });
    expect(r.negativeCurvature).toMatch(/^CG met negative curvature at iteration 2: along its search direction p, p\^T H p \/ p\^T p = -0\.0999\d*, so H is not/);
    expect(r.cgTrace).toHaveLength(1);
  });

  test('damping that leaves H + damping I indefinite is named in the message; enough damping makes CG plain', () => {
    // diag(3, -1) along (1, 2): (3 - 4) / 5 = -0.2.
    expect(report({ f: 'x^2 - y^2', at: [0, 0], g: [1, 2], damping: 1 }).negativeCurvature).toBe(
      'CG met negative curvature at iteration 1: along its search direction p, p^T (H + 1 I) p / p^T p = -0.2, so H + 1 I is not positive definite here and (H + 1 I)^-1 g need not be a descent direction.',
    );
    const damped = report({ f: 'x^2 - y^2', at: [0, 0], g: [1, 2], damping: 3 });
    expect(damped.negativeCurvature).toBeUndefined();
    close(damped.cg ?? [], [1 / 5, 2 / 1], tol, 'CG on diag(5, 1)');
  });

  test('a singular H (f = x^2 + y, linear in y) is a value: no solve, a message; the damped CG still answers', () => {
    const r = report({ f: 'x^2 + y', at: [1, 1], g: [2, 1], damping: 0.5 });
    close(r.hessian.flat(), [2, 0, 0, 0], tol, 'Hessian');
    expect(r.solve).toBeNull();
    expect(r.singular).toMatch(/^H is singular at this point/);
    close(r.cg ?? [], [2 / 2.5, 1 / 0.5], tol, 'CG on diag(2.5, 0.5)');
    const undamped = report({ f: 'x^2 + y', at: [1, 1], g: [2, 1] });
    expect(undamped.cgExact).toBeNull();
    // CG's first step, along g = (2, 1), curves up; its second direction is y, where H is exactly 0.
    expect(undamped.negativeCurvature).toBe('CG met zero curvature at iteration 2: along its search direction p, p^T H p / p^T p = 0, so H is not positive definite here and H^-1 g need not be a descent direction.');
  });

  test('z alone and no variable at all: x, y, z and x, y; the unused coordinates have zero derivatives', () => {
    const r = report({ f: 'z^2', at: [1, 2, 3], v: [1, 1, 1] });
    expect(r.variables).toEqual(['x', 'y', 'z']);
    close(r.grad, [0, 0, 6], tol, 'gradient');
    close(r.hvp ?? [], [0, 0, 2], tol, 'H v');
    const c = report({ f: '2*pi', at: [1, 2], v: [1, 1] });
    close([c.value], [2 * Math.PI], float64 ? 1e-15 : 1e-7, 'constant');
    expect([...c.grad, ...c.hessian.flat(), ...(c.hvp ?? [])]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('H v by double backprop agrees with the dense H times v (two different computations)', () => {
    const oracle = oracleOf('exp(x*y/4) + atan(y - z) * x + z^3/6');
    const at = [0.3, -1.1, 0.7];
    const v = [0.2, -0.9, 1.3];
    const H = oracle.hessian(at);
    const Hv = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + H[i * 3 + j] * v[j], 0));
    close(oracle.hvp(at, v), Hv, float64 ? 1e-13 : 1e-5, 'H v vs H times v');
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(H[i * 3 + j]).toBe(H[j * 3 + i]);
  });
});

describe('curvature at a point on cpu64: H v against central differences', () => {
  beforeAll(async () => {
    if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  });

  const smooth = treeArbitrary({
    symbols: ['x', 'y', 'z'],
    numbers: fc.double({ min: 0.5, max: 3, noNaN: true }),
    functions: ['sin', 'cos', 'atan', 'tanh', 'exp', 'log', 'sqrt'],
    exponent: () => fc.integer({ min: -3, max: 4 }).map((k): Node => (k < 0 ? negateNode(numberNode(-k)) : numberNode(k))),
    depthSize: 'medium',
    constants: false,
  }).filter(hasSymbol);
  const coordinate = fc.double({ min: 0.5, max: 2, noNaN: true });
  const unit = fc.double({ min: -1, max: 1, noNaN: true });

  test.prop([smooth, fc.tuple(coordinate, coordinate, coordinate), fc.tuple(unit, unit, unit).filter((v) => maxAbs(v) > 0.1)], { numRuns: 300 })(
    'random formulas of x, y, z at random points: H v is the central difference of the gradient along v (1e-6), the gradient that of f (1e-7)',
    (tree, at, v) => {
      const oracle = createPointOracle({ tree, variables: ['x', 'y', 'z'] });
      const f = (p: number[]) => evaluate(tree, { x: p[0], y: p[1], z: p[2] });
      const before = tf.memory().numTensors;
      const { value, grad } = oracle.valueAndGrad(at);
      const hv = oracle.hvp(at, v);
      expect(tf.memory().numTensors).toBe(before);
      // Domain errors and huge derivatives leave differences nothing to compare.
      if (![value, ...grad, ...hv].every((a) => Number.isFinite(a) && Math.abs(a) < 1e4)) return;
      const byDifferences = hvpByDifferences((p) => Array.from(oracle.valueAndGrad(p).grad), at, v, 1e-5);
      if (!byDifferences.every((a) => Number.isFinite(a) && Math.abs(a) < 1e4)) return;
      // A jump within the stencil (atan of a quotient whose denominator crosses 0: f jumps by pi)
      // shows as a huge difference where the derivative is finite: nothing to compare there either.
      const gradByDifferences = [0, 1, 2].map((k) => centralDifference(f, at, k, 1e-6));
      if (!gradByDifferences.every((a) => Number.isFinite(a) && Math.abs(a) < 1e4)) return;
      close(grad, gradByDifferences, 1e-7, 'gradient vs central differences of f');
      close(hv, byDifferences, 1e-6, 'H v vs central differences of the gradient');
    },
  );
});

describe('curvatureAtPoint refuses bad input as a value, naming the field', () => {
  test.each([
    [{ f: 'x + w', at: [1, 1] }, 'f', "unknown name 'w' at column 5: f may use x, y and z"],
    [{ f: 'sin(x', at: [1, 1] }, 'f', "expected ')' at column 6 to match the '(' at column 4"],
    [{ f: SEED_F, at: [1, 1, 1] }, 'at', 'needs 2 numbers (one each for x, y), got 3'],
    [{ f: SEED_F3, at: [1, 1] }, 'at', 'needs 3 numbers (one each for x, y, z), got 2'],
    [{ f: SEED_F, at: [1, 1], v: [1, NaN] }, 'v', 'must hold finite numbers'],
    [{ f: SEED_F, at: [1, 1], g: [1] }, 'g', 'needs 2 numbers (one each for x, y), got 1'],
    [{ f: SEED_F, at: [1, 1], g: [1, 1], cgIters: 0 }, 'cgIters', 'must be a whole number from 1 to 1000, got 0'],
    [{ f: SEED_F, at: [1, 1], g: [1, 1], cgIters: 2.5 }, 'cgIters', 'must be a whole number from 1 to 1000, got 2.5'],
    [{ f: SEED_F, at: [1, 1], g: [1, 1], damping: -1 }, 'damping', 'must be a finite number, 0 or more, got -1'],
  ])('%j -> %s: %s', (request, field, message) => {
    expect(curvatureAtPoint(request)).toEqual({ ok: false, field, message });
  });

  test('solveDense on a zero matrix: null with the message', () => {
    expect(solveDense([0, 0, 0, 0], [1, 1], 2)).toMatchObject({ x: null, singular: expect.stringMatching(/^H is singular/) });
  });
});
