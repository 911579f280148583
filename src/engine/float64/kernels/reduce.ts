/**
 * Reductions: Sum, Mean, Prod, Max, Min, ArgMax, ArgMin.
 *
 * The input is read in the order "kept axes, then reduced axes" (a strided gather, no transpose
 * kernel), so each output is a contiguous run of `reduceSize` values. The reduced axes are taken in
 * increasing order, so a sum accumulates left to right in the row-major order of the reduced
 * coordinates: the plain float64 loop a reference implementation would write.
 */
import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Float64Kernel, gatherAt, input, kernel, newArray, type NumArray, output, rowMajorStrides, stridedOffsets, valuesOf } from './util';

interface Reduction {
  /** The input's values, reordered so each output's inputs are contiguous. */
  values: NumArray;
  outSize: number;
  reduceSize: number;
  /** Output shape with the reduced axes dropped, and with them kept as size 1. */
  outShape: number[];
  keptDimsShape: number[];
}

function plan(backend: KernelBackend, x: TensorInfo, axis: number | number[] | null): Reduction {
  // null means every axis; parseAxisParam checks the range and makes negative axes count from the end.
  const all = x.shape.map((_, d) => d);
  const axes = [...new Set(tf.util.parseAxisParam(axis ?? all, x.shape))].sort((a, b) => a - b);
  const kept = all.filter((d) => !axes.includes(d));
  const perm = [...kept, ...axes];
  const raw = valuesOf(backend, x);
  const inOrder = perm.every((p, i) => p === i);
  const strides = rowMajorStrides(x.shape);
  const values = inOrder
    ? raw
    : gatherAt(
        raw,
        stridedOffsets(
          perm.map((p) => x.shape[p]),
          perm.map((p) => strides[p]),
        ),
        x.dtype,
      );
  const outShape = kept.map((d) => x.shape[d]);
  const outSize = tf.util.sizeFromShape(outShape);
  return {
    values,
    outSize,
    reduceSize: outSize === 0 ? 0 : tf.util.sizeFromShape(x.shape) / outSize,
    outShape,
    keptDimsShape: x.shape.map((s, d) => (axes.includes(d) ? 1 : s)),
  };
}

interface ReduceAttrs {
  axis: number | number[] | null;
  keepDims: boolean;
}

/** A fold over each output's run: `init`, then `acc = step(acc, v)`, then `finish(acc, n)`. */
function reduceKernel(
  kernelName: string,
  attrsOf: (attrs: Record<string, unknown>) => ReduceAttrs,
  dtypeOf: (x: DataType) => DataType,
  init: number,
  step: (acc: number, v: number) => number,
  finish: (acc: number, n: number) => number = (acc) => acc,
): Float64Kernel {
  return kernel<Record<string, unknown>>(kernelName, ({ inputs, backend, attrs }) => {
    const x = input(inputs, 'x', kernelName);
    const { axis, keepDims } = attrsOf(attrs);
    const { values, outSize, reduceSize, outShape, keptDimsShape } = plan(backend, x, axis);
    const dtype = dtypeOf(x.dtype);
    const out = newArray(dtype, outSize);
    for (let i = 0, off = 0; i < outSize; i++, off += reduceSize) {
      let acc = init;
      for (let j = 0; j < reduceSize; j++) acc = step(acc, values[off + j]);
      out[i] = finish(acc, reduceSize);
    }
    return output(backend, keepDims ? keptDimsShape : outShape, dtype, out);
  });
}

const byAxis = (a: Record<string, unknown>): ReduceAttrs => a as unknown as ReduceAttrs;
// tfjs names Max's axis attribute after TensorFlow's op.
const byReductionIndices = (a: Record<string, unknown>): ReduceAttrs => ({
  axis: a.reductionIndices as number | number[] | null,
  keepDims: a.keepDims as boolean,
});
/** Sum and Prod of int32 or bool give int32 (tfjs's upcast with int32). */
const intUpcast = (d: DataType) => tf.upcastType(d, 'int32');
const same = (d: DataType) => d;
// Comparisons written so a NaN, once met, stays (v > NaN is false), as in tfjs-backend-cpu.
const maxStep = (m: number, v: number) => (v > m || Number.isNaN(v) ? v : m);
const minStep = (m: number, v: number) => (v < m || Number.isNaN(v) ? v : m);

/** ArgMax/ArgMin over one axis; the first extreme wins, as in tfjs-backend-cpu. */
function argKernel(kernelName: string, better: (v: number, best: number) => boolean): Float64Kernel {
  return kernel<{ axis: number | number[] }>(kernelName, ({ inputs, backend, attrs }) => {
    const x = input(inputs, 'x', kernelName);
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const { values, outSize, reduceSize, outShape } = plan(backend, x, axis);
    const out = new Int32Array(outSize);
    for (let i = 0, off = 0; i < outSize; i++, off += reduceSize) {
      let best = values[off];
      let at = 0;
      for (let j = 1; j < reduceSize; j++) {
        if (better(values[off + j], best)) {
          best = values[off + j];
          at = j;
        }
      }
      out[i] = at;
    }
    return output(backend, outShape, 'int32', out);
  });
}

export const reduceKernels: Float64Kernel[] = [
  reduceKernel(tf.Sum, byAxis, intUpcast, 0, (acc, v) => acc + v),
  // Mean divides the float64 sum once (tfjs-backend-cpu divides each term first, in float32).
  reduceKernel(tf.Mean, byAxis, () => 'float32', 0, (acc, v) => acc + v, (acc, n) => acc / n),
  reduceKernel(tf.Prod, byAxis, intUpcast, 1, (acc, v) => acc * v),
  reduceKernel(tf.Max, byReductionIndices, same, -Infinity, maxStep),
  reduceKernel(tf.Min, byAxis, same, Infinity, minStep),
  argKernel(tf.ArgMax, (v, best) => v > best),
  argKernel(tf.ArgMin, (v, best) => v < best),
];
