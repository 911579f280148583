/**
 * The distance of BFGS's estimate to the true inverse Hessian: 0 for the exact inverse, the
 * Frobenius ratio for a known perturbation, NaN for a singular H; and on chapter 1, BFGS's own
 * estimate at convergence within 1e-3 of the truth (its tests measured 2.5e-4).
 */
import { describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import { createFormulaProblem } from '../problems/formula-function';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { inverseHessianError } from './inverse-hessian-error';

describe('inverseHessianError (cpu64)', () => {
  onBackend(FLOAT64_BACKEND);
  // f = 2x^2 + xy + y^2: H = [[4, 1], [1, 2]], H^-1 = [[2, -1], [-1, 4]] / 7.
  const problem = createFormulaProblem({ problem: 'formula', f: '2*x^2 + x*y + y^2' });
  const oracle = createOracle(problem);
  const inverse = [2 / 7, -1 / 7, -1 / 7, 4 / 7];

  test('is 0 at the exact inverse and the Frobenius ratio for a perturbation', () => {
    const p = tf.tensor1d([0.3, -0.2]);
    expect(inverseHessianError(oracle, p, inverse)).toBeLessThan(1e-15);
    const norm = Math.hypot(...inverse);
    expect(inverseHessianError(oracle, p, [inverse[0] + 0.01, inverse[1], inverse[2], inverse[3]])).toBeCloseTo(0.01 / norm, 14);
    expect(inverseHessianError(oracle, p, [1, 0, 0, 1])).toBeCloseTo(Math.hypot(1 - 2 / 7, 1 / 7, 1 / 7, 1 - 4 / 7) / norm, 14);
    p.dispose();
  });

  test('is NaN where H is singular', () => {
    const flat = createOracle(createFormulaProblem({ problem: 'formula', f: '(x + y)^2' }));
    const p = tf.tensor1d([1, 1]);
    expect(inverseHessianError(flat, p, [1, 0, 0, 1])).toBeNaN();
    p.dispose();
  });
});
