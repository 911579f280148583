/**
 * Elementwise kernels: binary ops with numpy broadcasting, unary maths, comparisons and the few
 * elementwise kernels tfjs's own gradients dispatch (Select, Step, AddN, ClipByValue).
 *
 * Each value is one JS double operation, so Add/Sub/Multiply/RealDiv/Neg/Square/Sqrt round exactly
 * once, like float64 numpy. dtype rules follow tfjs-backend-cpu: arithmetic upcasts its inputs'
 * dtypes, comparisons give bool, maths that leaves the integers (exp, log, ...) gives float32.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import {
  broadcastStrides,
  type Float64Kernel,
  input,
  inputList,
  kernel,
  newArray,
  type NumArray,
  output,
  stridedOffsets,
  valuesOf,
} from './util';

type Binary = (a: number, b: number) => number;
type Unary = (x: number) => number;

/** `out[i] = fn(a[ia], b[ib])` over the broadcast shape of `a` and `b`. */
function broadcastBinary(a: NumArray, aShape: number[], b: NumArray, bShape: number[], outShape: number[], out: NumArray, fn: Binary): void {
  const n = out.length;
  // Same size as the output means same shape up to leading 1s: flat indices coincide.
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = fn(a[i], b[i]);
  } else if (b.length === 1 && a.length === n) {
    const bv = b[0];
    for (let i = 0; i < n; i++) out[i] = fn(a[i], bv);
  } else if (a.length === 1 && b.length === n) {
    const av = a[0];
    for (let i = 0; i < n; i++) out[i] = fn(av, b[i]);
  } else {
    const ia = stridedOffsets(outShape, broadcastStrides(aShape, outShape));
    const ib = stridedOffsets(outShape, broadcastStrides(bShape, outShape));
    for (let i = 0; i < n; i++) out[i] = fn(a[ia[i]], b[ib[i]]);
  }
}

function binaryKernel(kernelName: string, fn: Binary, resultDtype?: DataType): Float64Kernel {
  return kernel(kernelName, ({ inputs, backend }) => {
    const a = input(inputs, 'a', kernelName);
    const b = input(inputs, 'b', kernelName);
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const dtype = resultDtype ?? tf.upcastType(a.dtype, b.dtype);
    const out = newArray(dtype, tf.util.sizeFromShape(outShape));
    broadcastBinary(valuesOf(backend, a), a.shape, valuesOf(backend, b), b.shape, outShape, out, fn);
    return output(backend, outShape, dtype, out);
  });
}

/** `float` kernels leave the integers, so an int32 input gives a float32 output. */
function unaryKernel(kernelName: string, fn: Unary, result: 'same' | 'float' | 'bool' = 'same'): Float64Kernel {
  return kernel(kernelName, ({ inputs, backend }) => {
    const x = input(inputs, 'x', kernelName);
    const dtype: DataType = result === 'same' ? x.dtype : result === 'float' ? 'float32' : 'bool';
    return output(backend, x.shape, dtype, mapValues(valuesOf(backend, x), dtype, fn));
  });
}

