/**
 * A fit's report at given parameters (the end of a run, or any step): the residuals and their
 * Jacobian by autodiff, in the precision of the current backend, then fitReport's float64 algebra.
 */
import type { FitDefinition, FitReport } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { createFitProblem } from '../problems/fit-model';
import { tf } from '../tf';
import { fitReport } from './report';

export function fitReportAt(definition: FitDefinition, params: ArrayLike<number>): FitReport {
  const problem = createFitProblem(definition);
  try {
    const oracle = createOracle(problem);
    const p = tf.tensor1d(Float64Array.from(params));
    const { r, J } = oracle.residualsAndJacobian(p);
    p.dispose();
    return fitReport(problem.parameters, Array.from(params), r, J, { absoluteSigma: definition.absoluteSigma });
  } finally {
    problem.dispose();
  }
}
