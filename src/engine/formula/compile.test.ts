/**
 * Compiled formulas on cpu64 (float64) and cpu (float32) against the float64 references of
 * formula.float64.ts and against central differences: values of random trees at random points,
 * gradients and Hessian-vector products (double backprop) of a gallery covering every function,
 * every power path and NIST's models on their data, and of random smooth trees; seed 004's
 * function exactly; exact constants on cpu64; broadcasting, errors, and no leaked tensors.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { FLOAT64_BACKEND, type ComputeBackend } from '../../catalog';
import { binaryNode, negateNode, numberNode, symbolNode, treeArbitrary } from '../../formula/arbitraries';
import { loadNist, NIST_DATASETS } from '../../data/nist';
import { evaluate, freeSymbols, hasSymbol, parse, parseModel, type Node } from '../../formula';
import { centralDifference, hvpByDifferences, maxAbs } from '../../testing/float64';
import { switchBackend } from '../backend';
import { tf } from '../tf';
import { compileFormula } from './compile';
import { derivatives64, valueWithBound } from './formula.float64';

function tree(text: string): Node {
  const r = parse(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.tree;
}

/** Data columns, by name, with the weight of each row in the loss. */
interface Rows {
  columns: Record<string, number[]>;
  weights: number[];
}

/**
 * On the current backend: L(p) = sum_i w_i f(p, row_i) (or f(p) with no rows), its gradient by
 * tf.grad, and its Hessian-vector product by tf.grad of (grad . v), with the tensor count checked.
 */
function compiledDerivatives(t: Node, params: string[], p0: number[], v: number[], rows?: Rows) {
  const f = compileFormula(t, [...params, ...Object.keys(rows?.columns ?? {})]);
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const columns = Object.fromEntries(Object.entries(rows?.columns ?? {}).map(([k, c]) => [k, tf.tensor1d(c)]));
    const weights = rows ? tf.tensor1d(rows.weights) : null;
    const loss = (p: tf.Tensor) => {
      const ps = tf.unstack(p);
      const y = f({ ...Object.fromEntries(params.map((name, k) => [name, ps[k]])), ...columns });
      return weights ? tf.sum(tf.mul(y, weights)) : tf.sum(y);
    };
    const p = tf.tensor1d(p0);
    const vt = tf.tensor1d(v);
    const grad = tf.grad(loss)(p);
    const hv = tf.grad((q: tf.Tensor) => tf.sum(tf.mul(tf.grad(loss)(q), vt)))(p);
    return { value: loss(p).dataSync()[0], grad: Array.from(grad.dataSync()), hv: Array.from(hv.dataSync()) };
  });
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  return out;
}

/** The same three in float64 by hyper-dual numbers, summed over the rows. */
function referenceDerivatives(t: Node, params: string[], p0: number[], v: number[], rows?: Rows) {
  const point = Object.fromEntries(params.map((name, k) => [name, p0[k]]));
  const n = rows?.weights.length ?? 1;
  const sum = { value: 0, grad: params.map(() => 0), hv: params.map(() => 0) };
  for (let i = 0; i < n; i++) {
    const row = Object.fromEntries(Object.entries(rows?.columns ?? {}).map(([k, c]) => [k, c[i]]));
    const d = derivatives64(t, { ...point, ...row }, params, v);
    const w = rows?.weights[i] ?? 1;
    sum.value += w * d.value;
    d.grad.forEach((g, k) => (sum.grad[k] += w * g));
    d.hv.forEach((h, k) => (sum.hv[k] += w * h));
  }
  return sum;
}

/** max_k |a_k - e_k| <= tol * max(1, max_k |e_k|). */
function expectClose(actual: number[], expected: number[], tol: number, what: string) {
  const worst = Math.max(...actual.map((a, k) => Math.abs(a - expected[k])));
  expect(worst, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, maxAbs(expected)));
}

