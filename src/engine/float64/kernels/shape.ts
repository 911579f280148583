/**
 * Data-movement kernels: Reshape, ExpandDims, Transpose, Slice, StridedSlice, Concat, Pack,
 * Unpack, SplitV, PadV2, Tile. None does arithmetic, so each output value is a bit-exact copy.
 *
 * Reshape and ExpandDims share the input's data (one more reference); the others gather through
 * `stridedOffsets`, which turns each of them into a choice of shape, strides and start.
 */
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type Float64Kernel,
  gatherAt,
  input,
  inputList,
  kernel,
  newArray,
  normalizeAxis,
  output,
  rowMajorStrides,
  share,
  stridedOffsets,
  valuesOf,
} from './util';

function reshapeTo(backend: KernelBackend, x: TensorInfo, shape: number[]): TensorInfo {
  const size = tf.util.sizeFromShape(x.shape);
  const newShape = tf.util.inferFromImplicitShape(shape, size);
  if (tf.util.sizeFromShape(newShape) !== size) {
    throw new Error(`cpu64 Reshape: cannot reshape ${x.shape} (${size} elements) to ${newShape}`);
  }
  return share(backend, x, newShape);
}

const reshape = kernel<{ shape: number[] }>(tf.Reshape, ({ inputs, backend, attrs }) =>
  reshapeTo(backend, input(inputs, 'x', tf.Reshape), attrs.shape),
);

const expandDims = kernel<{ dim: number }>(tf.ExpandDims, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'input', tf.ExpandDims);
  // dim may be -(rank+1)..rank: a new axis can go after the last one.
  const dim = normalizeAxis(attrs.dim, x.shape.length + 1, tf.ExpandDims);
  const shape = x.shape.slice();
  shape.splice(dim, 0, 1);
  return share(backend, x, shape);
});

/** `x` read through `shape`/`strides` from `base`, as a new tensor of shape `outShape`. */
function gatherStrided(backend: KernelBackend, x: TensorInfo, shape: number[], strides: number[], base: number, outShape = shape): TensorInfo {
  return output(backend, outShape, x.dtype, gatherAt(valuesOf(backend, x), stridedOffsets(shape, strides, base), x.dtype));
}

const transpose = kernel<{ perm: number[] }>(tf.Transpose, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.Transpose);
  const strides = rowMajorStrides(x.shape);
  const { perm } = attrs;
  return gatherStrided(
    backend,
    x,
    perm.map((p) => x.shape[p]),
    perm.map((p) => strides[p]),
    0,
  );
});

function sliceOf(backend: KernelBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const strides = rowMajorStrides(x.shape);
  return gatherStrided(backend, x, size, strides, begin.reduce((s, b, d) => s + b * strides[d], 0));
}

/** Slice: `size` -1 means "to the end", resolved by tfjs's own parser. */
const slice = kernel<{ begin: number | number[]; size: number | number[] }>(tf.Slice, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.Slice);
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
  tf.slice_util.assertParamsValid(x, begin, size);
  return sliceOf(backend, x, begin, size);
});

interface StridedSliceAttrs {
  begin: number[];
  end: number[];
  strides: number[];
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

/**
 * StridedSlice: tfjs's `sliceInfo` resolves the masks into a start and a step per input axis;
 * axis d then visits ceil((end - begin) / step) indices begin, begin + step, ... The result is
 * that dense selection under the final shape (shrunk axes dropped, new axes of size 1 added).
 */
const stridedSlice = kernel<StridedSliceAttrs>(tf.StridedSlice, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.StridedSlice);
  const a = attrs;
  const info = tf.slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
  const counts = tf.slice_util.computeOutShape(info.begin, info.end, info.strides).map((n) => Math.max(n, 0));
  const xStrides = rowMajorStrides(x.shape);
  const steps = counts.map((_, d) => info.strides[d] * xStrides[d]);
  const base = counts.reduce((s, _, d) => s + info.begin[d] * xStrides[d], 0);
  return gatherStrided(backend, x, counts, steps, base, info.finalShape);
});

/**
 * Concat viewed as 2-D: every input is (outer x inner_i) with outer the product of the dims before
 * the axis, and the output's rows are the inputs' rows side by side.
 */
