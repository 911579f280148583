/**
 * Elementwise and creation kernels on cpu64 against plain-JS float64 references. Ops that are one
 * IEEE operation (add, sub, mul, div, neg, square, sqrt, ...) must be bit-exact; library functions
 * (exp, tanh, ...) within 1e-13 relative.
 */
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { broadcastIndex, broadcastShape, expectExact, f64, maxRelErr, onCpu64, randn, size, t64, unravel } from './testing';

type Binary = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** Shape pairs covering equal shapes, scalars, size-1 dims, rank differences up to 4. */
const SHAPE_PAIRS: Array<[number[], number[]]> = [
  [[5], [5]],
  [[], [2, 3]],
  [[2, 3], []],
  [[3, 4], [4]],
  [[2, 3], [2, 1]],
  [[1], [2, 3]],
  [[2, 1, 4], [3, 1]],
  [[2, 3, 1, 5], [1, 3, 4, 1]],
  [[1, 1], [1]],
  [[4, 1, 1, 2], [2]],
];

/** Reference broadcast: each output element from the two inputs' broadcast indices. */
function broadcastRef(a: Float64Array, aShape: number[], b: Float64Array, bShape: number[], fn: (x: number, y: number) => number) {
  const outShape = broadcastShape(aShape, bShape);
  const out = new Float64Array(size(outShape));
  for (let i = 0; i < out.length; i++) {
    const c = unravel(i, outShape);
    out[i] = fn(a[broadcastIndex(c, aShape)], b[broadcastIndex(c, bShape)]);
  }
  return { outShape, out };
}

interface BinaryCase {
  name: string;
  op: Binary;
  ref: (a: number, b: number) => number;
  /** Transform of the random inputs into the op's domain. */
  domain?: (v: number) => number;
  exact: boolean;
}

const BINARY: BinaryCase[] = [
  { name: 'Add', op: (a, b) => tf.add(a, b), ref: (a, b) => a + b, exact: true },
  { name: 'Sub', op: (a, b) => tf.sub(a, b), ref: (a, b) => a - b, exact: true },
  { name: 'Multiply', op: (a, b) => tf.mul(a, b), ref: (a, b) => a * b, exact: true },
  { name: 'RealDiv', op: (a, b) => tf.div(a, b), ref: (a, b) => a / b, exact: true },
  { name: 'Maximum', op: (a, b) => tf.maximum(a, b), ref: (a, b) => Math.max(a, b), exact: true },
  { name: 'Minimum', op: (a, b) => tf.minimum(a, b), ref: (a, b) => Math.min(a, b), exact: true },
  { name: 'SquaredDifference', op: (a, b) => tf.squaredDifference(a, b), ref: (a, b) => (a - b) * (a - b), exact: true },
  { name: 'Pow', op: (a, b) => tf.pow(a, b), ref: (a, b) => a ** b, domain: (v) => Math.abs(v) + 0.1, exact: false },
];

const COMPARE: Array<{ name: string; op: Binary; ref: (a: number, b: number) => boolean }> = [
  { name: 'Equal', op: (a, b) => tf.equal(a, b), ref: (a, b) => a === b },
  { name: 'NotEqual', op: (a, b) => tf.notEqual(a, b), ref: (a, b) => a !== b },
  { name: 'Greater', op: (a, b) => tf.greater(a, b), ref: (a, b) => a > b },
  { name: 'GreaterEqual', op: (a, b) => tf.greaterEqual(a, b), ref: (a, b) => a >= b },
  { name: 'Less', op: (a, b) => tf.less(a, b), ref: (a, b) => a < b },
  { name: 'LessEqual', op: (a, b) => tf.lessEqual(a, b), ref: (a, b) => a <= b },
];

interface UnaryCase {
  name: string;
  op: (x: tf.Tensor) => tf.Tensor;
  ref: (x: number) => number;
  domain?: (v: number) => number;
  exact: boolean;
}

