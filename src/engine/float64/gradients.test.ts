/**
 * tfjs's own gradients running on cpu64: first order against central differences (float64, so
 * they are good to ~1e-10) and against closed forms, second order (grad of grad) against a closed
 * form to 1e-12, and every differentiable kernel the app uses through a generic check, which also
 * proves the kernels their gradients dispatch (SplitV, UnsortedSegmentSum, Equal, ...) exist.
 */
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { f64, maxRelErr, normRelErr, onCpu64, randn, size, t64 } from './testing';

interface Arg {
  values: Float64Array;
  shape: number[];
}

const arg = (shape: number[], seed: number, map: (v: number) => number = (v) => v): Arg => ({ values: randn(shape, seed).map(map), shape });

/** Central differences of a scalar function of flat float64 arguments, step h per element. */
function centralDiff(loss: (args: Float64Array[]) => number, args: Float64Array[], h = 1e-5): Float64Array[] {
  return args.map((a, j) =>
    Float64Array.from(a, (v, i) => {
      const at = (x: number) => {
        const copy = args.map((b) => b.slice());
        copy[j][i] = x;
        return loss(copy);
      };
      return (at(v + h) - at(v - h)) / (2 * h);
    }),
  );
}

/**
 * Checks tf.grads of L = sum(f(args) * c), c a fixed random cotangent, against central differences
 * of the same L evaluated forward on cpu64.
 */
function checkGradients(f: (...ts: tf.Tensor[]) => tf.Tensor, args: Arg[], tol = 1e-8): void {
  const outShape = tf.tidy(() => f(...args.map((a) => t64(a.values, a.shape))).shape);
  const c = randn(outShape, 999);
  const lossOf = (...ts: tf.Tensor[]) => tf.sum(tf.mul(f(...ts), t64(c, outShape)));
  const analytic = tf.grads(lossOf)(args.map((a) => t64(a.values, a.shape))).map((g) => f64(g));
  const numeric = centralDiff(
    (vals) => tf.tidy(() => lossOf(...vals.map((v, j) => t64(v, args[j].shape))).dataSync()[0]),
    args.map((a) => a.values),
  );
  analytic.forEach((g, j) => {
    expect(g).toHaveLength(size(args[j].shape));
    expect(normRelErr(g, numeric[j])).toBeLessThan(tol);
  });
}

const positive = (v: number) => Math.abs(v) + 0.5;

