/**
 * Data-movement and index kernels on cpu64 against plain-JS references built from coordinates.
 * Nothing here does arithmetic (except UnsortedSegmentSum), so every value must be bit-exact.
 */
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { FLOAT64_BACKEND } from './backend';
import { expectExact, f64, maxRelErr, onCpu64, randn, ravel, size, t64, unravel } from './testing';

/** The array of `shape` whose element at coordinates c is at(c). */
function build(shape: number[], at: (c: number[]) => number): Float64Array {
  return Float64Array.from({ length: size(shape) }, (_, i) => at(unravel(i, shape)));
}

describe('cpu64 shape kernels', () => {
  onCpu64();

  test('Reshape (with -1), ExpandDims, Squeeze share exact values', () => {
    const x = randn([2, 3, 4], 100);
    const t = t64(x, [2, 3, 4]);
    const ids = tf.backend().numDataIds();
    const r = tf.reshape(t, [4, -1]);
    expect(r.shape).toEqual([4, 6]);
    expect(tf.expandDims(t, -1).shape).toEqual([2, 3, 4, 1]);
    expect(tf.expandDims(t, 1).shape).toEqual([2, 1, 3, 4]);
    expect(tf.squeeze(t64(x, [1, 2, 1, 12])).shape).toEqual([2, 12]);
    // Reshape and ExpandDims added no backend data (the squeeze's input t64 did).
    expect(tf.backend().numDataIds()).toBe(ids + 1);
    expectExact(f64(r), x);
    expect(() => tf.reshape(t, [5, 5])).toThrow();
  });

  test.each([
    [[5], [0]],
    [[3, 4], [1, 0]],
    [[2, 3, 4], [2, 0, 1]],
    [[2, 3, 4], [0, 2, 1]],
    [[2, 1, 3, 5], [3, 1, 0, 2]],
    [[2, 3, 4, 5], [0, 1, 2, 3]],
  ])('Transpose %j perm %j', (shape, perm) => {
    const x = randn(shape, 110);
    const outShape = perm.map((p) => shape[p]);
    const expected = build(outShape, (c) => {
      const xc = new Array<number>(shape.length);
      perm.forEach((p, d) => (xc[p] = c[d]));
      return x[ravel(xc, shape)];
    });
    const y = tf.transpose(t64(x, shape), perm);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test.each([
    [[7], [2], [3]],
    [[7], [2], [-1]],
    [[3, 4], [1, 0], [2, 4]],
    [[3, 4], [0, 1], [-1, 2]],
    [[2, 3, 4], [1, 1, 1], [1, 2, 3]],
    [[2, 3, 4, 5], [0, 2, 1, 3], [2, 1, -1, 2]],
    [[2, 1, 3], [1, 0, 0], [1, 1, 3]],
  ])('Slice %j begin %j size %j', (shape, begin, sz) => {
    const x = randn(shape, 120);
    const outShape = sz.map((s, d) => (s === -1 ? shape[d] - begin[d] : s));
    const expected = build(outShape, (c) => x[ravel(c.map((v, d) => v + begin[d]), shape)]);
    const y = tf.slice(t64(x, shape), begin, sz);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test.each([
    [[8], [1], [7], [2]],
    [[8], [6], [0], [-2]],
    [[4, 5], [0, 4], [4, 0], [1, -1]],
    [[3, 4, 5], [2, 0, 1], [0, 4, 5], [-1, 3, 2]],
  ])('StridedSlice %j begin %j end %j strides %j', (shape, begin, end, strides) => {
    const x = randn(shape, 125);
    // The indices each axis visits: begin, begin + step, ... while short of end.
    const picks = shape.map((_, d) => {
      const out: number[] = [];
      for (let i = begin[d]; strides[d] > 0 ? i < end[d] : i > end[d]; i += strides[d]) out.push(i);
      return out;
    });
    const outShape = picks.map((p) => p.length);
    const expected = build(outShape, (c) => x[ravel(c.map((v, d) => picks[d][v]), shape)]);
    const y = tf.stridedSlice(t64(x, shape), begin, end, strides);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test('StridedSlice masks agree with tfjs-backend-cpu', async () => {
    const shape = [3, 4, 5];
    // Integers: exact on both backends.
    const x = Array.from({ length: size(shape) }, (_, i) => i);
    const cases: Array<Parameters<typeof tf.stridedSlice>> = [
      [x, [0, 1], [0, 3], [1, 1], 1, 1],
      [x, [1], [2], [1], 0, 0, 0, 0, 1],
      [x, [0, 0, 1], [0, 0, 4], [1, 1, 2], 0, 0, 2],
      [x, [0, 0], [2, 0], [1, 1], 0, 0, 0, 2],
    ];
    const run = () => cases.map(([, ...rest]) => tf.stridedSlice(tf.tensor(x, shape), ...(rest as [number[], number[], number[]])));
    await tf.setBackend('cpu');
    let cpu: Array<{ shape: number[]; values: number[] }>;
    try {
      cpu = run().map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
    } finally {
      await tf.setBackend(FLOAT64_BACKEND);
    }
    const ours = run();
    ours.forEach((t, i) => {
      expect(t.shape).toEqual(cpu[i].shape);
      expectExact(f64(t), cpu[i].values);
    });
  });

  test('StridedSlice with negative steps, masks and a shrunk axis', () => {
    const shape = [3, 4, 5];
    const x = randn(shape, 126);
    const t = t64(x, shape);
    // Rows 2, 1; columns from the last backwards in steps of 2 (end masked): 3, 1.
    const y = tf.stridedSlice(t, [2, -1], [0, 0], [-1, -2], 0, 2);
    expect(y.shape).toEqual([2, 2, 5]);
    expectExact(f64(y), build([2, 2, 5], (c) => x[ravel([[2, 1][c[0]], [3, 1][c[1]], c[2]], shape)]));
    // Last row (shrunk away), depth 4 and 1 (stride -3).
    const z = tf.stridedSlice(t, [-1, 0, 4], [0, 4, 0], [1, 1, -3], 0, 0, 0, 0, 1);
    expect(z.shape).toEqual([4, 2]);
    expectExact(f64(z), build([4, 2], (c) => x[ravel([2, c[0], [4, 1][c[1]]], shape)]));
  });

  test.each([
    [[[3], [4], [1]], 0],
    [[[2, 3], [2, 1], [2, 4]], 1],
    [[[2, 3], [2, 1], [2, 4]], -1],
    [[[1, 3], [2, 3]], 0],
    [[[2, 3, 4], [2, 3, 1]], 2],
    [[[2, 1, 3, 2], [2, 2, 3, 2], [2, 0, 3, 2]], 1],
  ])('Concat %j axis %d', (shapes, axis) => {
    const xs = shapes.map((s, i) => randn(s, 130 + i));
    const rank = shapes[0].length;
    const ax = axis < 0 ? axis + rank : axis;
    const outShape = shapes[0].slice();
    outShape[ax] = shapes.reduce((s, sh) => s + sh[ax], 0);
    const expected = build(outShape, (c) => {
      let k = c[ax];
      let t = 0;
      while (k >= shapes[t][ax]) k -= shapes[t++][ax];
      const cc = c.slice();
      cc[ax] = k;
      return xs[t][ravel(cc, shapes[t])];
    });
    const y = tf.concat(
      xs.map((v, i) => t64(v, shapes[i])),
      axis,
    );
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test.each([
    [[4], 0],
    [[4], 1],
    [[4], -1],
    [[2, 3], 1],
    [[2, 3, 1], 3],
    [[], 0],
  ])('Pack (stack) of 3 x %j axis %d, and Unpack back', (shape, axis) => {
    const xs = [0, 1, 2].map((i) => randn(shape, 140 + i));
    const ax = axis < 0 ? axis + shape.length + 1 : axis;
    const outShape = shape.slice();
    outShape.splice(ax, 0, 3);
    const expected = build(outShape, (c) => xs[c[ax]][ravel(c.toSpliced(ax, 1), shape)]);
    const y = tf.stack(
      xs.map((v) => t64(v, shape)),
      axis,
    );
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
    const parts = tf.unstack(y, axis);
    expect(parts).toHaveLength(3);
    parts.forEach((p, i) => {
      expect(p.shape).toEqual(shape);
      expectExact(f64(p), xs[i]);
    });
  });

  test('Unpack along a middle and a negative axis', () => {
    const shape = [2, 3, 4];
    const x = randn(shape, 150);
    for (const axis of [1, -1]) {
      const ax = axis < 0 ? axis + 3 : axis;
      const parts = tf.unstack(t64(x, shape), axis);
      expect(parts).toHaveLength(shape[ax]);
      const rest = shape.filter((_, d) => d !== ax);
      parts.forEach((p, k) => {
        expect(p.shape).toEqual(rest);
        expectExact(f64(p), build(rest, (c) => x[ravel(c.toSpliced(ax, 0, k), shape)]));
      });
    }
  });

  test('SplitV into equal parts and given sizes', () => {
    const shape = [2, 6, 3];
    const x = randn(shape, 160);
    const check = (parts: tf.Tensor[], sizes: number[]) => {
      let at = 0;
      parts.forEach((p, i) => {
        const ps = [2, sizes[i], 3];
        expect(p.shape).toEqual(ps);
        expectExact(f64(p), build(ps, (c) => x[ravel([c[0], c[1] + at, c[2]], shape)]));
        at += sizes[i];
      });
    };
    check(tf.split(t64(x, shape), 3, 1), [2, 2, 2]);
    check(tf.split(t64(x, shape), [1, -1, 2], -2), [1, 3, 2]);
  });

  test.each([
    [[3], [[1, 2]], 0],
    [[2, 3], [[0, 1], [2, 0]], 0.1],
    [[2, 1, 3], [[1, 1], [0, 2], [1, 0]], -2.5],
    [[1, 2, 2, 1], [[0, 0], [1, 1], [0, 1], [2, 0]], 0],
  ])('PadV2 %j paddings %j value %d', (shape, paddings, value) => {
    const x = randn(shape, 170);
    const outShape = shape.map((s, d) => s + paddings[d][0] + paddings[d][1]);
    const expected = build(outShape, (c) => {
      const xc = c.map((v, d) => v - paddings[d][0]);
      return xc.every((v, d) => v >= 0 && v < shape[d]) ? x[ravel(xc, shape)] : value;
    });
    const y = tf.pad(t64(x, shape), paddings as Array<[number, number]>, value);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test.each([
    [[3], [2]],
    [[2, 3], [1, 2]],
    [[2, 3], [3, 1]],
    [[2, 1, 3], [2, 4, 1]],
    [[1, 2, 1, 2], [2, 1, 3, 2]],
  ])('Tile %j reps %j', (shape, reps) => {
    const x = randn(shape, 180);
    const outShape = shape.map((s, d) => s * reps[d]);
    const expected = build(outShape, (c) => x[ravel(c.map((v, d) => v % shape[d]), shape)]);
    const y = tf.tile(t64(x, shape), reps);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });
});

describe('cpu64 index kernels', () => {
  onCpu64();

  test.each([
    [[5], [3, 0, 3], [3], 0],
    [[4, 3], [2, 0], [2], 0],
    [[4, 3], [2, 2, 1, 0], [2, 2], 1],
    [[2, 3, 4], [3, 1], [2], -1],
    [[2, 3, 4], [1], [], 1],
    [[2, 3, 1, 2], [0, 1, 1, 0, 1, 0], [3, 2], 3],
  ])('GatherV2 x %j indices %j (shape %j) axis %d', (shape, idx, idxShape, axis) => {
    const x = randn(shape, 190);
    const ax = axis < 0 ? axis + shape.length : axis;
    const outShape = [...shape.slice(0, ax), ...idxShape, ...shape.slice(ax + 1)];
    const r = idxShape.length;
    const expected = build(outShape, (c) => {
      const i = idx[ravel(c.slice(ax, ax + r), idxShape)];
      return x[ravel([...c.slice(0, ax), i, ...c.slice(ax + r)], shape)];
    });
    const y = tf.gather(t64(x, shape), tf.tensor(idx, idxShape, 'int32'), axis);
    expect(y.shape).toEqual(outShape);
    expectExact(f64(y), expected);
  });

  test('GatherV2 rejects out-of-range indices and batchDims other than 0', () => {
    const x = t64(randn([2, 3], 191), [2, 3]);
    expect(() => tf.gather(x, tf.tensor([3], [1], 'int32'), 1)).toThrow(/index 3/);
    expect(() => tf.gather(x, tf.tensor([[0], [1]], [2, 1], 'int32'), 1, 1)).toThrow(/batchDims 1 is not supported/);
  });

  test('OneHot: int32 default, float32 with float64 on/off values, out-of-range rows all off', () => {
    const idx = tf.tensor([2, 0, -1, 3], [2, 2], 'int32');
    const y = tf.oneHot(idx, 3);
    expect(y.dtype).toBe('int32');
    expect(y.shape).toEqual([2, 2, 3]);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const z = tf.oneHot(tf.tensor([1, 0], [2], 'int32'), 2, 0.1, -0.3, 'float32');
    expectExact(f64(z), [-0.3, 0.1, 0.1, -0.3]);
  });

  test('UnsortedSegmentSum adds rows into their segments in index order', () => {
    const shape = [5, 3];
    const x = randn(shape, 200);
    const ids = [2, 0, 2, 3, 0];
    const expected = new Float64Array(4 * 3);
    ids.forEach((s, i) => {
      for (let j = 0; j < 3; j++) expected[s * 3 + j] += x[i * 3 + j];
    });
    const y = tf.unsortedSegmentSum(t64(x, shape), tf.tensor1d(ids, 'int32'), 4);
    expect(y.shape).toEqual([4, 3]);
    expect(maxRelErr(f64(y), expected)).toBeLessThan(1e-13);
  });
});
