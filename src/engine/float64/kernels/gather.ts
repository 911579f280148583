/**
 * Index-driven kernels: GatherV2, its gradient UnsortedSegmentSum, and OneHot.
 *
 * All three view their data as (outer, axis, inner) blocks and move whole inner rows.
 */
import type { DataType } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Float64Kernel, input, kernel, newArray, output, valuesOf } from './util';

/** GatherV2 along `axis`; only batchDims 0 (tf.gather's default) is implemented. */
const gatherV2 = kernel<{ axis: number; batchDims?: number }>(tf.GatherV2, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.GatherV2);
  const indices = input(inputs, 'indices', tf.GatherV2);
  if (attrs.batchDims != null && attrs.batchDims !== 0) {
    throw new Error(`cpu64 GatherV2: batchDims ${attrs.batchDims} is not supported (only 0)`);
  }
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const dim = x.shape[axis];
  const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
  const inner = tf.util.sizeFromShape(x.shape.slice(axis + 1));
  const idx = valuesOf(backend, indices);
  for (const i of idx) {
    if (!(i >= 0 && i < dim)) throw new Error(`cpu64 GatherV2: index ${i} is not in [0, ${dim - 1}]`);
  }
  const v = valuesOf(backend, x);
  const n = idx.length;
  const out = newArray(x.dtype, outer * n * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const from = (o * dim + idx[i]) * inner;
      out.set(v.subarray(from, from + inner), (o * n + i) * inner);
    }
  }
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  return output(backend, outShape, x.dtype, out);
});

/**
 * UnsortedSegmentSum: row i of x (over segmentIds' dims) is added into row segmentIds[i]; ids out
 * of [0, numSegments) are dropped, as the cpu backend's masked sum drops them. Rows are added in
 * index order.
 */
const unsortedSegmentSum = kernel<{ numSegments: number }>(tf.UnsortedSegmentSum, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.UnsortedSegmentSum);
  const segmentIds = input(inputs, 'segmentIds', tf.UnsortedSegmentSum);
  const { numSegments } = attrs;
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = tf.util.sizeFromShape(innerShape);
  const ids = valuesOf(backend, segmentIds);
  const v = valuesOf(backend, x);
  const out = newArray(x.dtype, numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (!(s >= 0 && s < numSegments)) continue;
    for (let j = 0; j < inner; j++) out[s * inner + j] += v[i * inner + j];
  }
  return output(backend, [numSegments, ...innerShape], x.dtype, out);
});

/** OneHot: indices outside [0, depth) give an all-`offValue` row, as in tfjs-backend-cpu. */
const oneHot = kernel<{ depth: number; onValue: number; offValue: number; dtype: DataType }>(tf.OneHot, ({ inputs, backend, attrs }) => {
  const indices = input(inputs, 'indices', tf.OneHot);
  const { depth, onValue, offValue, dtype } = attrs;
  const idx = valuesOf(backend, indices);
  const out = newArray(dtype, idx.length * depth);
  out.fill(offValue);
  for (let i = 0; i < idx.length; i++) {
    if (idx[i] >= 0 && idx[i] < depth) out[i * depth + idx[i]] = onValue;
  }
  return output(backend, [...indices.shape, depth], dtype, out);
});

export const gatherKernels: Float64Kernel[] = [gatherV2, unsortedSegmentSum, oneHot];
