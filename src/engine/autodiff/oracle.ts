/**
 * The oracle: everything an optimizer may ask of a problem, each call counted. Losses and dense
 * curvature leave tfjs as float64 JS numbers; residual losses are float64 sums of the float32
 * residuals, so the stop rule does not inherit float32 summation error.
 */
import { normalEquations } from '../linalg/dense';
import { createRandom } from '../random';
import { tf } from '../tf';
import type { EvalCounts, Oracle, Problem } from '../types';

/** `uniform`: the run's seeded stream, for its minibatches and a rule's random start. */
export function createOracle(problem: Problem, uniform: () => number = createRandom(1).next): Oracle {
  const { dim } = problem;
  const counts: EvalCounts = { f: 0, grad: 0, hvp: 0, jac: 0 };
  const scale = problem.residualScale ?? 1 / (problem.residualCount ?? 1);
  const gradOf = tf.grad((q: tf.Tensor) => problem.loss(q as tf.Tensor1D));

  /** The loss function used under tapes; for residual problems it also reports the float64 loss. */
  const lossWithValue = (q: tf.Tensor1D, out: { loss: number }): tf.Scalar => {
    if (!problem.residuals) {
      const value = problem.loss(q);
      out.loss = value.dataSync()[0];
      return value;
    }
    const r = problem.residuals(tf.reshape(q, [1, dim]));
    out.loss = scale * sumSquares(r.dataSync());
    return tf.mul(scale, tf.sum(tf.square(r)));
  };

  const hvp = (p: tf.Tensor1D, v: tf.Tensor1D) =>
    tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.mul(gradOf(q), v)))(p) as tf.Tensor1D);

  const residualsAndJacobian = (p: tf.Tensor1D) => {
    const residuals = problem.residuals;
    const m = problem.residualCount;
    if (!residuals || m === undefined) throw new Error(`${problem.id} has no residuals.`);
    counts.jac++;
    // Each residual gets its own copy of the parameters (row i of P), so one backward pass of
    // sum(r) gives every row of J = dr/dp at once.
    let r: ArrayLike<number> = [];
    const JT = tf.tidy(() => {
      const P = tf.tile(tf.reshape(p, [1, dim]), [m, 1]);
      return tf.grad((Q: tf.Tensor) => {
        const rq = residuals(Q as tf.Tensor2D);
        r = rq.dataSync();
        return tf.sum(rq);
      })(P);
    });
    // Read J outside the tidy: tidy walks every entry of a returned typed array looking for
    // tensors, which cost 0.3 s per Jacobian on chapter 4's 10,000 x 96 (measured).
    const J = JT.dataSync();
    JT.dispose();
    return { r: Float64Array.from(r), J: Float64Array.from(J), m, scale, loss: scale * sumSquares(r) };
  };

  return {
    dim,
    counts,
    loss(p) {
      counts.f++;
      return tf.tidy(() => {
        const out = { loss: NaN };
        lossWithValue(p, out);
        return out.loss;
      });
    },
    valueAndGrad(p) {
      counts.grad++;
      const out = { loss: NaN };
      const grad = tf.tidy(() => tf.grad((q: tf.Tensor) => lossWithValue(q as tf.Tensor1D, out))(p) as tf.Tensor1D);
      return { loss: out.loss, grad };
    },
    sample(p, sizes) {
      const sample = problem.sample;
      if (!sample) throw new Error(`${problem.id} has no training set to sample.`);
      counts.grad += sizes.length;
      return tf.tidy(() => sample(tf.reshape(p, [1, dim]), sizes, uniform).map(({ grad }) => tf.reshape(grad, [dim]) as tf.Tensor1D));
    },
    uniform,
    hvp(p, v) {
      counts.hvp++;
      return hvp(p, v);
    },
    hessian(p) {
      // One Hessian-vector product per unit vector: column i of H is H e_i.
      counts.hvp += dim;
      const H = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) {
        const column = tf.tidy(() => hvp(p, tf.cast(tf.oneHot(i, dim), 'float32') as tf.Tensor1D).dataSync());
        for (let j = 0; j < dim; j++) H[j * dim + i] = column[j];
      }
      // Symmetrise: the two float32 halves differ in the last bits.
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < i; j++) H[i * dim + j] = H[j * dim + i] = (H[i * dim + j] + H[j * dim + i]) / 2;
      }
      return H;
    },
    residualsAndJacobian,
    normalEquations(p) {
      const closedForm = problem.normalEquations;
      if (!closedForm || !problem.residuals) {
        const { r, J, m, loss } = residualsAndJacobian(p);
        return { ...normalEquations(J, r, m, dim), scale, loss };
      }
      // The same information as a Jacobian, so it is counted as one.
      counts.jac++;
      const residuals = problem.residuals;
      const rt = tf.tidy(() => residuals(tf.reshape(p, [1, dim])));
      const r = rt.dataSync();
      rt.dispose();
      return { ...closedForm(p.dataSync(), r), scale, loss: scale * sumSquares(r) };
    },
  };
}

function sumSquares(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s;
}
