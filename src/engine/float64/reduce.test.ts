/** Reductions on cpu64 against a plain-JS float64 reference: 1e-13 relative, exact for max/min/arg. */
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { expectExact, f64, maxRelErr, onCpu64, randn, ravel, size, t64, unravel } from './testing';

type Axis = number | number[] | null;

/** [shape, axis] cases: rank 0-4, size-1 dims, negative and unsorted axes, all axes. */
const CASES: Array<[number[], Axis]> = [
  [[], null],
  [[7], null],
  [[7], 0],
  [[7], -1],
  [[1], 0],
  [[3, 4], 0],
  [[3, 4], 1],
  [[3, 4], -1],
  [[3, 4], [0, 1]],
  [[2, 3, 4], [0, 2]],
  [[2, 3, 4], [2, 0]],
  [[2, 3, 4], -2],
  [[2, 1, 3, 5], [1, 3]],
  [[2, 1, 3, 5], [0, -1]],
  [[2, 1, 3, 5], 2],
  [[2, 1, 3, 5], null],
  [[1, 1, 1], [0, 2]],
];

function axesOf(axis: Axis, rank: number): number[] {
  if (axis === null) return Array.from({ length: rank }, (_, d) => d);
  return (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
}

/**
 * Reference fold: walk x in row-major order and fold each value into its output (x's coordinates
 * with the reduced ones dropped). Returns the output shape with and without kept dims.
 */
function reduceRef(x: Float64Array, shape: number[], axis: Axis, init: number, step: (acc: number, v: number) => number) {
  const axes = axesOf(axis, shape.length);
  const outShape = shape.filter((_, d) => !axes.includes(d));
  const keptShape = shape.map((s, d) => (axes.includes(d) ? 1 : s));
  const out = new Float64Array(size(outShape)).fill(init);
  const count = new Float64Array(out.length);
  for (let i = 0; i < x.length; i++) {
    const c = unravel(i, shape).filter((_, d) => !axes.includes(d));
    const o = ravel(c, outShape);
    out[o] = step(out[o], x[i]);
    count[o]++;
  }
  return { out, outShape, keptShape, count };
}

interface ReduceCase {
  name: string;
  op: (x: tf.Tensor, axis: Axis, keepDims: boolean) => tf.Tensor;
  init: number;
  step: (acc: number, v: number) => number;
  /** Inputs near 1 keep products in range. */
  inputs?: (v: number) => number;
  mean?: boolean;
}

const REDUCE: ReduceCase[] = [
  { name: 'Sum', op: (x, a, k) => tf.sum(x, a ?? undefined, k), init: 0, step: (s, v) => s + v },
  { name: 'Mean', op: (x, a, k) => tf.mean(x, a ?? undefined, k), init: 0, step: (s, v) => s + v, mean: true },
  { name: 'Prod', op: (x, a, k) => tf.prod(x, a ?? undefined, k), init: 1, step: (p, v) => p * v, inputs: (v) => 1 + 0.1 * v },
  { name: 'Max', op: (x, a, k) => tf.max(x, a ?? undefined, k), init: -Infinity, step: Math.max },
  { name: 'Min', op: (x, a, k) => tf.min(x, a ?? undefined, k), init: Infinity, step: Math.min },
];

describe('cpu64 reductions', () => {
  onCpu64();

  describe.each(REDUCE)('$name', ({ op, init, step, inputs, mean }) => {
    test.each(CASES)('shape %j axis %j', (shape, axis) => {
      const x = randn(shape, 60 + shape.length, 3).map(inputs ?? ((v: number) => v));
      const { out, outShape, keptShape, count } = reduceRef(x, shape, axis, init, step);
      const expected = mean ? out.map((s, i) => s / count[i]) : out;
      for (const keepDims of [false, true]) {
        const y = op(t64(x, shape), axis, keepDims);
        expect(y.shape).toEqual(keepDims ? keptShape : outShape);
        expect(y.dtype).toBe('float32');
        expect(maxRelErr(f64(y), expected)).toBeLessThan(1e-13);
      }
    });
  });

  test.each(CASES.flatMap(([shape, axis]): Array<[number[], number]> => (shape.length > 0 && !Array.isArray(axis) ? [[shape, axis ?? 0]] : [])))(
    'ArgMax and ArgMin: shape %j axis %j',
    (shape, a) => {
      const x = randn(shape, 70 + shape.length);
      for (const [op, better] of [
        [tf.argMax, (v: number, b: number) => v > b],
        [tf.argMin, (v: number, b: number) => v < b],
      ] as const) {
        // Reference: over the axis, index of the first extreme value.
        const { out, outShape } = reduceRef(Float64Array.from(x.keys()), shape, a, -1, (best, i) =>
          best < 0 || better(x[i], x[best]) ? i : best,
        );
        const ax = a < 0 ? a + shape.length : a;
        const stride = size(shape.slice(ax + 1));
        const expected = out.map((i) => Math.floor(i / stride) % shape[ax]);
        const y = op(t64(x, shape), a);
        expect(y.dtype).toBe('int32');
        expect(y.shape).toEqual(outShape);
        expectExact(Array.from(y.dataSync()), expected);
      }
    },
  );

  test('ArgMax takes the first of equal maxima', () => {
    expect(Array.from(tf.argMax(t64([1, 3, 3, 2], [4])).dataSync())).toEqual([1]);
    expect(Array.from(tf.argMin(t64([2, 1, 1, 2], [4])).dataSync())).toEqual([1]);
  });

  test('dtypes follow tfjs: Sum of int32/bool is int32, Mean is float32', () => {
    const i = tf.tensor([1, 2, 4, 7], [2, 2], 'int32');
    const s = tf.sum(i, 1);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual([3, 11]);
    const m = tf.mean(i, 0);
    expect(m.dtype).toBe('float32');
    expectExact(f64(m), [2.5, 4.5]);
    const b = tf.sum(tf.tensor([true, true, false], [3], 'bool'));
    expect(b.dtype).toBe('int32');
    expect(b.dataSync()[0]).toBe(2);
    expect(tf.max(i).dtype).toBe('int32');
  });

  test('Max and Min propagate NaN', () => {
    const x = t64([1, NaN, 3, 2, 5, 4], [2, 3]);
    expectExact(f64(tf.max(x, 1)), [NaN, 5]);
    expectExact(f64(tf.min(x, 1)), [NaN, 2]);
  });

  test('a float64 mean: 1e8 + a tiny offset survives', () => {
    const x = t64([1e8 + 1e-7, 1e8 + 3e-7], [2]);
    // float32 cannot even hold 1e8 + 1e-7; float64 keeps the offset to ~1e-8 absolute.
    expect(Math.abs(f64(tf.mean(x))[0] - (1e8 + 2e-7))).toBeLessThan(2e-8);
  });
});
