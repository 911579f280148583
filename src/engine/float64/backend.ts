/**
 * 'cpu64': a tfjs backend that stores and computes float32-dtype tensors in float64.
 *
 * tfjs has no float64 dtype, so the backend reinterprets 'float32': its tensors hold a Float64Array
 * and every kernel computes in plain JS doubles. Everything above the backend (ops, gradients,
 * tidy, memory tracking) is tfjs's own and unchanged. Values reach it in float64 only when they are
 * created from float64 (`tf.engine().makeTensor` with a Float64Array, which the engine's tf-exact.ts
 * does for its constructors and number operands): tfjs-core's own tf.tensor and tf.scalar, and
 * numbers passed to its ops, round to a Float32Array before any backend sees them, and a
 * Float32Array is widened exactly as it is. The engine's byte counts
 * (tf.memory().numBytes) still assume 4 bytes per float.
 */
import { FLOAT64_BACKEND } from '../../catalog/backends';
import type { BackendTimingInfo, BackendValues, DataId, DataType, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { creationKernels } from './kernels/creation';
import { elementwiseKernels } from './kernels/elementwise';
import { gatherKernels } from './kernels/gather';
import { matmulKernels } from './kernels/matmul';
import { reduceKernels } from './kernels/reduce';
import { shapeKernels } from './kernels/shape';
import type { Float64Kernel, NumArray } from './kernels/util';

export { FLOAT64_BACKEND };

interface TensorData {
  values: NumArray;
  dtype: DataType;
  refCount: number;
}

/** The storage array for `dtype`; float32 values widen to float64 exactly. */
function toStorage(values: BackendValues | ArrayLike<number>, dtype: DataType): NumArray {
  const v = values as ArrayLike<number>;
  if (dtype === 'float32') return values instanceof Float64Array ? values : Float64Array.from(v);
  if (dtype === 'int32') return values instanceof Int32Array ? values : Int32Array.from(v);
  if (dtype === 'bool') return values instanceof Uint8Array ? values : Uint8Array.from(v);
  throw new Error(`cpu64 backend does not support dtype ${dtype}`);
}

export class Float64Backend extends tf.KernelBackend {
  private static nextDataId = 0;
  private readonly data = new tf.DataStorage<TensorData>(this, tf.engine());

  override write(values: BackendValues, _shape: number[], dtype: DataType): DataId {
    const dataId = { id: Float64Backend.nextDataId++ };
    this.data.set(dataId, { values: toStorage(values, dtype), dtype, refCount: 1 });
    return dataId;
  }

  /** Called by the engine when a tensor created on another backend is first used here. */
  override move(dataId: DataId, values: BackendValues, _shape: number[], dtype: DataType, refCount: number): void {
    this.data.set(dataId, { values: toStorage(values, dtype), dtype, refCount });
  }

  /** A tensor info for new values (zeros when none are given), as the cpu backend offers kernels. */
  makeTensorInfo(shape: number[], dtype: DataType, values?: BackendValues | ArrayLike<number>): TensorInfo {
    const v = values ?? new Float64Array(tf.util.sizeFromShape(shape));
    return { dataId: this.write(toStorage(v, dtype) as unknown as BackendValues, shape, dtype), shape, dtype };
  }

  override refCount(dataId: DataId): number {
    return this.data.has(dataId) ? this.data.get(dataId).refCount : 0;
  }

  override incRef(dataId: DataId): void {
    this.data.get(dataId).refCount++;
  }

  override numDataIds(): number {
    return this.data.numDataIds();
  }

  override async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  /** The stored array itself, a Float64Array for float32 tensors (tfjs's type says Float32Array). */
  override readSync(dataId: DataId): BackendValues {
    return this.data.get(dataId).values as unknown as BackendValues;
  }

  /** The data of `t` as a TensorBuffer (a Float64Array inside for float32), like the cpu backend's. */
  bufferSync(t: TensorInfo): tf.TensorBuffer<tf.Rank, DataType> {
    return tf.buffer(t.shape, t.dtype, this.readSync(t.dataId) as unknown as Float32Array);
  }

  /**
   * Drops one reference; frees the data when none is left (or when forced, which the engine does
   * when it moves the data to another backend). True when the data is gone.
   */
  override disposeData(dataId: DataId, force = false): boolean {
    if (!this.data.has(dataId)) return true;
    const entry = this.data.get(dataId);
    entry.refCount--;
    if (!force && entry.refCount > 0) return false;
    this.data.delete(dataId);
    return true;
  }

  override async time(f: () => void): Promise<BackendTimingInfo> {
    const start = tf.util.now();
    f();
    return { kernelMs: tf.util.now() - start };
  }

  override memory(): { unreliable: boolean; reasons: string[] } {
    return {
      unreliable: true,
      reasons: ['The engine counts 4 bytes per float32 element; cpu64 stores 8, and frees memory by garbage collection.'],
    };
  }

  /**
   * tfjs types this as 16 | 32 and only uses it to tell half-precision backends apart; 32 means
   * "full precision", which is what callers checking it want to hear. It also keeps tfjs's epsilon
   * (a fudge term, not machine precision) at the cpu backend's 1e-7, so the same program computes
   * the same thing on both.
   */
  override floatPrecision(): 16 | 32 {
    return 32;
  }

  override dispose(): void {}
}

const KERNELS: Float64Kernel[] = [...elementwiseKernels, ...creationKernels, ...reduceKernels, ...matmulKernels, ...shapeKernels, ...gatherKernels];

/** The kernel names cpu64 implements (for tests and for checking a program can run on it). */
export const FLOAT64_KERNEL_NAMES: readonly string[] = KERNELS.map((k) => k.kernelName);

/**
 * Registers the 'cpu64' backend and its kernels. Safe to call more than once. Its priority is
 * below every other backend's, so tfjs never picks it unless asked: `tf.setBackend('cpu64')`.
 */
export function registerFloat64Backend(): void {
  if (tf.findBackendFactory(FLOAT64_BACKEND) == null) tf.registerBackend(FLOAT64_BACKEND, () => new Float64Backend(), -1);
  for (const { kernelName, kernelFunc } of KERNELS) {
    if (tf.getKernel(kernelName, FLOAT64_BACKEND) == null) tf.registerKernel({ kernelName, backendName: FLOAT64_BACKEND, kernelFunc });
  }
}
