/**
 * Float64 closed forms for chapter 2, the independent reference of the tests (no tfjs): the
 * gradient and Hessian of f = (1 - x)^2 + 100 (y - x^2)^2 and the Jacobian of its residuals
 * r = (1 - x, 10 (y - x^2)). The loss itself is `valley64` of rosenbrock-valley.ts.
 */

export const grad64 = ([x, y]: number[]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
export const hess64 = ([x, y]: number[]) => [[2 - 400 * (y - 3 * x * x), -400 * x], [-400 * x, 200]];
export const jac64 = ([x]: number[]) => [[-1, 0], [-20 * x, 10]];
