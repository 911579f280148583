/**
 * Semantics cross-check: the same ops on tfjs-backend-cpu and on cpu64, on inputs both hold
 * exactly (small dyadic floats, int32, bool), give the same shapes and dtypes and the same values
 * to float32 precision. This guards attribute names and dtype rules, not float64 accuracy.
 */
import '@tensorflow/tfjs-backend-cpu';
import { expect, test } from 'vitest';
import { tf } from '../tf';
import { FLOAT64_BACKEND, registerFloat64Backend } from './backend';

/** Dyadic values (k/8): exact in float32 and float64 alike. */
const dyadic = (shape: number[], seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: n }, (_, i) => (((i * 7 + seed * 13) % 23) - 11) / 8),
    shape,
  );
};
const ints = (shape: number[], seed: number) => tf.cast(tf.mul(dyadic(shape, seed), tf.scalar(8)), 'int32');
const bools = (shape: number[], seed: number) => tf.greater(dyadic(shape, seed), tf.scalar(0));

const OPS: Record<string, () => tf.Tensor | tf.Tensor[]> = {
  addBroadcast: () => tf.add(dyadic([2, 1, 3], 1), dyadic([4, 1], 2)),
  addInt: () => tf.add(ints([3], 1), ints([3], 2)),
  subIntScalar: () => tf.sub(ints([2, 2], 3), tf.scalar(3, 'int32')),
  mulBool: () => tf.mul(bools([4], 1), bools([4], 2)),
  div: () => tf.div(dyadic([3, 2], 4), tf.add(tf.abs(dyadic([2], 5)), tf.scalar(1))),
  divInt: () => tf.div(ints([4], 4), tf.scalar(3, 'int32')),
  floorDiv: () => tf.floorDiv(dyadic([5], 3), tf.scalar(0.375)),
  mod: () => tf.mod(dyadic([6], 5), tf.scalar(-0.75)),
  maximumInt: () => tf.maximum(ints([5], 6), ints([5], 7)),
  powInt: () => tf.pow(ints([3], 1), tf.scalar(2, 'int32')),
  negInt: () => tf.neg(ints([4], 8)),
  absInt: () => tf.abs(ints([4], 9)),
  squareInt: () => tf.square(ints([4], 10)),
  expInt: () => tf.exp(ints([3], 11)),
  sqrt: () => tf.sqrt(tf.abs(dyadic([3], 12))),
  tanh: () => tf.tanh(dyadic([2, 3], 13)),
  log: () => tf.log(tf.add(tf.abs(dyadic([3], 14)), tf.scalar(1))),
  sumInt: () => tf.sum(ints([3, 4], 15), 1),
  sumBool: () => tf.sum(bools([3, 4], 16), 0, true),
  meanInt: () => tf.mean(ints([3, 4], 17), [0, 1]),
  meanNeg: () => tf.mean(dyadic([2, 3, 4], 18), -1, true),
  maxInt: () => tf.max(ints([3, 4], 19), [1]),
  maxKeep: () => tf.max(dyadic([2, 3, 4], 20), [0, 2], true),
  minAll: () => tf.min(dyadic([2, 3], 21)),
  prodInt: () => tf.prod(ints([2, 3], 22), 1),
  argMax: () => tf.argMax(dyadic([3, 4], 23), 1),
  argMaxNeg: () => tf.argMax(dyadic([2, 3, 4], 24), -2),
  argMin: () => tf.argMin(dyadic([5], 25)),
  matMulInt: () => tf.matMul(ints([2, 3], 26), ints([3, 2], 27)),
  matMulBatch: () => tf.matMul(dyadic([2, 2, 3], 28), dyadic([3, 4], 29), false, false),
  castFloatInt: () => tf.cast(dyadic([6], 30), 'int32'),
  castFloatBool: () => tf.cast(dyadic([6], 31), 'bool'),
  castBoolFloat: () => tf.cast(bools([6], 32), 'float32'),
  castIntBool: () => tf.cast(ints([6], 33), 'bool'),
  concatInt: () => tf.concat([ints([2, 1], 34), ints([2, 2], 35)], -1),
  concatBool: () => tf.concat([bools([1, 2], 36), bools([2, 2], 37)], 0),
  gatherInt: () => tf.gather(ints([3, 2], 38), tf.tensor([2, 0], [2], 'int32')),
  gather2d: () => tf.gather(dyadic([2, 3, 2], 39), tf.tensor([[1, 1], [0, 2]], [2, 2], 'int32'), 1),
  oneHot: () => tf.oneHot(tf.tensor([0, 2, 5, -1], [4], 'int32'), 3),
  oneHotFloat: () => tf.oneHot(tf.tensor([[0], [1]], [2, 1], 'int32'), 2, 0.5, -0.25, 'float32'),
  pack: () => tf.stack([dyadic([2, 2], 40), dyadic([2, 2], 41)], -1),
  packInt: () => tf.stack([ints([3], 42), ints([3], 43)], 0),
  unpack: () => tf.unstack(dyadic([2, 3, 2], 44), 1),
  padInt: () => tf.pad(ints([2, 2], 45), [[1, 0], [0, 2]], 7),
  pad: () => tf.pad(dyadic([2, 1, 2], 46), [[0, 1], [1, 1], [0, 0]], -0.5),
  reshape: () => tf.reshape(dyadic([2, 6], 47), [3, -1]),
  slice: () => tf.slice(dyadic([3, 4, 2], 48), [1, 1, 0], [-1, 2, 1]),
  sliceInt: () => tf.slice(ints([5], 49), 2),
  tileInt: () => tf.tile(ints([2, 1], 50), [2, 3]),
  tileBool: () => tf.tile(bools([3], 51), [2]),
  transpose: () => tf.transpose(dyadic([2, 3, 4], 52)),
  transposeBool: () => tf.transpose(bools([2, 3], 53), [1, 0]),
  zerosLikeInt: () => tf.zerosLike(ints([2, 2], 54)),
  onesLikeBool: () => tf.onesLike(bools([2], 55)),
  fillInt: () => tf.fill([2, 2], 3, 'int32'),
  split: () => tf.split(dyadic([4, 6], 56), [1, 2, -1], 1),
  where: () => tf.where(bools([2, 3], 57), dyadic([2, 3], 58), dyadic([2, 3], 59)),
  unsortedSegmentSum: () => tf.unsortedSegmentSum(dyadic([4, 2], 60), tf.tensor1d([1, 0, 1, 3], 'int32'), 4),
  range: () => tf.range(3, -2, -1.5),
  equalInt: () => tf.equal(ints([6], 61), ints([6], 62)),
  stridedSlice: () => tf.stridedSlice(dyadic([3, 4], 63), [0, -1], [3, 0], [2, -1]),
};

interface Result {
  shape: number[];
  dtype: string;
  values: number[];
}

function runAll(): Record<string, Result[]> {
  return Object.fromEntries(
    Object.entries(OPS).map(([name, op]) => {
      const out = op();
      const list = Array.isArray(out) ? out : [out];
      return [name, list.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }))];
    }),
  );
}

test('cpu64 matches tfjs-backend-cpu on shapes, dtypes and (float32-exact) values', async () => {
  registerFloat64Backend();
  await tf.setBackend('cpu');
  const cpu = runAll();
  await tf.setBackend(FLOAT64_BACKEND);
  const ours = runAll();
  for (const name of Object.keys(OPS)) {
    expect(ours[name].length, name).toBe(cpu[name].length);
    ours[name].forEach((r, i) => {
      const c = cpu[name][i];
      expect(r.shape, name).toEqual(c.shape);
      expect(r.dtype, name).toBe(c.dtype);
      expect(r.values.length, name).toBe(c.values.length);
      // cpu rounds to float32 (tanh, exp, log); everything else is exact on both.
      r.values.forEach((v, k) => expect(Math.abs(v - c.values[k]), `${name}[${k}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v))));
    });
  }
});