function concatAlong(backend: KernelBackend, ts: TensorInfo[], axis: number): TensorInfo {
  const ax = tf.util.parseAxisParam(axis, ts[0].shape)[0];
  tf.backend_util.assertParamsConsistent(
    ts.map((t) => t.shape),
    ax,
  );
  const outShape = tf.backend_util.computeOutShape(
    ts.map((t) => t.shape),
    ax,
  );
  const dtype = ts[0].dtype;
  const out = newArray(dtype, tf.util.sizeFromShape(outShape));
  const outer = tf.util.sizeFromShape(outShape.slice(0, ax));
  const rowLength = tf.util.sizeFromShape(outShape.slice(ax));
  let col = 0;
  for (const t of ts) {
    const v = valuesOf(backend, t);
    const inner = tf.util.sizeFromShape(t.shape.slice(ax));
    for (let o = 0; o < outer; o++) out.set(v.subarray(o * inner, (o + 1) * inner), o * rowLength + col);
    col += inner;
  }
  return output(backend, outShape, dtype, out);
}

const concat = kernel<{ axis: number }>(tf.Concat, ({ inputs, backend, attrs }) => concatAlong(backend, inputList(inputs), attrs.axis));

/** Pack (tf.stack): concat of the inputs each given a size-1 axis at `axis`. */
const pack = kernel<{ axis: number }>(tf.Pack, ({ inputs, backend, attrs }) => {
  const ts = inputList(inputs);
  const shape = ts[0].shape;
  for (const t of ts) tf.util.assertShapesMatch(shape, t.shape, 'cpu64 Pack: all tensors passed to stack must have matching shapes');
  const axis = normalizeAxis(attrs.axis, shape.length + 1, tf.Pack);
  const expanded = shape.slice();
  expanded.splice(axis, 0, 1);
  // Same values, new shape: no reference to count since concat only reads them.
  return concatAlong(
    backend,
    ts.map((t) => ({ ...t, shape: expanded })),
    axis,
  );
});

/** Unpack (tf.unstack): one slice per index along `axis`, with that axis dropped. */
const unpack = kernel<{ axis: number }>(tf.Unpack, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'value', tf.Unpack);
  const axis = normalizeAxis(attrs.axis, x.shape.length, tf.Unpack);
  const strides = rowMajorStrides(x.shape);
  const outShape = x.shape.filter((_, d) => d !== axis);
  const outStrides = strides.filter((_, d) => d !== axis);
  return Array.from({ length: x.shape[axis] }, (_, i) => gatherStrided(backend, x, outShape, outStrides, i * strides[axis]));
});

/** SplitV (tf.split, and Concat's gradient): consecutive slices along `axis`. */
const splitV = kernel<{ numOrSizeSplits: number | number[]; axis: number }>(tf.SplitV, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.SplitV);
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const begin = x.shape.map(() => 0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const piece = sliceOf(backend, x, begin, size);
    begin[axis] += s;
    return piece;
  });
});

/** PadV2: the output starts as `constantValue` and x is scattered into its interior. */
const padV2 = kernel<{ paddings: Array<[number, number]>; constantValue: number }>(tf.PadV2, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.PadV2);
  const { paddings, constantValue } = attrs;
  const outShape = x.shape.map((s, d) => paddings[d][0] + s + paddings[d][1]);
  const outStrides = rowMajorStrides(outShape);
  const out = newArray(x.dtype, tf.util.sizeFromShape(outShape));
  out.fill(constantValue);
  const at = stridedOffsets(
    x.shape,
    outStrides,
    paddings.reduce((s, p, d) => s + p[0] * outStrides[d], 0),
  );
  const v = valuesOf(backend, x);
  for (let i = 0; i < at.length; i++) out[at[i]] = v[i];
  return output(backend, outShape, x.dtype, out);
});

/**
 * Tile: an output of shape (r0*s0, r1*s1, ...) is, in row-major order, the array of shape
 * (r0, s0, r1, s1, ...) whose element (i0, j0, i1, j1, ...) is x[j0, j1, ...]: a gather with
 * stride 0 on the repeat axes.
 */
const tile = kernel<{ reps: number[] }>(tf.Tile, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.Tile);
  const { reps } = attrs;
  if (reps.length !== x.shape.length) throw new Error(`cpu64 Tile: reps ${reps} must have one entry per dimension of ${x.shape}`);
  const strides = rowMajorStrides(x.shape);
  const shape = x.shape.flatMap((s, d) => [reps[d], s]);
  const gatherStridesList = strides.flatMap((st) => [0, st]);
  return gatherStrided(
    backend,
    x,
    shape,
    gatherStridesList,
    0,
    x.shape.map((s, d) => s * reps[d]),
  );
});

export const shapeKernels: Float64Kernel[] = [reshape, expandDims, transpose, slice, stridedSlice, concat, pack, unpack, splitV, padV2, tile];