const BACKENDS: ComputeBackend[] = [FLOAT64_BACKEND, 'cpu'];

/** A formula with its parameters and the box its random points come from. */
interface GalleryEntry {
  text: string;
  box: Record<string, [number, number]>;
}

const GALLERY: GalleryEntry[] = [
  { text: 'x^3 + 2*x*y + y^2 - x', box: { x: [-2, 2], y: [-2, 2] } },
  { text: 'sin(x)*cos(y) + tan(x*y/4)', box: { x: [-1.5, 1.5], y: [-1.5, 1.5] } },
  { text: 'atan(x - 2*y) + arctan[y^2] + tanh(x*y)', box: { x: [-2, 2], y: [-2, 2] } },
  { text: 'exp(-x*y) + exp(x)/10', box: { x: [-2, 2], y: [-1, 1] } },
  { text: 'log(x^2 + y^2) + sqrt(1 + x*y)', box: { x: [0.2, 0.9], y: [0.2, 0.9] } },
  { text: 'abs(x - 0.3)*y + abs(y)', box: { x: [0.5, 1.5], y: [-2, -0.5] } },
  { text: '(x - y)^2 + x^-2 + y^-1 + (x*y)^0', box: { x: [0.5, 2], y: [0.5, 2] } },
  { text: '(-x)^3 + (-y)^4 - x^5*y', box: { x: [0.3, 1.5], y: [0.3, 1.5] } },
  { text: 'x^2.5 + y^(1/3) + x^-0.5', box: { x: [0.3, 2], y: [0.3, 2] } },
  { text: 'x^y + 2^x + y^(x/2)', box: { x: [0.5, 2], y: [0.5, 2] } },
  { text: 'x^70 + y^-65', box: { x: [0.95, 1.05], y: [0.95, 1.05] } },
  { text: '-x^2*e + pi*y/(1 + x^2)', box: { x: [-2, 2], y: [-2, 2] } },
  { text: '(b1/b2) * exp[-0.5*((x-b3)/b2)**2]', box: { b1: [1, 2], b2: [3, 5], b3: [-1, 1], x: [-2, 2] } },
  { text: 'b1*(x**2+x*b2) / (x**2+x*b3+b4)', box: { b1: [0.1, 0.3], b2: [0.1, 0.3], b3: [0.1, 0.3], b4: [0.1, 0.3], x: [0.5, 2] } },
];

const pointIn = (box: Record<string, [number, number]>) =>
  fc.tuple(...Object.values(box).map(([lo, hi]) => fc.double({ min: lo, max: hi, noNaN: true })));
const direction = (n: number) => fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }).filter((v) => maxAbs(v) > 0.1);

