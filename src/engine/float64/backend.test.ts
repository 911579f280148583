/** The cpu64 backend itself: registration, float64 storage, memory management, moving data in. */
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { FLOAT64_BACKEND, FLOAT64_KERNEL_NAMES, registerFloat64Backend } from './backend';
import { expectExact, f64, onCpu64, randn, t64 } from './testing';

/** The kernels the app dispatches (recorded from its runs). */
const REQUIRED = [
  'Add', 'ArgMax', 'BatchMatMul', 'Cast', 'Concat', 'Exp', 'GatherV2', 'Identity', 'Log', 'Max', 'Mean', 'Multiply', 'Neg', 'OneHot',
  'Pack', 'PadV2', 'RealDiv', 'Reshape', 'Slice', 'Sqrt', 'Square', 'Sub', 'Sum', 'Tanh', 'Tile', 'Transpose', 'Unpack', 'ZerosLike',
];

describe('cpu64 backend', () => {
  onCpu64();

  test('registration is idempotent and never the default', async () => {
    registerFloat64Backend();
    registerFloat64Backend();
    expect(tf.getBackend()).toBe(FLOAT64_BACKEND);
    expect(tf.findBackendFactory(FLOAT64_BACKEND)).toBeTruthy();
    // Below cpu's priority, so a program that never asks for it does not get it.
    expect(tf.engine().registryFactory[FLOAT64_BACKEND].priority).toBeLessThan(tf.engine().registryFactory.cpu.priority);
  });

  test('implements every kernel the app dispatches', () => {
    for (const name of REQUIRED) {
      expect(FLOAT64_KERNEL_NAMES).toContain(name);
      expect(tf.getKernel(name, FLOAT64_BACKEND)).toBeDefined();
    }
  });

  test('computes in float64: (1 + 1e-10) - 1 is 1e-10, not 0', () => {
    const one = t64([1], []);
    const tiny = t64([1e-10], []);
    const d = f64(tf.sub(tf.add(one, tiny), one));
    // float32 would give exactly 0; float64 gives 1e-10 up to one rounding of 1 + 1e-10 (~1e-16 absolute).
    expect(Math.abs(d[0] - 1e-10) / 1e-10).toBeLessThan(1e-6);
    // And values not representable in float32 survive a round trip untouched.
    const x = randn([7], 1);
    expectExact(f64(t64(x, [7])), x);
  });

  test('stores float32 inputs, int32 and bool with the right arrays', () => {
    // A Float32Array (what tfjs-core's own constructors produce) is widened exactly.
    const fromF32 = tf.engine().makeTensor(new Float32Array([0.1, 2.5]), [2], 'float32');
    expectExact(f64(fromF32), Float64Array.from(new Float32Array([0.1, 2.5])));
    expect(tf.tensor([1, 2], [2], 'int32').dataSync()).toBeInstanceOf(Int32Array);
    expect(tf.tensor([true, false], [2], 'bool').dataSync()).toBeInstanceOf(Uint8Array);
    expect(() => tf.engine().makeTensor(['a'], [1], 'string')).toThrow(/dtype string/);
  });

  test('read and data resolve to the stored Float64Array', async () => {
    const x = randn([2, 3], 2);
    const t = t64(x, [2, 3]);
    const v = await t.data();
    expect(v).toBeInstanceOf(Float64Array);
    expectExact(v, x);
    expect(await t.array()).toEqual([Array.from(x.slice(0, 3)), Array.from(x.slice(3))]);
  });

  test('tidy and dispose free the backend data, with shared data counted', () => {
    const backend = tf.backend();
    const tensors0 = tf.memory().numTensors;
    const ids0 = backend.numDataIds();
    const x = t64(randn([4, 3], 3), [4, 3]);
    const kept = tf.tidy(() => {
      // Reshape and Identity share x's data; the rest allocate.
      const r = tf.reshape(x, [3, 4]);
      const c = tf.clone(r);
      return tf.sum(tf.exp(tf.matMul(c, tf.transpose(c))));
    });
    expect(tf.memory().numTensors).toBe(tensors0 + 2);
    expect(backend.numDataIds()).toBe(ids0 + 2);
    // Shared data outlives the tensor that made it: x's data stays while a reshape of it lives.
    const view = tf.reshape(x, [12]);
    x.dispose();
    expect(backend.numDataIds()).toBe(ids0 + 2);
    expect(f64(view)).toHaveLength(12);
    view.dispose();
    kept.dispose();
    expect(tf.memory().numTensors).toBe(tensors0);
    expect(backend.numDataIds()).toBe(ids0);
  });

  test('numTensors stays flat over repeated tidied steps, gradients included', () => {
    const backend = tf.backend();
    const w = tf.variable(t64(randn([5, 3], 4), [5, 3]));
    const x = t64(randn([8, 5], 5), [8, 5]);
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.tanh(tf.matMul(x, w)))));
        w.assign(tf.sub(w, tf.mul(grads[w.name], t64([0.1], []))));
        return value.dataSync()[0];
      });
    step();
    const tensors0 = tf.memory().numTensors;
    const ids0 = backend.numDataIds();
    const losses = Array.from({ length: 5 }, step);
    expect(tf.memory().numTensors).toBe(tensors0);
    expect(backend.numDataIds()).toBe(ids0);
    expect(losses[4]).toBeLessThan(losses[0]);
    w.dispose();
    x.dispose();
  });

  test('makeTensorFromTensorInfo wraps data the backend wrote', () => {
    const backend = tf.backend();
    const values = randn([3], 6);
    const info = { dataId: backend.write(values as unknown as Float32Array, [3], 'float32'), shape: [3], dtype: 'float32' as const };
    const t = tf.engine().makeTensorFromTensorInfo(info);
    expectExact(f64(t), values);
    t.dispose();
    expect(backend.refCount(info.dataId)).toBe(0);
  });

  test('bufferSync and memory()', () => {
    const x = t64([1.5, -2.25, 1e-300], [3]);
    const buf = (tf.backend() as unknown as { bufferSync(t: tf.TensorInfo): tf.TensorBuffer<tf.Rank> }).bufferSync(x);
    expect(buf.get(2)).toBe(1e-300);
    expect(tf.memory().unreliable).toBe(true);
    expect(tf.backend().floatPrecision()).toBe(32);
    expect(tf.backend().epsilon()).toBe(1e-7);
    x.dispose();
  });

  test('tensors made on cpu move in when used on cpu64, and back', async () => {
    await tf.setBackend('cpu');
    const onCpu = tf.tensor([1.5, 2.5, 3.5]);
    await tf.setBackend(FLOAT64_BACKEND);
    const y = tf.add(onCpu, t64([1e-12, 0, 0], [3]));
    expectExact(f64(y), [1.5 + 1e-12, 2.5, 3.5]);
    await tf.setBackend('cpu');
    // Read back on cpu: the moved data keeps its values (cpu stores what it is given).
    expect(Array.from(y.dataSync())).toEqual([1.5 + 1e-12, 2.5, 3.5]);
    await tf.setBackend(FLOAT64_BACKEND);
    onCpu.dispose();
    y.dispose();
  });
});
