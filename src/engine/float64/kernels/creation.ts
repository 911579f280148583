/**
 * Kernels that make or re-type a tensor without arithmetic: Identity, Cast, Fill, ZerosLike,
 * OnesLike, Range.
 */
import type { DataType } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Float64Kernel, input, kernel, newArray, type NumArray, output, share, valuesOf } from './util';

/** Identity shares the data: kernels never write into their inputs, so a copy buys nothing. */
const identity = kernel(tf.Identity, ({ inputs, backend }) => {
  const x = input(inputs, 'x', tf.Identity);
  return share(backend, x, x.shape);
});

/**
 * Cast converts the stored array, because each dtype has its own storage type here (the cpu backend
 * may keep an Int32Array under float32; cpu64 must not, its float32 arrays are Float64Array).
 * To int32 truncates toward zero (Int32Array conversion, as tfjs-backend-cpu); to bool is `!== 0`.
 */
const cast = kernel<{ dtype: DataType }>(tf.Cast, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.Cast);
  const { dtype } = attrs;
  if (dtype === x.dtype) return share(backend, x, x.shape);
  const v = valuesOf(backend, x);
  let out: NumArray;
  if (dtype === 'float32') out = Float64Array.from(v);
  else if (dtype === 'int32') out = Int32Array.from(v);
  else if (dtype === 'bool') out = Uint8Array.from(v, (e) => (e !== 0 ? 1 : 0));
  else throw new Error(`cpu64 Cast: cannot cast ${x.dtype} to ${dtype}`);
  return output(backend, x.shape, dtype, out);
});

function filled(shape: number[], dtype: DataType, value: number): NumArray {
  const out = newArray(dtype, tf.util.sizeFromShape(shape));
  out.fill(value);
  return out;
}

const fill = kernel<{ shape: number[]; value: number | string; dtype?: DataType }>(tf.Fill, ({ backend, attrs }) => {
  const { shape, value } = attrs;
  if (typeof value !== 'number') throw new Error('cpu64 Fill: string tensors are not supported');
  const dtype = attrs.dtype ?? tf.util.inferDtype(value);
  return output(backend, shape, dtype, filled(shape, dtype, value));
});

const zerosLike = kernel(tf.ZerosLike, ({ inputs, backend }) => {
  const x = input(inputs, 'x', tf.ZerosLike);
  return output(backend, x.shape, x.dtype, filled(x.shape, x.dtype, 0));
});

const onesLike = kernel(tf.OnesLike, ({ inputs, backend }) => {
  const x = input(inputs, 'x', tf.OnesLike);
  return output(backend, x.shape, x.dtype, filled(x.shape, x.dtype, 1));
});

/**
 * Range with tfjs-backend-cpu's length and sign rules, but each value is `start + i * step`
 * (one rounding) rather than a running sum, which drifts.
 */
const range = kernel<{ start: number; stop: number; step: number; dtype: 'float32' | 'int32' }>(tf.Range, ({ backend, attrs }) => {
  const { start, stop, dtype } = attrs;
  let { step } = attrs;
  const empty = start === stop || (start < stop && step < 0) || (stop < start && step > 1);
  const n = empty ? 0 : Math.abs(Math.ceil((stop - start) / step));
  if (stop < start && step === 1) step = -1;
  const out = newArray(dtype, n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return output(backend, [n], dtype, out);
});

export const creationKernels: Float64Kernel[] = [identity, cast, fill, zerosLike, onesLike, range];
