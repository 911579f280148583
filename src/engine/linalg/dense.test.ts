import { describe, expect, test } from 'vitest';
import { addDiagonal, normalEquations, solveCholesky, solveLU } from './dense';

const close = (x: ArrayLike<number>, y: number[], tol: number) =>
  y.forEach((yi, i) => expect(Math.abs(x[i] - yi)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(yi))));

describe('dense float64 solves', () => {
  // Seed 004's example: H = [[6, 2], [2, 2]], H^-1 (16, 12) = (1, 5). Exact in float64 to 1e-14.
  test('LU and Cholesky solve the seed-004 system', () => {
    close(solveLU([6, 2, 2, 2], [16, 12], 2)!, [1, 5], 1e-14);
    close(solveCholesky([6, 2, 2, 2], [16, 12], 2)!, [1, 5], 1e-14);
  });

  test('LU pivots through a zero leading entry and handles an indefinite matrix', () => {
    // [[0, 1], [1, 0]] x = (2, 3) -> x = (3, 2); Cholesky must refuse it (not positive definite).
    close(solveLU([0, 1, 1, 0], [2, 3], 2)!, [3, 2], 1e-15);
    expect(solveCholesky([0, 1, 1, 0], [2, 3], 2)).toBeNull();
  });

  test('a 3 x 3 system matches its known solution', () => {
    // A = [[4, 1, 2], [1, 5, 3], [2, 3, 6]] (SPD), x = (1, -2, 3) -> b = A x.
    const A = [4, 1, 2, 1, 5, 3, 2, 3, 6];
    const b = [4 - 2 + 6, 1 - 10 + 9, 2 - 6 + 18];
    close(solveLU(A, b, 3)!, [1, -2, 3], 1e-13);
    close(solveCholesky(A, b, 3)!, [1, -2, 3], 1e-13);
  });

  test('singular systems are reported as null, not as huge numbers', () => {
    expect(solveLU([1, 2, 2, 4], [1, 1], 2)).toBeNull();
    expect(solveCholesky([1, 2, 2, 4], [1, 1], 2)).toBeNull();
    // A zero column of J gives a zero row and column in J^T J: what Gauss-Newton meets in chapter 3.
    const { JtJ } = normalEquations([1, 0, 2, 0, 3, 0], [1, 1, 1], 3, 2);
    expect(solveCholesky(JtJ, [1, 0], 2)).toBeNull();
    // Damping makes it solvable: (J^T J + mu I) is positive definite for mu > 0.
    close(solveCholesky(addDiagonal(JtJ, 1, 2), [15, 0], 2)!, [1, 0], 1e-14);
  });

  test('normal equations match the products written out', () => {
    // J = [[1, 2], [3, 4], [5, 6]], r = (1, -1, 2): J^T J = [[35, 44], [44, 56]], J^T r = (8, 10).
    const { JtJ, Jtr } = normalEquations([1, 2, 3, 4, 5, 6], [1, -1, 2], 3, 2);
    expect(Array.from(JtJ)).toEqual([35, 44, 44, 56]);
    expect(Array.from(Jtr)).toEqual([8, 10]);
  });
});