describe.each(BACKENDS)('compileFormula on %s', (backend) => {
  beforeAll(async () => {
    if (!(await switchBackend(backend))) throw new Error(`${backend} did not start`);
  });
  const float64 = backend === FLOAT64_BACKEND;
  const precision = float64 ? 'float64' : 'float32';
  /** What the backend holds for a double: itself on cpu64, its float32 rounding on cpu. */
  const stored = (v: number) => (float64 ? v : Math.fround(v));

  test("seed 004's function x^3 + 2*x*y + y^2 - x at (1, 1): value 3, gradient (4, 4), Hessian [[6, 2], [2, 2]]", () => {
    const t = tree('x^3 + 2*x*y + y^2 - x');
    const tol = float64 ? 1e-12 : 1e-6;
    const e1 = compiledDerivatives(t, ['x', 'y'], [1, 1], [1, 0]);
    const e2 = compiledDerivatives(t, ['x', 'y'], [1, 1], [0, 1]);
    expectClose([e1.value], [3], tol, 'value');
    expectClose(e1.grad, [4, 4], tol, 'gradient');
    expectClose([...e1.hv, ...e2.hv], [6, 2, 2, 2], tol, 'Hessian columns');
  });

  test.prop(
    [
      treeArbitrary({ symbols: ['x', 'y', 'b1'], numbers: fc.oneof(fc.constantFrom(0, 1, 2, 0.5, 3, 10), fc.double({ min: 0, max: 10, noNaN: true })) }),
      fc.tuple(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true })),
    ],
    { numRuns: 1500 },
  )('values of random trees at random points are the float64 value, to the rounding the formula allows', (t, [x, y, b1]) => {
    const point = { x: stored(x), y: stored(y), b1: stored(b1) };
    const f = compileFormula(t, ['x', 'y', 'b1']);
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => f({ x: tf.scalar(point.x), y: tf.scalar(point.y), b1: tf.scalar(point.b1) }).dataSync()[0]);
    expect(tf.memory().numTensors).toBe(before);
    const ref = valueWithBound(t, point, precision);
    // Past float32's range the float32 value is no approximation of the float64 one.
    if (!(ref.tolerance < Infinity) || (!float64 && (ref.peak > 1e30 || ref.floor < 1e-30))) return;
    if (!Number.isFinite(ref.value)) return void expect(Object.is(got, ref.value) || (float64 ? false : !Number.isFinite(got)), `${got} vs ${ref.value}`).toBe(true);
    // Where the formula is well-conditioned the tolerance is a few units of roundoff (in float64,
    // far below 1e-12 relative); it grows only as far as the formula's conditioning makes it.
    expect(Math.abs(got - ref.value), `${got} vs ${ref.value} (tolerance ${ref.tolerance})`).toBeLessThanOrEqual(ref.tolerance);
  });

  describe.each(GALLERY.map((g) => [g.text, g] as const))('%s', (_, { text, box }) => {
    const t = tree(text);
    const params = Object.keys(box);
    const n = params.length;

    test.prop([pointIn(box), direction(n)], { numRuns: 40 })('gradient and Hessian-vector product by double backprop are exact', (p, v) => {
      const p0 = p.map(stored);
      const got = compiledDerivatives(t, params, p0, v);
      const ref = referenceDerivatives(t, params, p0, v);
      if (float64) {
        expectClose([got.value], [ref.value], 1e-13, 'value');
        expectClose(got.grad, ref.grad, 1e-12, 'gradient vs hyper-dual');
        expectClose(got.hv, ref.hv, 1e-11, 'Hv vs hyper-dual');
        // The independent check the references rest on: central differences in float64.
        const loss = (q: number[]) => evaluate(t, Object.fromEntries(params.map((name, k) => [name, q[k]])));
        expectClose(got.grad, params.map((_, k) => centralDifference(loss, p0, k, 1e-6)), 1e-7, 'gradient vs central differences');
        const grad = (q: number[]) => compiledDerivatives(t, params, q, v).grad;
        expectClose(got.hv, hvpByDifferences(grad, p0, v, 1e-5), 1e-6, 'Hv vs central differences of the gradient');
      } else {
        // float32 through up to two backward passes of these formulas.
        expectClose([got.value], [ref.value], 1e-5, 'value');
        expectClose(got.grad, ref.grad, 1e-4, 'gradient');
        expectClose(got.hv, ref.hv, 1e-3, 'Hv');
      }
    });
  });

  describe.each(NIST_DATASETS.map((d) => d.name))('NIST %s on its data', (name) => {
    const nist = loadNist(name);
    const model = parseModel(nist.model, { columns: [...nist.columnNames] });
    if (!model.ok) throw new Error(model.error.message);
    const certified = Object.fromEntries(nist.parameters.map((b, k) => [b, nist.certified[k]]));
    const column = (c: string) => Array.from(nist.columns[nist.columnNames.indexOf(c)]);
    const data = column('y').map((y, i) => [y, column('x')[i]]);

    test('its model reads with parameters b1..bn and predictor x, and at the certified values has the certified RSS (1e-8)', () => {
      expect(freeSymbols(model.expression)).toEqual([...nist.parameters, 'x']);
      const rss = data.reduce((s, [y, x]) => s + (y - evaluate(model.expression, { ...certified, x })) ** 2, 0);
      // The certified values carry 11 digits; the sum of squares is stationary there, so it agrees to ~1e-9.
      expect(Math.abs(rss - nist.residualSumOfSquares) / nist.residualSumOfSquares).toBeLessThan(1e-8);
    });
    // The least-squares loss: sum_i (y_i - f(b, x_i))^2, one tree.
    const t = binaryNode('^', binaryNode('-', model.response, model.expression), numberNode(2));
    const params = Object.keys(certified);
    const rows: Rows = { columns: { y: data.map((d) => d[0]), x: data.map((d) => d[1]) }, weights: data.map(() => 1) };

    // Within 10% of the certified values in float64. Float32 stays within 2%: at 10% Thurber's
    // denominator 1 + b5 x + b6 x^2 + b7 x^3 crosses zero at its data's x = -3.07, where the loss and
    // its derivatives have no digits to spare in float32 (a run of seed 1679577388 found one at 1.2e-3).
    const spread = float64 ? 0.1 : 0.02;
    test.prop([fc.array(fc.double({ min: 1 - spread, max: 1 + spread, noNaN: true }), { minLength: params.length, maxLength: params.length }), direction(params.length)], { numRuns: 10 })(
      'the sum of squares, its gradient and Hessian-vector product near the certified values',
      (scale, v) => {
        const p0 = params.map((b, k) => stored(certified[b] * scale[k]));
        const got = compiledDerivatives(t, params, p0, v, rows);
        const ref = referenceDerivatives(t, params, p0, v, rows);
        const tol = float64 ? 1e-10 : 1e-3;
        expectClose([got.value], [ref.value], tol, 'loss');
        expectClose(got.grad, ref.grad, tol, 'gradient');
        expectClose(got.hv, ref.hv, tol, 'Hv');
      },
    );
  });

  test('a formula of data columns broadcasts: parameters are scalars, the result is one value per row', () => {
    const f = compileFormula(tree('b1*x + b2'), ['b1', 'b2', 'x']);
    const y = tf.tidy(() => Array.from(f({ b1: tf.scalar(2), b2: tf.scalar(0.5), x: tf.tensor1d([1, 2, 3]) }).dataSync()));
    expect(y).toEqual([2.5, 4.5, 6.5]);
    const constant = tf.tidy(() => compileFormula(tree('2*pi'), [])({}).shape);
    expect(constant).toEqual([]);
  });

  test('powers: integer exponents take negative bases; other constant exponents and symbolic ones give NaN there', () => {
    const at = (text: string, x: number, b = 2) => tf.tidy(() => compileFormula(tree(text), ['x', 'b'])({ x: tf.scalar(x), b: tf.scalar(b) }).dataSync()[0]);
    expect(at('x^3', -2)).toBe(-8);
    expect(at('x^2', -3)).toBe(9);
    expect(at('x^-2', -2)).toBe(0.25);
    expect(at('x^0', 0)).toBe(1);
    expect(at('x^65', -1)).toBe(-1);
    expect(at('x^(3/2)', -1)).toBeNaN();
    expect(at('x^b', -2, 2)).toBeNaN();
    expect(at('x^b', 3, 2)).toBeCloseTo(9, float64 ? 12 : 5);
  });

  test('a formula linear in its inputs has Hessian-vector product 0 (tfjs alone refuses to compute it)', () => {
    for (const text of ['x + 2*y', 'x', '-y + 3', 'x*2^3 + atan(1)*y']) {
      const got = compiledDerivatives(tree(text), ['x', 'y'], [0.5, -1.5], [1, 2]);
      expect(got.hv, text).toEqual([0, 0]);
    }
    const plain = () => tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.mul(tf.grad((p: tf.Tensor) => tf.sum(p))(q), q)))(tf.tensor1d([1, 2])));
    expect(plain).not.toThrow();
    const linear = () => tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.grad((p: tf.Tensor) => tf.sum(p))(q)))(tf.tensor1d([1, 2])));
    expect(linear).toThrow(/Cannot compute gradient/);
  });

  test('leaks nothing and hands back a tensor of its own, even for a formula that is one symbol', () => {
    const f = compileFormula(tree('x'), ['x']);
    const x = tf.scalar(3);
    const before = tf.memory().numTensors;
    const y = f({ x });
    expect(y).not.toBe(x);
    y.dispose();
    expect(x.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('compileFormula on cpu64: exact', () => {
  beforeAll(async () => {
    if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  });

  test('constants enter in float64: 0.1, pi, 1/3 and e are the doubles JavaScript has', () => {
    for (const text of ['0.1*x + pi', 'x/3 - e', '1/3*x', '2.5E-7*x^2', 'x^(1/3)', '0.1^x', 'exp(-0.7*x)*1e-3']) {
      const t = tree(text);
      const got = tf.tidy(() => compileFormula(t, ['x'])({ x: tf.scalar(0.3) }).dataSync()[0]);
      // Same IEEE operations in the same order: bit for bit, except exp(b log a) against Math.pow.
      const ref = evaluate(t, { x: 0.3 });
      if (text === '0.1^x') expect(Math.abs(got - ref) / ref).toBeLessThan(1e-15);
      else expect(got, text).toBe(ref);
    }
  });

  const smooth = treeArbitrary({
    symbols: ['x', 'y'],
    numbers: fc.double({ min: 0.5, max: 3, noNaN: true }),
    functions: ['sin', 'cos', 'atan', 'tanh', 'exp', 'log', 'sqrt'],
    exponent: () => fc.oneof(fc.integer({ min: -3, max: 4 }).map((k) => (k < 0 ? negateNode(numberNode(-k)) : numberNode(k))), fc.constant(numberNode(0.5)), fc.constant(symbolNode('y'))),
    depthSize: 'medium',
    constants: false,
    // tf.grad refuses a function that does not depend on its argument (a constant formula).
  }).filter(hasSymbol);

  test.prop([smooth, fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), direction(2)], { numRuns: 1000 })(
    'random smooth trees: gradient and Hessian-vector product are the hyper-dual ones',
    (t, x, y, v) => {
      const ref = referenceDerivatives(t, ['x', 'y'], [x, y], v);
      const all = [ref.value, ...ref.grad, ...ref.hv];
      // Domain errors (log of a negative) and overflow have nothing to compare; nor do formulas
      // whose rounding error swamps their value (the value check above covers those).
      if (!all.every((a) => Number.isFinite(a) && Math.abs(a) < 1e8)) return;
      const bounded = valueWithBound(t, { x, y }, 'float64');
      if (!(bounded.tolerance < 1e-12 * Math.max(1, Math.abs(bounded.value)))) return;
      const got = compiledDerivatives(t, ['x', 'y'], [x, y], v);
      expectClose(got.grad, ref.grad, 1e-9, 'gradient');
      expectClose(got.hv, ref.hv, 1e-8, 'Hv');
    },
  );
});

describe('compileFormula refuses what the caller should have checked', () => {
  test('a symbol that is not an input, at compile time; a missing tensor, at call time', () => {
    expect(() => compileFormula(tree('b1*x + b3'), ['b1', 'x'])).toThrow("uses 'b3', which is not among its inputs (b1, x)");
    const f = compileFormula(tree('b1*x'), ['b1', 'x']);
    const b1 = tf.scalar(1);
    const before = tf.memory().numTensors;
    expect(() => f({ b1 })).toThrow("no tensor given for 'x'");
    expect(tf.memory().numTensors).toBe(before);
    b1.dispose();
  });
});