function mapValues(values: NumArray, dtype: DataType, fn: Unary): NumArray {
  const out = newArray(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = fn(values[i]);
  return out;
}

const bool = (c: boolean) => (c ? 1 : 0);

const binaryKernels: Float64Kernel[] = [
  binaryKernel(tf.Add, (a, b) => a + b),
  binaryKernel(tf.Sub, (a, b) => a - b),
  binaryKernel(tf.Multiply, (a, b) => a * b),
  binaryKernel(tf.RealDiv, (a, b) => a / b),
  // Math.max/min propagate NaN, as tfjs-backend-cpu's do.
  binaryKernel(tf.Maximum, (a, b) => Math.max(a, b)),
  binaryKernel(tf.Minimum, (a, b) => Math.min(a, b)),
  binaryKernel(tf.Pow, (a, b) => Math.pow(a, b)),
  binaryKernel(tf.SquaredDifference, (a, b) => (a - b) * (a - b)),
  // tf.div of two int32 tensors dispatches FloorDiv, whose result tfjs-backend-cpu types int32.
  binaryKernel(tf.FloorDiv, (a, b) => Math.floor(a / b), 'int32'),
  // Mod takes the divisor's sign, as tfjs-backend-cpu's.
  binaryKernel(tf.Mod, (a, b) => {
    const r = a % b;
    return (a < 0 && b < 0) || (a >= 0 && b >= 0) ? r : (r + b) % b;
  }),
  binaryKernel(tf.Equal, (a, b) => bool(a === b), 'bool'),
  binaryKernel(tf.NotEqual, (a, b) => bool(a !== b), 'bool'),
  binaryKernel(tf.Greater, (a, b) => bool(a > b), 'bool'),
  binaryKernel(tf.GreaterEqual, (a, b) => bool(a >= b), 'bool'),
  binaryKernel(tf.Less, (a, b) => bool(a < b), 'bool'),
  binaryKernel(tf.LessEqual, (a, b) => bool(a <= b), 'bool'),
  binaryKernel(tf.LogicalAnd, (a, b) => bool(a !== 0 && b !== 0), 'bool'),
  binaryKernel(tf.LogicalOr, (a, b) => bool(a !== 0 || b !== 0), 'bool'),
];

const unaryKernels: Float64Kernel[] = [
  unaryKernel(tf.Neg, (x) => -x),
  unaryKernel(tf.Abs, (x) => Math.abs(x)),
  unaryKernel(tf.Square, (x) => x * x),
  unaryKernel(tf.Sign, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
  unaryKernel(tf.Floor, (x) => Math.floor(x)),
  unaryKernel(tf.Ceil, (x) => Math.ceil(x)),
  unaryKernel(tf.Relu, (x) => (x < 0 ? 0 : x)),
  unaryKernel(tf.Exp, (x) => Math.exp(x), 'float'),
  unaryKernel(tf.Expm1, (x) => Math.expm1(x), 'float'),
  unaryKernel(tf.Log, (x) => Math.log(x), 'float'),
  unaryKernel(tf.Log1p, (x) => Math.log1p(x), 'float'),
  unaryKernel(tf.Sqrt, (x) => Math.sqrt(x), 'float'),
  unaryKernel(tf.Rsqrt, (x) => 1 / Math.sqrt(x), 'float'),
  unaryKernel(tf.Reciprocal, (x) => 1 / x, 'float'),
  unaryKernel(tf.Tanh, (x) => Math.tanh(x), 'float'),
  unaryKernel(tf.Sigmoid, (x) => 1 / (1 + Math.exp(-x)), 'float'),
  unaryKernel(tf.Sin, (x) => Math.sin(x), 'float'),
  unaryKernel(tf.Cos, (x) => Math.cos(x), 'float'),
  unaryKernel(tf.Tan, (x) => Math.tan(x), 'float'),
  unaryKernel(tf.Atan, (x) => Math.atan(x), 'float'),
  unaryKernel(tf.LogicalNot, (x) => bool(x === 0), 'bool'),
];

/** Step (the gradient of abs and relu): 1 above zero, `alpha` otherwise, NaN kept. */
const step = kernel<{ alpha: number }>(tf.Step, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.Step);
  const { alpha } = attrs;
  return output(backend, x.shape, x.dtype, mapValues(valuesOf(backend, x), x.dtype, (v) => (Number.isNaN(v) ? NaN : v > 0 ? 1 : alpha)));
});

const clipByValue = kernel<{ clipValueMin: number; clipValueMax: number }>(tf.ClipByValue, ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x', tf.ClipByValue);
  const { clipValueMin: lo, clipValueMax: hi } = attrs;
  return output(backend, x.shape, x.dtype, mapValues(valuesOf(backend, x), x.dtype, (v) => (v > hi ? hi : v < lo ? lo : v)));
});

/**
 * Select (tf.where). The op broadcasts all three inputs to one shape first; a rank-1 condition
 * against a higher-rank `t` picks whole rows, as in tfjs-backend-cpu.
 */
const select = kernel(tf.Select, ({ inputs, backend }) => {
  const condition = input(inputs, 'condition', tf.Select);
  const t = input(inputs, 't', tf.Select);
  const e = input(inputs, 'e', tf.Select);
  const c = valuesOf(backend, condition);
  const tv = valuesOf(backend, t);
  const ev = valuesOf(backend, e);
  const dtype = tf.upcastType(t.dtype, e.dtype);
  const out = newArray(dtype, tv.length);
  const rowLength = condition.shape.length === 1 && t.shape.length > 1 ? tf.util.sizeFromShape(t.shape.slice(1)) : 1;
  for (let i = 0; i < out.length; i++) {
    const ci = Math.floor(i / rowLength);
    out[i] = c[ci] ? tv[i] : ev[i];
  }
  return output(backend, t.shape, dtype, out);
});

/** AddN: left-to-right sum of same-shape tensors. */
const addN = kernel(tf.AddN, ({ inputs, backend }) => {
  const ts: TensorInfo[] = inputList(inputs);
  const dtype = ts.map((t) => t.dtype).reduce((a, b) => tf.upcastType(a, b));
  const out = newArray(dtype, tf.util.sizeFromShape(ts[0].shape));
  for (const t of ts) {
    const v = valuesOf(backend, t);
    for (let i = 0; i < out.length; i++) out[i] += v[i];
  }
  return output(backend, ts[0].shape, dtype, out);
});

export const elementwiseKernels: Float64Kernel[] = [...binaryKernels, ...unaryKernels, step, clipByValue, select, addN];
