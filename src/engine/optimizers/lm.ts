/**
 * Levenberg-Marquardt (seed 000):  p_trial = p_k - (J^T J + mu I)^{-1} J^T r.
 *
 * A trial whose loss is higher than the current one (or not finite) is rejected: p is kept and
 * mu *= 10; an accepted trial moves p and sets mu /= 10. Each step retries until a trial is
 * accepted, counting the rejections. A step that finds no acceptable trial in MAX_REJECTIONS
 * tries has reached the float32 floor and stops as 'stalled'.
 */
import { stopMessage } from '../../catalog';
import { addDiagonal, solveCholesky } from '../linalg/dense';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateResidualsAt, type LeastSquaresState } from './least-squares-state';

export interface LMState extends LeastSquaresState {
  mu: number;
  rejected: number;
}

/** mu grows 10x per rejection: 40 of them take mu from 1 to 1e40, where every step is zero. */
export const MAX_REJECTIONS = 40;

export const lm: Optimizer<'lm', LMState> = {
  id: 'lm',
  init: (p, oracle, { mu0 }) => ({ ...evaluateResidualsAt(p, oracle), mu: mu0, rejected: 0 }),
  step(state, oracle) {
    const n = oracle.dim;
    let { mu } = state;
    for (let rejected = 0; rejected < MAX_REJECTIONS; rejected++) {
      const d = solveCholesky(addDiagonal(state.JtJ, mu, n), state.Jtr, n);
      if (d) {
        const trial = tf.sub(state.params, tf.tensor1d(Float64Array.from(d))) as tf.Tensor1D;
        const trialLoss = oracle.loss(trial);
        if (trialLoss <= state.loss) return { ...evaluateResidualsAt(trial, oracle), mu: mu / 10, rejected };
        trial.dispose();
      }
      mu *= 10;
    }
    return {
      reason: 'stalled',
      message: stopMessage('stalled', `No trial step lowered the loss in ${MAX_REJECTIONS} tries (mu reached ${mu.toExponential(0)}).`),
    };
  },
};
