/**
 * BatchMatMul in float64.
 *
 * Batch dimensions broadcast with numpy rules (tfjs-backend-cpu indexes batches modulo each side's
 * batch count, which agrees whenever one side has a single batch or both have the same batch
 * shape, the only cases tfjs's own tests use). Transposed operands are copied to row-major first so
 * the inner loop runs i-k-j: it streams a row of B into a row of C, which is contiguous on both
 * sides. Each C[i][j] still sums its k terms in increasing k, like a textbook dot product.
 */
import * as tf from '@tensorflow/tfjs-core';
import { broadcastStrides, type Float64Kernel, input, kernel, newArray, type NumArray, output, stridedOffsets, valuesOf } from './util';

/** Matrix `m` of `batch`, as a row-major rows x cols array (a view when no transpose is needed). */
function rowMajor(values: NumArray, batch: number, rows: number, cols: number, transposed: boolean): NumArray {
  const at = batch * rows * cols;
  if (!transposed) return values.subarray(at, at + rows * cols);
  const out = new Float64Array(rows * cols);
  // Stored as cols x rows.
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = values[at + c * rows + r];
  return out;
}

const batchMatMul = kernel<{ transposeA: boolean; transposeB: boolean }>(tf.BatchMatMul, ({ inputs, backend, attrs }) => {
  const a = input(inputs, 'a', tf.BatchMatMul);
  const b = input(inputs, 'b', tf.BatchMatMul);
  const { transposeA, transposeB } = attrs;
  if (a.shape.length < 2 || b.shape.length < 2) throw new Error(`cpu64 BatchMatMul: inputs must have rank >= 2, got ${a.shape} and ${b.shape}`);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) {
    throw new Error(
      `cpu64 BatchMatMul: inner shapes (${k}) and (${kb}) of shapes ${a.shape} and ${b.shape} ` +
        `(transposeA=${transposeA}, transposeB=${transposeB}) must match`,
    );
  }
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const batchShape = tf.backend_util.assertAndGetBroadcastShape(batchA, batchB);
  // Which matrix of A and of B each output matrix uses.
  const whichA = stridedOffsets(batchShape, broadcastStrides(batchA, batchShape));
  const whichB = stridedOffsets(batchShape, broadcastStrides(batchB, batchShape));

  const av = valuesOf(backend, a);
  const bv = valuesOf(backend, b);
  const dtype = tf.upcastType(a.dtype, b.dtype);
  // Accumulate in float64 even for int32 (then truncated on store, as the cpu backend's float sum is).
  const acc = new Float64Array(m * n);
  const out = newArray(dtype, whichA.length * m * n);
  for (let batch = 0; batch < whichA.length; batch++) {
    const A = rowMajor(av, whichA[batch], m, k, transposeA);
    const B = rowMajor(bv, whichB[batch], k, n, transposeB);
    acc.fill(0);
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let p = 0; p < k; p++) {
        const aip = A[i * k + p];
        const bRow = p * n;
        for (let j = 0; j < n; j++) acc[row + j] += aip * B[bRow + j];
      }
    }
    out.set(acc, batch * m * n);
  }
  return output(backend, [...batchShape, m, n], dtype, out);
});

export const matmulKernels: Float64Kernel[] = [batchMatMul];
