/**
 * `formula --at` through the runner's main, output captured (and no tensor left behind): seed 004's
 * numbers as JSON (1e-12 in float64, i.e. |a - e| <= 1e-12 max(1, |e|); the float32 default gives
 * them too, all being small integers, to 1e-5 relative), CG's answer and trace, negative curvature,
 * the readable report, the usage text, and the refusals with exit code 2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { switchBackend } from '../engine';
import { solve2 } from '../testing/float64';
import { isFormulaPointCall } from './formula-point';
import { runMain } from './run-main.fixture';

beforeAll(async () => {
  expect(await switchBackend('cpu')).toBe(true);
});

const SEED_F = 'x^3 + 2*x*y + y^2 - x';

function close(actual: readonly number[], expected: readonly number[], tol: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, k) => expect(Math.abs(a - expected[k]), `${what}[${k}]: ${a} vs ${expected[k]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[k]))));
}

/** The one JSON line of a successful call. */
async function json(argv: string[]) {
  const { code, out, err } = await runMain(argv);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]);
}

describe('formula --at: the JSON line', () => {
  it("seed 004's command in float64: value 3, grad (4, 4), hessian [[6, 2], [2, 2]], hvp (56, 24) to 1e-12", async () => {
    const r = await json(['formula', '--f', SEED_F, '--at', '1,1', '--hvp', '8,4', '--precision', 'float64', '--json']);
    expect(r).toMatchObject({ f: SEED_F, variables: ['x', 'y'], at: [1, 1], precision: 'float64', backend: 'cpu64', v: [8, 4] });
    close([r.value], [3], 1e-12, 'value');
    close(r.grad, [4, 4], 1e-12, 'grad');
    close(r.hessian.flat(), [6, 2, 2, 2], 1e-12, 'hessian');
    close(r.hvp, [56, 24], 1e-12, 'hvp');
    expect(r).not.toHaveProperty('solve');
    expect(r).not.toHaveProperty('cg');
  });

  it('the same by default in float32 on cpu, as the runner computes by default (1e-5 relative)', async () => {
    const r = await json(['formula', '--f', SEED_F, '--at', '1,1', '--hvp', '8,4', '--json']);
    expect(r).toMatchObject({ precision: 'float32', backend: 'cpu' });
    close([r.value, ...r.grad, ...r.hessian.flat(), ...r.hvp], [3, 4, 4, 6, 2, 2, 2, 56, 24], 1e-5, 'float32');
  });

  it('--solve-g 16,12 --cg-iters 10 --damping 1e-3: solve (1, 5) undamped; cg the damped solution, with its trace', async () => {
    const r = await json(['formula', '--f', SEED_F, '--at', '1,1', '--hvp', '8,4', '--solve-g', '16,12', '--cg-iters', '10', '--damping', '1e-3', '--precision', 'float64', '--json']);
    close(r.solve, [1, 5], 1e-12, 'solve');
    expect(r).toMatchObject({ g: [16, 12], singular: null, cgIters: 10, damping: 1e-3, negativeCurvature: false, negativeCurvatureMessage: null });
    // (H + 1e-3 I) x = (16, 12) by Cramer's rule: CG is exact on it in two iterations.
    const damped = solve2([[6.001, 2], [2, 2.001]], [16, 12]);
    close(r.cgExact, damped, 1e-12, 'x*');
    close(r.cg, damped, 1e-12, 'cg');
    expect(r.cgIterations).toBe(2);
    expect(r.cgTrace).toHaveLength(2);
    expect(Object.keys(r.cgTrace[0]).sort()).toEqual(['distance', 'residual']);
    expect(r.cgTrace[0].residual).toBeGreaterThan(0.1);
    expect(r.cgTrace[1].residual).toBeLessThanOrEqual(1e-10);
    expect(r.cgTrace[1].distance).toBeLessThanOrEqual(1e-12);
  });

  it("the seed's three-variable example: H^-1 g = (-0.5625, 6.5625, 3) (1e-12); CG on H + 1e-3 I matches the seed's float32 digits to 5e-7 relative", async () => {
    const r = await json(['formula', '--f', `${SEED_F} + z^2`, '--at', '3,1,5', '--solve-g', '3,12,6', '--cg-iters', '10', '--damping', '1e-3', '--precision', 'float64', '--json']);
    expect(r.variables).toEqual(['x', 'y', 'z']);
    close(r.hessian.flat(), [18, 2, 0, 2, 2, 0, 0, 0, 2], 1e-12, 'hessian');
    close(r.solve, [-0.5625, 6.5625, 3], 1e-12, 'solve');
    close(r.cg, r.cgExact, 1e-12, 'cg vs x*');
    // The seed printed float32's CG, itself 1.8e-7 relative from x*: its 8 digits hold only to that.
    [-0.56205505, 6.5587754, 2.9985006].forEach((s, k) => expect(Math.abs(r.cg[k] - s) / Math.abs(s)).toBeLessThanOrEqual(5e-7));
  });

  it('a saddle: negativeCurvature true, with the message a page shows', async () => {
    const r = await json(['formula', '--f', 'x^2 - y^2', '--at', '1,1', '--solve-g', '1,2', '--precision', 'float64', '--json']);
    close(r.solve, [0.5, -1], 1e-12, 'solve');
    expect(r).toMatchObject({ negativeCurvature: true, cg: [1, 2], cgIterations: 0, cgTrace: [] });
    expect(r.negativeCurvatureMessage).toMatch(/^CG met negative curvature at iteration 1: .* H is not positive definite here and H\^-1 g need not be a descent direction\.$/);
  });

  it('a singular H: solve null, singular says why; a distance without x* is null', async () => {
    const r = await json(['formula', '--f', 'x^2 + y', '--at', '1,1', '--solve-g', '2,0', '--precision', 'float64', '--json']);
    expect(r.solve).toBeNull();
    expect(r.singular).toMatch(/^H is singular at this point/);
    expect(r.cgExact).toBeNull();
    expect(r.cgTrace).toEqual([{ residual: 0, distance: null }]);
  });
});

