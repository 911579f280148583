/**
 * tfjs-core, with the doors through which JavaScript numbers enter tensors kept exact on the
 * float64 backend ('cpu64'). tfjs turns numbers into a Float32Array before any backend sees them:
 * in its tensor constructors, and in every op given a number where a tensor goes (tf.mul(0.1, x)).
 * On cpu64 these versions build the tensor from the float64 values instead; on every other backend
 * they are tfjs's own, unchanged. What still rounds on cpu64: constants inside tfjs's own ops and
 * gradients (all small integers, exact in float32) and typed arrays that are already float32.
 */
import * as core from '@tensorflow/tfjs-core';
import { FLOAT64_BACKEND } from '../catalog/backends';

export * from '@tensorflow/tfjs-core';

const onFloat64 = () => core.getBackend() === FLOAT64_BACKEND;

/** The precision the current backend computes in, for messages. */
export const precisionName = () => (onFloat64() ? 'float64' : 'float32');

/** `values` as a tensor on the current backend holds them: float64 on cpu64, else rounded to float32. */
export const storedValues = (values: ArrayLike<number>): Float32Array | Float64Array => (onFloat64() ? Float64Array.from(values) : Float32Array.from(values));

/** Zeros to fill in for a tensor on the current backend: float64 on cpu64, else float32. */
export const storedZeros = (length: number): Float32Array | Float64Array => (onFloat64() ? new Float64Array(length) : new Float32Array(length));

type Values = core.TensorLike | number | Float64Array;

/** The shape of nested arrays (tfjs's own inference is not exported). */
function inferShape(values: unknown): number[] {
  if (typeof values === 'number') return [];
  if (ArrayBuffer.isView(values)) return [(values as Float64Array).length];
  const shape: number[] = [];
  for (let a = values; Array.isArray(a); a = a[0]) shape.push(a.length);
  return shape;
}

/**
 * A tfjs constructor that, on cpu64, builds a float tensor straight from the float64 values.
 * `shapeAt` and `dtypeAt` say where the optional shape and dtype come among the other arguments;
 * `rank` is the constructor's own, if it has one. Anything tfjs would refuse goes to tfjs to say so.
 */
function exactConstructor<A extends unknown[], T extends core.Tensor>(make: (values: Values, ...rest: A) => T, shapeAt: number | null, dtypeAt: number, rank: number | null) {
  return (values: Values, ...rest: A): T => {
    // tfjs takes no Float64Array: elsewhere it gets the float32 values.
    const forTfjs = () => make(values instanceof Float64Array ? Float32Array.from(values) : values, ...rest);
    const dtype = (rest[dtypeAt] as core.DataType | undefined) ?? 'float32';
    if (!onFloat64() || dtype !== 'float32' || values instanceof Float32Array || typeof values === 'string') return forTfjs();
    const flat = typeof values === 'number' ? [values] : ArrayBuffer.isView(values) ? (values as Float64Array) : (core.util.flatten(values as number[]) as number[]);
    const shape = (shapeAt !== null ? (rest[shapeAt] as number[] | undefined) : undefined) ?? inferShape(values);
    if ((rank !== null && shape.length !== rank) || core.util.sizeFromShape(shape) !== flat.length || flat.some((v) => typeof v !== 'number')) return forTfjs();
    // The float64 backend stores what it is given; tfjs's types know no Float64Array.
    return core.engine().makeTensor(Float64Array.from(flat) as unknown as Float32Array, shape, 'float32') as T;
  };
}

export const tensor = exactConstructor(core.tensor as (v: Values, shape?: number[], dtype?: core.DataType) => core.Tensor, 0, 1, null);
export const scalar = exactConstructor(core.scalar as (v: Values, dtype?: core.DataType) => core.Scalar, null, 0, 0);
export const tensor1d = exactConstructor(core.tensor1d as (v: Values, dtype?: core.DataType) => core.Tensor1D, null, 0, 1);
export const tensor2d = exactConstructor(core.tensor2d as (v: Values, shape?: [number, number], dtype?: core.DataType) => core.Tensor2D, 0, 1, 2);
export const tensor3d = exactConstructor(core.tensor3d as (v: Values, shape?: [number, number, number], dtype?: core.DataType) => core.Tensor3D, 0, 1, 3);
export const tensor4d = exactConstructor(core.tensor4d as (v: Values, shape?: [number, number, number, number], dtype?: core.DataType) => core.Tensor4D, 0, 1, 4);

type Binary = <T extends core.Tensor>(a: core.Tensor | core.TensorLike, b: core.Tensor | core.TensorLike) => T;

/** A binary op whose number operands become exact scalars on cpu64. */
function exactBinary(op: Binary): Binary {
  return <T extends core.Tensor>(a: core.Tensor | core.TensorLike, b: core.Tensor | core.TensorLike): T => {
    if (!onFloat64() || (typeof a !== 'number' && typeof b !== 'number')) return op<T>(a, b);
    return core.tidy(() => op<T>(typeof a === 'number' ? scalar(a) : a, typeof b === 'number' ? scalar(b) : b));
  };
}

export const add = exactBinary(core.add);
export const sub = exactBinary(core.sub);
export const mul = exactBinary(core.mul);
export const div = exactBinary(core.div);

/**
 * t with its values rounded to float32, as a float32 variable of the seed's TF1 held them (Adam's
 * b^k): on cpu64 a new tensor; elsewhere t itself, which already is float32.
 */
export function toFloat32Values<T extends core.Tensor>(t: T): T {
  if (!onFloat64()) return t;
  return core.engine().makeTensor(Float64Array.from(t.dataSync(), Math.fround) as unknown as Float32Array, t.shape, 'float32') as T;
}
