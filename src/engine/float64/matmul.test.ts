/** BatchMatMul on cpu64 against a textbook float64 triple loop, with batch broadcasting. */
import { describe, expect, test } from 'vitest';
import { tf } from '../tf';
import { broadcastIndex, broadcastShape, f64, maxRelErr, onCpu64, randn, size, t64, unravel } from './testing';

/** C = op(A) op(B) per broadcast batch; each C[i][j] sums its k terms in increasing k from 0. */
function matmulRef(a: Float64Array, aShape: number[], b: Float64Array, bShape: number[], tA: boolean, tB: boolean) {
  const [ar, ac] = aShape.slice(-2);
  const [br, bc] = bShape.slice(-2);
  const m = tA ? ac : ar;
  const k = tA ? ar : ac;
  const n = tB ? br : bc;
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const batch = broadcastShape(batchA, batchB);
  const out = new Float64Array(size(batch) * m * n);
  for (let bi = 0; bi < size(batch); bi++) {
    const c = unravel(bi, batch);
    const aOff = broadcastIndex(c, batchA) * ar * ac;
    const bOff = broadcastIndex(c, batchB) * br * bc;
    const A = (i: number, p: number) => a[aOff + (tA ? p * ac + i : i * ac + p)];
    const B = (p: number, j: number) => b[bOff + (tB ? j * bc + p : p * bc + j)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
        out[(bi * m + i) * n + j] = s;
      }
    }
  }
  return { out, shape: [...batch, m, n] };
}

/** [a shape, b shape] before transposition: (m x k) times (k x n), with batch dims. */
const CASES: Array<[number[], number[]]> = [
  [[3, 4], [4, 5]],
  [[1, 1], [1, 1]],
  [[1, 6], [6, 1]],
  [[5, 1], [1, 4]],
  [[2, 3, 4], [2, 4, 5]],
  [[2, 3, 4], [4, 5]],
  [[3, 4], [3, 4, 2]],
  [[1, 2, 3], [3, 2]],
  [[2, 1, 3, 4], [1, 3, 4, 2]],
  [[17, 33], [33, 9]],
];

function swapLast(shape: number[]): number[] {
  const s = shape.slice();
  [s[s.length - 2], s[s.length - 1]] = [s[s.length - 1], s[s.length - 2]];
  return s;
}

describe('cpu64 BatchMatMul', () => {
  onCpu64();

  describe.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('transposeA %s transposeB %s', (tA, tB) => {
    test.each(CASES)('%j x %j', (aBase, bBase) => {
      const aShape = tA ? swapLast(aBase) : aBase;
      const bShape = tB ? swapLast(bBase) : bBase;
      const a = randn(aShape, 80 + aShape.length);
      const b = randn(bShape, 90 + bShape.length);
      const { out, shape } = matmulRef(a, aShape, b, bShape, tA, tB);
      const y = tf.matMul(t64(a, aShape), t64(b, bShape), tA, tB);
      expect(y.shape).toEqual(shape);
      expect(maxRelErr(f64(y), out)).toBeLessThan(1e-13);
    });
  });

  test('int32 matmul stays int32', () => {
    const y = tf.matMul(tf.tensor([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor([5, 6, 7, 8], [2, 2], 'int32'));
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([19, 22, 43, 50]);
  });

  test('mismatched inner dimensions throw', () => {
    expect(() => tf.matMul(t64(randn([2, 3], 1), [2, 3]), t64(randn([2, 3], 2), [2, 3]))).toThrow(/inner shapes/);
  });
});