describe('formula --at: the readable report and the usage', () => {
  it('prints f, the gradient, the Hessian row by row, H v, H^-1 g and CG with its trace', async () => {
    const { code, out } = await runMain(['formula', '--f', SEED_F, '--at', '1,1', '--hvp', '8,4', '--solve-g', '16,12', '--precision', 'float64']);
    expect(code).toBe(0);
    expect(out.slice(0, 8)).toEqual([
      `f(x, y) = ${SEED_F} at (1, 1), in float64 on cpu64`,
      '  f        3',
      '  gradient (4, 4)',
      '  Hessian  [6, 2]',
      '           [2, 2]',
      '  H v      (56, 24)  for v = (8, 4), by double backprop',
      '  H^-1 g   (1, 5)  for g = (16, 12), by a dense LU solve',
      '  CG       (1, 5)  on (H) x = g: 2 of 10 iterations, converged; exact (1, 5)',
    ]);
    expect(out[8]).toBe('    iteration  |g - A x_k| / |g|  |x_k - x*| / |x*|');
    expect(out).toHaveLength(11);
  });

  it('--help beside --at prints the point usage; the runner help lists it too', async () => {
    const point = await runMain(['formula', '--at', '1,1', '--help']);
    expect(point.code).toBe(0);
    expect(point.out.join('\n')).toMatch(/^At a point \(seed 004\)/);
    const all = await runMain(['--help']);
    for (const flag of ['--at <x,y[,z]>', '--hvp <v>', '--solve-g <g>', '--cg-iters <n>', '--damping <d>']) expect(all.out.join('\n')).toContain(flag);
  });

  it('only the point options select the point tools: formula without them (or with --damping, a hyperparameter) is the race', () => {
    expect(isFormulaPointCall(['formula', '--f', 'x^2', '--at', '1,1'])).toBe(true);
    expect(isFormulaPointCall(['--f', 'x^2', 'formula', '--hvp=1,1'])).toBe(true);
    expect(isFormulaPointCall(['formula', '--f', 'x^2', '--optimizer', 'newton-cg', '--damping', '1e-3'])).toBe(false);
    expect(isFormulaPointCall(['rosenbrock-fit', '--at', '1,1'])).toBe(false);
  });
});

describe('formula --at: refusals, exit code 2', () => {
  it.each([
    [['--at', '1,1,1', '--hvp', '8,4'], '--at needs 2 numbers (one each for x, y), got 3'],
    [['--at', '1,1', '--hvp', '8'], '--hvp needs 2 numbers (one each for x, y), got 1'],
    [['--at', '1,1', '--solve-g', '1,2,3'], '--solve-g needs 2 numbers (one each for x, y), got 3'],
    [['--at', '1,x'], '--at needs a number, got "x"'],
    [['--at', '1,,2'], '--at needs a number, got ""'],
    [['--at', '1e999,1'], '--at must hold finite numbers'],
    [['--hvp', '8,4'], '--hvp needs --at, the point where H is taken'],
    [['--at', '1,1', '--cg-iters', '5'], '--cg-iters needs --solve-g: CG solves (H + damping I) x = g'],
    [['--at', '1,1', '--solve-g', '1,1', '--cg-iters', '0'], '--cg-iters must be a whole number from 1 to 1000, got 0'],
    [['--at', '1,1', '--solve-g', '1,1', '--damping', '-1'], '--damping must be a finite number, 0 or more, got -1'],
    [['--at', '1,1', '--precision', 'float16'], '--precision must be float32 or float64, got "float16"'],
    [['--at', '1,1', '--optimizer', 'gd'], 'unknown option "--optimizer" (formula --at computes at a point; it takes --f, --at, --hvp, --solve-g, --cg-iters, --damping, --precision, --backend, --json)'],
  ])('%j -> %s', async (rest, message) => {
    const { code, out, err } = await runMain(['formula', '--f', SEED_F, ...rest]);
    expect({ code, out, err }).toEqual({ code: 2, out: [], err: [`error: ${message}`, 'Run with --help for usage.'] });
  });

  it.each([
    ['x^3 +', '--f: unexpected end of formula at column 6'],
    ['x + w', "--f: unknown name 'w' at column 5: f may use x, y and z"],
  ])('an unparsable formula %j -> %s', async (f, message) => {
    const { code, err } = await runMain(['formula', '--f', f, '--at', '1,1']);
    expect(code).toBe(2);
    expect(err[0]).toBe(`error: ${message}`);
  });

  it('--at without --f', async () => {
    const { code, err } = await runMain(['formula', '--at', '1,1']);
    expect(code).toBe(2);
    expect(err[0]).toBe("error: formula --at needs --f, the function: --f 'x^3 + 2*x*y + y^2 - x'");
  });
});
