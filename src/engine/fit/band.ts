/**
 * The confidence band of a fitted curve, by the delta method: at each x, the model's value f(x; b)
 * and its gradient g(x) = df/db by autodiff, the variance g Sigma g^T of the fitted mean, and the
 * band f +/- t_{(1 + level)/2, dof} sqrt(g Sigma g^T), with Student's t on the fit's degrees of
 * freedom. The prediction band adds the noise, s^2 (or 1 when sigma is absolute), under the root.
 * For models of one predictor (the curve the page draws over it).
 */
import type { Band, FitDefinition, FitReport } from '../../catalog';
import { checkModel } from '../../formula/problems';
import { compileFormula } from '../formula/compile';
import { tf } from '../tf';
import { studentQuantile } from './student-t';

export function confidenceBand(definition: FitDefinition, report: FitReport, xs: number[], level = 0.95): Band | null {
  const checked = checkModel(definition.model, definition.data.names);
  if (!checked.ok || checked.value.predictors.length !== 1 || !report.covariance || report.dof <= 0) return null;
  const { expression, parameters, predictors } = checked.value;
  const [x] = predictors;
  const n = xs.length;
  const dim = parameters.length;
  const f = compileFormula(expression, [...parameters, x]);
  // Row i of P holds the parameters for point i, so one backward pass gives every gradient row.
  const { values, gradients } = tf.tidy(() => {
    const P = tf.tile(tf.tensor2d([Float64Array.from(report.params)], [1, dim]), [n, 1]);
    const column = tf.tensor1d(Float64Array.from(xs));
    const at = (Q: tf.Tensor) => f({ [x]: column, ...Object.fromEntries(parameters.map((name, k) => [name, tf.reshape(tf.slice(Q, [0, k], [n, 1]), [n])])) });
    const value = tf.add(at(P), tf.zeros([n]));
    const grad = tf.grad((Q: tf.Tensor) => tf.sum(tf.add(at(Q), tf.zeros([n]))))(P);
    return { values: value, gradients: grad };
  });
  const fit = Array.from(values.dataSync());
  const J = gradients.dataSync();
  tf.dispose([values, gradients]);
  const t = studentQuantile((1 + level) / 2, report.dof);
  const noise = report.scaled ? report.residualSD ** 2 : 1;
  const Sigma = report.covariance;
  const variance = fit.map((_, i) => {
    let v = 0;
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) v += J[i * dim + a] * Sigma[a][b] * J[i * dim + b];
    return v;
  });
  const half = variance.map((v) => t * Math.sqrt(v));
  const predictionHalf = variance.map((v) => t * Math.sqrt(v + noise));
  return {
    x: xs,
    fit,
    lower: fit.map((y, i) => y - half[i]),
    upper: fit.map((y, i) => y + half[i]),
    predictionLower: fit.map((y, i) => y - predictionHalf[i]),
    predictionUpper: fit.map((y, i) => y + predictionHalf[i]),
  };
}