describe('cpu64 gradients', () => {
  onCpu64();

  test('grad of sum(tanh(x W)) matches central differences and the closed form', () => {
    const [n, d, h] = [3, 4, 5];
    const x = randn([n, d], 1);
    const w = randn([d, h], 2, 0.5);
    // Plain-JS float64 loss and its closed-form gradients.
    const loss = ([xv, wv]: Float64Array[]) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < h; j++) {
          let z = 0;
          for (let k = 0; k < d; k++) z += xv[i * d + k] * wv[k * h + j];
          s += Math.tanh(z);
        }
      }
      return s;
    };
    const dz = new Float64Array(n * h);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < h; j++) {
        let z = 0;
        for (let k = 0; k < d; k++) z += x[i * d + k] * w[k * h + j];
        dz[i * h + j] = 1 - Math.tanh(z) ** 2;
      }
    }
    const gx = new Float64Array(n * d);
    const gw = new Float64Array(d * h);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) {
        for (let j = 0; j < h; j++) {
          gx[i * d + k] += dz[i * h + j] * w[k * h + j];
          gw[k * h + j] += x[i * d + k] * dz[i * h + j];
        }
      }
    }
    const [tx, tw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(a, b))))([t64(x, [n, d]), t64(w, [d, h])]);
    const [fx, fw] = centralDiff(loss, [x, w]);
    expect(normRelErr(f64(tx), fx)).toBeLessThan(1e-8);
    expect(normRelErr(f64(tw), fw)).toBeLessThan(1e-8);
    expect(maxRelErr(f64(tx), gx)).toBeLessThan(1e-12);
    expect(maxRelErr(f64(tw), gw)).toBeLessThan(1e-12);
  });

  test('Hessian-vector product of sum(x^2 log x + x sqrt x) (grad of grad) matches the closed form', () => {
    // Not exp or tanh: their tfjs gradients reuse the saved forward output, which the outer tape
    // does not differentiate through, so grad of grad through them is wrong on every backend
    // (tfjs-backend-cpu included).
    const shape = [2, 3];
    const x = randn(shape, 3).map((v) => 0.1 + Math.abs(v));
    const v = randn(shape, 4);
    const f = (t: tf.Tensor) => tf.sum(tf.add(tf.mul(tf.square(t), tf.log(t)), tf.mul(t, tf.sqrt(t))));
    const g = tf.grad(f);
    const hv = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(g(t), t64(v, shape))))(t64(x, shape));
    // f' = 2x log x + x + 1.5 sqrt x; f'' = 2 log x + 3 + 0.75 / sqrt x; the Hessian is diagonal.
    const expected = x.map((xi, i) => (2 * Math.log(xi) + 3 + 0.75 / Math.sqrt(xi)) * v[i]);
    expect(maxRelErr(f64(hv), expected)).toBeLessThan(1e-12);
    const gradient = x.map((xi) => 2 * xi * Math.log(xi) + xi + 1.5 * Math.sqrt(xi));
    expect(maxRelErr(f64(g(t64(x, shape))), gradient)).toBeLessThan(1e-12);
  });

  test.each<[string, (...ts: tf.Tensor[]) => tf.Tensor, Arg[]]>([
    ['Add (broadcast)', (a, b) => tf.add(a, b), [arg([2, 3], 10), arg([3], 11)]],
    ['Sub (broadcast)', (a, b) => tf.sub(a, b), [arg([2, 1, 3], 12), arg([4, 1], 13)]],
    ['Multiply (broadcast)', (a, b) => tf.mul(a, b), [arg([2, 3], 14), arg([2, 1], 15)]],
    ['RealDiv (broadcast)', (a, b) => tf.div(a, b), [arg([3, 2], 16), arg([2], 17, positive)]],
    ['Maximum', (a, b) => tf.maximum(a, b), [arg([6], 18), arg([6], 19)]],
    ['Pow', (a, b) => tf.pow(a, b), [arg([5], 20, positive), arg([5], 21)]],
    ['SquaredDifference', (a, b) => tf.squaredDifference(a, b), [arg([2, 3], 22), arg([2, 3], 23)]],
    ['Exp', (a) => tf.exp(a), [arg([2, 3], 24)]],
    ['Log', (a) => tf.log(a), [arg([2, 3], 25, positive)]],
    ['Sqrt', (a) => tf.sqrt(a), [arg([2, 3], 26, positive)]],
    ['Square', (a) => tf.square(a), [arg([2, 3], 27)]],
    ['Tanh', (a) => tf.tanh(a), [arg([2, 3], 28)]],
    ['Neg', (a) => tf.neg(a), [arg([4], 29)]],
    ['Abs and Sigmoid', (a) => tf.sigmoid(tf.abs(a)), [arg([5], 30)]],
    ['Sum (axis, keepDims)', (a) => tf.sum(a, -1, true), [arg([2, 3, 4], 31)]],
    ['Mean (axes)', (a) => tf.mean(a, [0, 2]), [arg([2, 3, 4], 32)]],
    ['Max (Equal in its gradient)', (a) => tf.max(a, 1), [arg([3, 4], 33)]],
    ['BatchMatMul', (a, b) => tf.matMul(a, b), [arg([2, 3, 4], 34), arg([2, 4, 2], 35)]],
    ['BatchMatMul transposed', (a, b) => tf.matMul(a, b, true, true), [arg([4, 3], 36), arg([2, 4], 37)]],
    ['Reshape and Transpose', (a) => tf.transpose(tf.reshape(a, [3, 2, 2]), [2, 0, 1]), [arg([4, 3], 38)]],
    ['Slice (PadV2 in its gradient)', (a) => tf.slice(a, [1, 0], [2, -1]), [arg([4, 3], 39)]],
    ['PadV2 (Slice in its gradient)', (a) => tf.pad(a, [[1, 0], [2, 1]], 0.5), [arg([2, 3], 40)]],
    ['Concat (SplitV in its gradient)', (a, b) => tf.concat([a, b, a], 1), [arg([2, 3], 41), arg([2, 1], 42)]],
    ['Pack (Unpack in its gradient)', (a, b) => tf.stack([a, b], 1), [arg([2, 3], 43), arg([2, 3], 44)]],
    ['Unpack (Pack in its gradient)', (a) => tf.mul(tf.unstack(a, 1)[0], tf.unstack(a, 1)[2]), [arg([2, 3], 45)]],
    ['Tile', (a) => tf.tile(a, [2, 3]), [arg([2, 2], 46)]],
    ['GatherV2 (UnsortedSegmentSum in its gradient)', (a) => tf.gather(a, tf.tensor([2, 0, 2], [3], 'int32'), 1), [arg([2, 3], 47)]],
    ['Cast and Identity', (a) => tf.clone(tf.cast(a, 'float32')), [arg([3], 48)]],
  ])('%s', (_, f, args) => {
    checkGradients(f, args);
  });

  test('ArgMax, OneHot and ZerosLike have zero gradients', () => {
    const x = t64(randn([2, 3], 50), [2, 3]);
    const g = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.add(tf.cast(tf.oneHot(tf.argMax(t, 1), 3), 'float32'), tf.zerosLike(t))),
    )(x);
    expect(Array.from(f64(g))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
