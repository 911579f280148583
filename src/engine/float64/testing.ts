/**
 * Test helpers for the cpu64 backend: switching to it, exact float64 inputs, plain-JS index
 * arithmetic for the references, and the comparisons the tests assert.
 */
import { beforeAll, expect } from 'vitest';
import { createRandom } from '../random';
import { tf } from '../tf';
import { FLOAT64_BACKEND, registerFloat64Backend } from './backend';

/** Registers cpu64 and switches to it before the tests of the file. */
export function onCpu64(): void {
  beforeAll(async () => {
    registerFloat64Backend();
    if (!(await tf.setBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  });
}

/** Seeded normal doubles times `scale`: almost surely none is a float32 value. */
export function randn(shape: number[], seed: number, scale = 1): Float64Array {
  const r = createRandom(seed);
  return Float64Array.from({ length: size(shape) }, () => scale * r.normal());
}

/** A float32-dtype tensor holding exactly these doubles (tf.tensor would round them to float32). */
export function t64(values: ArrayLike<number>, shape: number[]): tf.Tensor {
  return tf.engine().makeTensor(Float64Array.from(values) as unknown as Float32Array, shape, 'float32');
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Coordinates of flat index `i` in `shape`, row-major. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const c = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    c[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return c;
}

/** Flat index of coordinates `c` in `shape`, row-major. */
export function ravel(c: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * shape[d] + c[d];
  return i;
}

/** Numpy's broadcast shape of two shapes. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, d) => {
    const x = a[d - rank + a.length] ?? 1;
    const y = b[d - rank + b.length] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`shapes ${a} and ${b} do not broadcast`);
    return Math.max(x, y);
  });
}

/** The flat index in an array of shape `inShape` that broadcast output coordinates `c` read. */
export function broadcastIndex(c: readonly number[], inShape: readonly number[]): number {
  const lead = c.length - inShape.length;
  return ravel(
    inShape.map((s, d) => (s === 1 ? 0 : c[d + lead])),
    inShape,
  );
}

/** The tensor's values, asserting they come back as a Float64Array. */
export function f64(t: tf.Tensor): Float64Array {
  const v = t.dataSync() as unknown;
  expect(v).toBeInstanceOf(Float64Array);
  return v as Float64Array;
}

/** Every value bit-identical (Object.is: NaN equals NaN, 0 differs from -0). */
export function expectExact(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`value ${i}: got ${actual[i]}, expected ${expected[i]} (exactly)`);
  }
}

/** Largest elementwise |a - e| / |e| (0 where both are equal, including both NaN). */
export function maxRelErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Object.is(a, e) || a === e) continue;
    worst = Math.max(worst, Number.isNaN(a) !== Number.isNaN(e) ? Infinity : Math.abs(a - e) / Math.abs(e));
  }
  return worst;
}

/** ||a - e|| / ||e|| in the 2-norm. */
export function normRelErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let d = 0;
  let n = 0;
  for (let i = 0; i < expected.length; i++) {
    d += (actual[i] - expected[i]) ** 2;
    n += expected[i] ** 2;
  }
  return Math.sqrt(d / n);
}
