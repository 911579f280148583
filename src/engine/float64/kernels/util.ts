/**
 * What every float64 kernel shares: typed access to the backend's arrays and the strided index
 * arithmetic that transpose, slice, pad, tile and broadcasting all reduce to.
 *
 * Kernels talk to the backend only through the public `KernelBackend` methods (readSync, write,
 * incRef, disposeData), so they never import `../backend` and the registration module can import
 * them without an import cycle.
 */
import type { BackendValues, DataType, KernelBackend, KernelConfig, KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

/** What the cpu64 backend stores per dtype: float32 tensors hold float64 values. */
export type NumArray = Float64Array | Int32Array | Uint8Array;

/** A kernel without its backend name, which the registration adds. */
export type Float64Kernel = Pick<KernelConfig, 'kernelName' | 'kernelFunc'>;

/** The arguments tfjs passes every kernel, with the attributes typed per kernel. */
interface KernelArgs<A = Record<string, never>> {
  inputs: NamedTensorInfoMap;
  backend: KernelBackend;
  attrs: A;
}

/**
 * Wraps a typed kernel body as a tfjs kernel. tfjs types the backend as `{}` and the attributes as
 * a loose map; this is the one place both are narrowed.
 */
export function kernel<A>(kernelName: string, body: (args: KernelArgs<A>) => TensorInfo | TensorInfo[]): Float64Kernel {
  return {
    kernelName,
    kernelFunc: ({ inputs, backend, attrs }: Parameters<KernelFunc>[0]) =>
      body({ inputs, backend: backend as KernelBackend, attrs: (attrs ?? {}) as unknown as A }),
  };
}

/** The named input, or a clear error naming the kernel when tfjs did not pass it. */
export function input(inputs: NamedTensorInfoMap, name: string, kernelName: string): TensorInfo {
  const t = inputs[name];
  if (t == null) throw new Error(`cpu64 ${kernelName}: missing input '${name}'`);
  return t;
}

/** The positional inputs of a variadic kernel (Concat, Pack, AddN), which tfjs passes as an array. */
export function inputList(inputs: NamedTensorInfoMap): TensorInfo[] {
  return Object.values(inputs).filter((t): t is TensorInfo => t != null);
}

/** The stored values of `t` (a Float64Array for float32 tensors). */
export function valuesOf(backend: KernelBackend, t: TensorInfo): NumArray {
  // readSync is typed with tfjs's Float32Array, but cpu64 hands back its own stored array.
  return backend.readSync(t.dataId) as unknown as NumArray;
}

/** A fresh zeroed array of the storage type for `dtype`. */
export function newArray(dtype: DataType, size: number): NumArray {
  if (dtype === 'float32') return new Float64Array(size);
  if (dtype === 'int32') return new Int32Array(size);
  if (dtype === 'bool') return new Uint8Array(size);
  throw new Error(`cpu64 does not support dtype ${dtype}`);
}

/** Registers `values` as a new tensor of the backend (taking ownership of the array). */
export function output(backend: KernelBackend, shape: number[], dtype: DataType, values: NumArray): TensorInfo {
  return { dataId: backend.write(values as unknown as BackendValues, shape, dtype), shape, dtype };
}

/**
 * A view of `t`'s data under another shape: no copy, one more reference. Safe because no cpu64
 * kernel ever writes into an input.
 */
export function share(backend: KernelBackend, t: TensorInfo, shape: number[], dtype: DataType = t.dtype): TensorInfo {
  backend.incRef(t.dataId);
  return { dataId: t.dataId, shape, dtype };
}

/**
 * For each position of `shape` in row-major order, `base + sum(coord[d] * strides[d])`.
 *
 * Row-major strides of another array make this a gather plan: permuted strides give a transpose,
 * strides with zeros give a broadcast, an offset base gives a slice. The innermost dimension is a
 * plain loop and the outer coordinates advance like an odometer, so there is no division per
 * element.
 */
export function stridedOffsets(shape: readonly number[], strides: readonly number[], base = 0): Int32Array {
  const size = tf.util.sizeFromShape(shape as number[]);
  const out = new Int32Array(size);
  if (size === 0) return out;
  const rank = shape.length;
  if (rank === 0) {
    out[0] = base;
    return out;
  }
  const last = rank - 1;
  const n = shape[last];
  const s = strides[last];
  const coord = new Array<number>(rank).fill(0);
  let off = base;
  for (let i = 0; i < size; i += n) {
    for (let j = 0; j < n; j++) out[i + j] = off + j * s;
    for (let d = last - 1; d >= 0; d--) {
      coord[d]++;
      off += strides[d];
      if (coord[d] < shape[d]) break;
      off -= coord[d] * strides[d];
      coord[d] = 0;
    }
  }
  return out;
}

/** Row-major strides of `shape` (tfjs's own helper omits the last stride, 1). */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/**
 * Strides that read an array of `inShape` as if broadcast to `outShape` (numpy rules: shapes
 * aligned on the right; a size-1 or missing dimension repeats, so its stride is 0).
 */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const inStrides = rowMajorStrides(inShape);
  const lead = outShape.length - inShape.length;
  return outShape.map((_, d) => {
    const k = d - lead;
    return k < 0 || inShape[k] === 1 ? 0 : inStrides[k];
  });
}

/** `values` gathered at `offsets`, into a new array of the same storage type. */
export function gatherAt(values: NumArray, offsets: Int32Array, dtype: DataType): NumArray {
  const out = newArray(dtype, offsets.length);
  for (let i = 0; i < offsets.length; i++) out[i] = values[offsets[i]];
  return out;
}

/** Normalizes a possibly negative axis against `rank`, with a clear error when out of range. */
export function normalizeAxis(axis: number, rank: number, kernelName: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new Error(`cpu64 ${kernelName}: axis ${axis} is out of range for rank ${rank}`);
  return a;
}
