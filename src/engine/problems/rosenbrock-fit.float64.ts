/**
 * Float64 closed forms for chapter 1, the independent reference of the tests: residuals, their
 * Jacobian, the loss, its gradient and Hessian, written out by hand (no tfjs).
 */
import { rosenbrockFitData, ROSENBROCK_FIT_DEFAULTS } from './rosenbrock-fit';

const { x, y, z } = rosenbrockFitData(ROSENBROCK_FIT_DEFAULTS);
const m = z.length;

/** r_i = z_i - (a - x_i)^2 - b (y_i - x_i^2)^2. */
export const residuals64 = ([a, b]: number[]) => z.map((zi, i) => zi - (a - x[i]) ** 2 - b * (y[i] - x[i] ** 2) ** 2);

/** J_i = dr_i/d(a, b) = (-2 (a - x_i), -(y_i - x_i^2)^2). */
export const jacobian64 = ([a]: number[]) => x.map((xi, i) => [-2 * (a - xi), -((y[i] - xi ** 2) ** 2)]);

export const loss64 = (p: number[]) => residuals64(p).reduce((s, r) => s + r * r, 0) / m;

/** grad L = (2/m) J^T r. */
export function grad64(p: number[]): number[] {
  const r = residuals64(p);
  const J = jacobian64(p);
  return [0, 1].map((k) => (2 / m) * J.reduce((s, Ji, i) => s + Ji[k] * r[i], 0));
}

/** H = (2/m) sum_i (J_i J_i^T + r_i d2r_i), with d2r_i = [[-2, 0], [0, 0]]. */
export function hessian64(p: number[]): number[][] {
  const r = residuals64(p);
  const J = jacobian64(p);
  const H = [0, 1].map((j) => [0, 1].map((k) => (2 / m) * J.reduce((s, Ji) => s + Ji[j] * Ji[k], 0)));
  H[0][0] += (2 / m) * r.reduce((s, ri) => s - 2 * ri, 0);
  return H;
}
