/**
 * Preconditioned SGD's update (psgd.ts) as one kernel on tfjs's CPU backends (wasm and cpu) for
 * small tensors: one JavaScript loop over the parameters in place of psgdUpdate's sixteen small
 * kernels, each of which costs about 6 us of dispatch before any arithmetic. The loop does the same
 * operations in the same order, each result rounded to float32 by Math.fround (one IEEE operation in
 * float64, then rounded to float32, is the float32 operation's result), so it gives psgdUpdate's
 * numbers to the last bit (tested). It costs about
 * 7 ns a parameter, where tfjs-wasm's SIMD kernels take about 1.3 ns for all sixteen after their
 * 80 us of dispatch (measured), so from JS_MAX parameters on, and where the kernel is not registered
 * (WebGL, and our float64 cpu64, whose kernels are its own list), psgdStep composes psgdUpdate from
 * tfjs's ops instead.
 *
 * For one tensor of parameters p of models with n parameters each, and the rule's t and on shared
 * by every model (they step together):
 *   C <- (1 - k/t) C + (k/t) (g1 - g)^2,   p <- p - lr on mask (2 B / (n C)) g.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getKernel, registerKernel, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { tf } from '../tf';
import { psgdUpdate } from './psgd';

export const PSGD_STEP = 'CurvaturePsgdStep';

/** Tensors of up to this many parameters take the one-loop kernel (the measured break-even: about 12,000). */
export const JS_MAX = 12_000;

/** The update's scalars, each as the rule's tensors would hold it. */
interface StepScalars {
  kt: number;
  keep: number;
  h0: number;
  lrOn: number;
}

const round = Math.fround;

/** Writes the next parameters and C into `outP` and `outC`, the operations of psgdUpdate in its order, each rounded to float32. */
function stepValues(P: Float32Array, C: Float32Array, mask: Float32Array, g: Float32Array, g1: Float32Array, outP: Float32Array, outC: Float32Array, { kt, keep, h0, lrOn }: StepScalars) {
  for (let i = 0; i < P.length; i++) {
    const d = round(g1[i] - g[i]);
    const c = round(round(keep * C[i]) + round(kt * round(d * d)));
    const H = round(h0 / c);
    outC[i] = c;
    outP[i] = round(P[i] - round(lrOn * round(mask[i] * round(H * g[i]))));
  }
}

/** The kernel for one backend. */
function kernelFor(backendName: 'wasm' | 'cpu'): KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const { P, C, mask, g, g1 } = inputs as Record<'P' | 'C' | 'mask' | 'g' | 'g1', TensorInfo>;
    const scalars = attrs as unknown as StepScalars;
    if (backendName === 'wasm') {
      const wasm = backend as BackendWasm;
      const outP = wasm.makeOutput(P.shape, 'float32');
      const outC = wasm.makeOutput(P.shape, 'float32');
      // Views taken after the outputs exist: allocating may grow the heap, which detaches older views.
      const view = (t: TensorInfo) => wasm.typedArrayFromHeap(t) as Float32Array;
      stepValues(view(P), view(C), view(mask), view(g), view(g1), view(outP), view(outC), scalars);
      return [outP, outC];
    }
    const cpu = backend as unknown as { readSync(dataId: object): Float32Array; makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo };
    const read = (t: TensorInfo) => cpu.readSync(t.dataId);
    const [outP, outC] = [new Float32Array(P.shape.reduce((a, b) => a * b, 1)), new Float32Array(P.shape.reduce((a, b) => a * b, 1))];
    stepValues(read(P), read(C), read(mask), read(g), read(g1), outP, outC, scalars);
    return [cpu.makeTensorInfo(P.shape, 'float32', outP), cpu.makeTensorInfo(P.shape, 'float32', outC)];
  };
}

for (const backendName of ['wasm', 'cpu'] as const) {
  if (!getKernel(PSGD_STEP, backendName)) registerKernel({ kernelName: PSGD_STEP, backendName, kernelFunc: kernelFor(backendName) });
}

/**
 * One step of preconditioned SGD on one tensor of parameters p (any shape), with its C, mask and
 * the gradients g and g1 in the same shape; t and on are the rule's (plain numbers here), n the
 * parameters per model, and lr, batch, k the rule's hyperparameters. Returns the next p and C.
 */
export function psgdStep(p: tf.Tensor, C: tf.Tensor, mask: tf.Tensor, g: tf.Tensor, g1: tf.Tensor, { t, on, n, lr, batch, k }: { t: number; on: number; n: number; lr: number; batch: number; k: number }): { next: tf.Tensor; C: tf.Tensor } {
  const backendName = tf.getBackend();
  if (p.size > JS_MAX || !getKernel(PSGD_STEP, backendName)) {
    return tf.tidy(() => {
      const { next, state } = psgdUpdate(p, g, g1, { C, mask, t: tf.scalar(t), on: tf.scalar(on) }, { lr: tf.scalar(lr), batch: tf.scalar(batch), k: tf.scalar(k) }, n);
      return { next, C: state.C };
    });
  }
  // The scalars as psgdUpdate computes them from float32 tensors.
  const kt = round(round(k) / t);
  const scalars: StepScalars = { kt, keep: round(1 - kt), h0: round(round(batch) * round(2 / n)), lrOn: round(round(lr) * on) };
  const [next, C1] = tf.engine().runKernel(PSGD_STEP, { P: p, C, mask, g, g1 }, scalars as unknown as NamedAttrMap) as tf.Tensor[];
  return { next, C: C1 };
}
