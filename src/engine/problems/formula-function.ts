/**
 * Chapter 7's f(x, y): the reader's formula as a problem of two parameters, compiled into the
 * second-order-safe ops, so every method that needs a gradient, Hessian-vector products or the
 * Hessian runs on it. A formula written as a sum of squares also gives its residuals, and the
 * least-squares methods run on it too (loss = sum r_k^2).
 */
import type { FormulaDefinition } from '../../catalog';
import { checkFunction, functionCapabilities, FUNCTION_VARIABLES } from '../../formula/problems';
import { compileFormula } from '../formula/compile';
import { tf } from '../tf';
import type { Problem } from '../types';

export function createFormulaProblem(definition: FormulaDefinition): Problem {
  const checked = checkFunction(definition.f);
  if (!checked.ok) throw new Error(checked.error.message);
  const f = compileFormula(checked.value.tree, FUNCTION_VARIABLES);
  const residualTrees = checked.value.residuals;
  const rs = residualTrees?.map((r) => compileFormula(r, FUNCTION_VARIABLES));
  /** x and y of the rows of P [rows, 2], each [rows]. */
  const xy = (P: tf.Tensor2D) => ({ x: tf.reshape(tf.slice(P, [0, 0], [-1, 1]), [-1]), y: tf.reshape(tf.slice(P, [0, 1], [-1, 1]), [-1]) });

  const problem: Problem = {
    id: 'formula',
    dim: 2,
    provides: [...functionCapabilities(checked.value)],
    loss: (p) => tf.reshape(f(xy(tf.reshape(p, [1, 2]))), []) as tf.Scalar,
    dispose() {},
  };
  if (!rs) return problem;
  const count = rs.length;
  return {
    ...problem,
    residualCount: count,
    residualScale: 1,
    // One row of P for all residuals, or row k for residual k (the Jacobian's form).
    residuals(P) {
      const rows = P.shape[0];
      const at = (k: number) => (rows === 1 ? xy(P) : xy(tf.slice(P, [k, 0], [1, 2]) as tf.Tensor2D));
      return tf.concat(rs.map((r, k) => tf.reshape(tf.add(r(at(k)), tf.zeros([1])), [1]))) as tf.Tensor1D;
    },
  };
}