const positive = (v: number) => Math.abs(v) + 1e-3;
const UNARY: UnaryCase[] = [
  { name: 'Neg', op: (x) => tf.neg(x), ref: (x) => -x, exact: true },
  { name: 'Abs', op: (x) => tf.abs(x), ref: Math.abs, exact: true },
  { name: 'Square', op: (x) => tf.square(x), ref: (x) => x * x, exact: true },
  { name: 'Sqrt', op: (x) => tf.sqrt(x), ref: Math.sqrt, domain: positive, exact: true },
  { name: 'Reciprocal', op: (x) => tf.reciprocal(x), ref: (x) => 1 / x, exact: true },
  { name: 'Sign', op: (x) => tf.sign(x), ref: Math.sign, exact: true },
  { name: 'Floor', op: (x) => tf.floor(x), ref: Math.floor, exact: true },
  { name: 'Ceil', op: (x) => tf.ceil(x), ref: Math.ceil, exact: true },
  { name: 'Relu', op: (x) => tf.relu(x), ref: (x) => Math.max(x, 0), exact: true },
  { name: 'Exp', op: (x) => tf.exp(x), ref: Math.exp, exact: false },
  { name: 'Expm1', op: (x) => tf.expm1(x), ref: Math.expm1, exact: false },
  { name: 'Log', op: (x) => tf.log(x), ref: Math.log, domain: positive, exact: false },
  { name: 'Log1p', op: (x) => tf.log1p(x), ref: Math.log1p, domain: positive, exact: false },
  { name: 'Rsqrt', op: (x) => tf.rsqrt(x), ref: (x) => 1 / Math.sqrt(x), domain: positive, exact: false },
  { name: 'Tanh', op: (x) => tf.tanh(x), ref: Math.tanh, exact: false },
  { name: 'Sigmoid', op: (x) => tf.sigmoid(x), ref: (x) => 1 / (1 + Math.exp(-x)), exact: false },
  { name: 'Sin', op: (x) => tf.sin(x), ref: Math.sin, exact: false },
  { name: 'Cos', op: (x) => tf.cos(x), ref: Math.cos, exact: false },
];

const UNARY_SHAPES = [[], [1], [7], [3, 4], [2, 1, 3], [2, 3, 1, 4]];

