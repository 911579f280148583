/**
 * Chapter 8's fit: the reader's model `response = expression` fitted to a table by least squares,
 * as curve_fit and NIST's reference fits do. Residual i is w_i (g(data_i) - f(x_i; b)), with
 * g the response's transform (y itself, or log(y), ...) computed once in float64, and w_i = 1 / sigma_i
 * when a column of uncertainties is given (else 1); the loss is their sum of squares, NIST's RSS.
 * Parameters are the model's names that are not columns, in natural order (b2 before b10).
 */
import type { FitDefinition } from '../../catalog';
import { checkFit, faultMessage } from '../../formula/fit-check';
import { compileFormula } from '../formula/compile';
import { tf } from '../tf';
import type { Problem } from '../types';

export interface FitProblem extends Problem {
  /** The parameters, in the order of p. */
  parameters: string[];
  /** Observations (rows of the table). */
  rows: number;
}

export function createFitProblem(definition: FitDefinition): FitProblem {
  const { data } = definition;
  const checked = checkFit(definition);
  if (!checked.ok) throw new Error(faultMessage(checked.fault));
  const { model, rows, target, weight } = checked.value;
  const { expression, parameters, predictors } = model;
  const dim = parameters.length;
  const f = compileFormula(expression, [...parameters, ...predictors]);
  const columns = Object.fromEntries(predictors.map((name) => [name, tf.tensor1d(Float64Array.from(data.columns[data.names.indexOf(name)]))]));
  const weightedTarget = tf.tensor1d(Float64Array.from(target, (t, i) => t * weight[i]));
  const w = tf.tensor1d(weight);

  /** w (target - f) for parameters P [1 or rows, dim]: parameter k is column k of P. */
  const residuals = (P: tf.Tensor2D): tf.Tensor1D => {
    const inputs: Record<string, tf.Tensor> = { ...columns };
    parameters.forEach((name, k) => (inputs[name] = tf.reshape(tf.slice(P, [0, k], [-1, 1]), [-1])));
    // A model of the parameters alone (y = b1) gives one value: broadcast it to every row.
    const value = tf.add(f(inputs), tf.zeros([rows]));
    return tf.sub(weightedTarget, tf.mul(w, value)) as tf.Tensor1D;
  };

  return {
    id: 'fit',
    dim,
    parameters,
    rows,
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    residualCount: rows,
    residualScale: 1,
    residuals,
    loss: (p) => tf.sum(tf.square(residuals(tf.reshape(p, [1, dim]) as tf.Tensor2D))) as tf.Scalar,
    dispose() {
      tf.dispose([...Object.values(columns), weightedTarget, w]);
    },
  };
}