describe('cpu64 elementwise kernels', () => {
  onCpu64();

  describe.each(BINARY)('$name', ({ op, ref, domain, exact }) => {
    test.each(SHAPE_PAIRS)('%j with %j', (aShape, bShape) => {
      const map = domain ?? ((v: number) => v);
      const a = randn(aShape, 10 + aShape.length).map(map);
      const b = randn(bShape, 20 + bShape.length).map(map);
      const { outShape, out } = broadcastRef(a, aShape, b, bShape, ref);
      const y = op(t64(a, aShape), t64(b, bShape));
      expect(y.shape).toEqual(outShape);
      expect(y.dtype).toBe('float32');
      if (exact) expectExact(f64(y), out);
      else expect(maxRelErr(f64(y), out)).toBeLessThan(1e-13);
    });
  });

  test.each(COMPARE)('$name gives bool, with ties', ({ op, ref }) => {
    for (const [aShape, bShape] of SHAPE_PAIRS) {
      const a = randn(aShape, 1);
      // Copy some of a into b so that ties occur where the shapes line up.
      const b = randn(bShape, 2).map((v, i) => (i % 2 === 0 && i < a.length ? a[i] : v));
      const { outShape, out } = broadcastRef(a, aShape, b, bShape, (x, y) => (ref(x, y) ? 1 : 0));
      const y = op(t64(a, aShape), t64(b, bShape));
      expect(y.dtype).toBe('bool');
      expect(y.shape).toEqual(outShape);
      expectExact(y.dataSync(), out);
    }
  });

  test('int32 arithmetic stays int32', () => {
    const a = tf.tensor([1, -2, 3], [3], 'int32');
    const b = tf.tensor([4, 5, -6], [3], 'int32');
    const s = tf.add(a, b);
    expect(s.dtype).toBe('int32');
    expect(s.dataSync()).toBeInstanceOf(Int32Array);
    expect(Array.from(tf.mul(a, b).dataSync())).toEqual([4, -10, -18]);
  });

  describe.each(UNARY)('$name', ({ op, ref, domain, exact }) => {
    test.each(UNARY_SHAPES.map((s) => [s]))('shape %j', (shape) => {
      const x = randn(shape, 30 + shape.length, 2).map(domain ?? ((v: number) => v));
      const y = op(t64(x, shape));
      const expected = x.map(ref);
      expect(y.shape).toEqual(shape);
      if (exact) expectExact(f64(y), expected);
      else expect(maxRelErr(f64(y), expected)).toBeLessThan(1e-13);
    });
  });

  test('Sign and Relu of zeros; Step and ClipByValue', () => {
    const x = t64([-1.5, -0, 0, 2.25, NaN], [5]);
    expectExact(f64(tf.sign(x)), [-1, 0, 0, 1, 0]);
    expectExact(f64(tf.step(x, 0.1)), [0.1, 0.1, 0.1, 1, NaN]);
    expectExact(f64(tf.clipByValue(t64([-3, 0.3, 5], [3]), -0.1, 0.7)), [-0.1, 0.3, 0.7]);
  });

  test('Select (tf.where) with broadcasting, and AddN', () => {
    const cond = tf.tensor([true, false, true], [3, 1], 'bool');
    const a = randn([3, 2], 40);
    const b = randn([2], 41);
    const y = tf.where(cond, t64(a, [3, 2]), t64(b, [2]));
    expectExact(f64(y), [a[0], a[1], b[0], b[1], a[4], a[5]]);
    const xs = [randn([2, 2], 42), randn([2, 2], 43), randn([2, 2], 44)];
    const sum = tf.addN(xs.map((v) => t64(v, [2, 2])));
    expectExact(
      f64(sum),
      xs[0].map((v, i) => v + xs[1][i] + xs[2][i]),
    );
  });

  test('logical ops', () => {
    const p = tf.tensor([true, true, false, false], [4], 'bool');
    const q = tf.tensor([true, false, true, false], [4], 'bool');
    expect(Array.from(tf.logicalAnd(p, q).dataSync())).toEqual([1, 0, 0, 0]);
    expect(Array.from(tf.logicalOr(p, q).dataSync())).toEqual([1, 1, 1, 0]);
    expect(Array.from(tf.logicalNot(p).dataSync())).toEqual([0, 0, 1, 1]);
  });

  test('Cast between float32, int32 and bool (int32 truncates toward zero)', () => {
    const x = t64([-2.7, -0.2, 0, 0.9, 3.99, 1e-300], [6]);
    const i = tf.cast(x, 'int32');
    expect(i.dtype).toBe('int32');
    expect(i.dataSync()).toBeInstanceOf(Int32Array);
    expect(Array.from(i.dataSync())).toEqual([-2, 0, 0, 0, 3, 0]);
    const b = tf.cast(x, 'bool');
    expect(b.dataSync()).toBeInstanceOf(Uint8Array);
    expect(Array.from(b.dataSync())).toEqual([1, 1, 0, 1, 1, 1]);
    expectExact(f64(tf.cast(i, 'float32')), [-2, 0, 0, 0, 3, 0]);
    expectExact(f64(tf.cast(b, 'float32')), [1, 1, 0, 1, 1, 1]);
    expect(Array.from(tf.cast(b, 'int32').dataSync())).toEqual([1, 1, 0, 1, 1, 1]);
    expect(Array.from(tf.cast(i, 'bool').dataSync())).toEqual([1, 0, 0, 0, 1, 0]);
    // Same dtype shares the data: no new backend data.
    const ids = tf.backend().numDataIds();
    const same = tf.cast(x, 'float32');
    expect(tf.backend().numDataIds()).toBe(ids);
    expectExact(f64(same), f64(x));
  });

  test('Identity, Fill, ZerosLike, OnesLike, Range keep float64 values', () => {
    const x = randn([2, 3], 50);
    expectExact(f64(tf.clone(t64(x, [2, 3]))), x);
    // Attribute values are JS doubles: 0.1 arrives unrounded.
    const filled = tf.fill([2, 2], 0.1);
    expect(filled.shape).toEqual([2, 2]);
    expectExact(f64(filled), [0.1, 0.1, 0.1, 0.1]);
    expectExact(f64(tf.zerosLike(t64(x, [2, 3]))), new Float64Array(6));
    expectExact(f64(tf.onesLike(t64(x, [2, 3]))), new Float64Array(6).fill(1));
    expect(tf.zerosLike(tf.tensor([1, 2], [2], 'int32')).dtype).toBe('int32');
    const r = tf.range(0, 1, 0.1);
    expectExact(
      f64(r),
      Array.from({ length: 10 }, (_, i) => i * 0.1),
    );
    expect(Array.from(tf.range(5, 1, -1.5, 'int32').dataSync())).toEqual([5, 3, 2]);
  });
});
