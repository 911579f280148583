/** Student's t against published quantiles (R's qt, 10 digits) and the normal limit. */
import { describe, expect, test } from 'vitest';
import { studentCdf, studentQuantile } from './student-t';

describe("Student's t", () => {
  test.each([
    [0.975, 1, 12.70620474],
    [0.975, 2, 4.30265273],
    [0.975, 7, 2.364624252],
    [0.975, 12, 2.178812830],
    [0.975, 30, 2.042272456],
    [0.995, 5, 4.032142984],
    [0.9, 3, 1.637744354],
    [0.975, 1e6, 1.959966],
  ])('qt(%d, %d) = %d', (p, dof, t) => {
    expect(Math.abs(studentQuantile(p, dof) - t) / t).toBeLessThan(dof === 1e6 ? 1e-6 : 1e-9);
  });

  test('the CDF is symmetric and 0.5 at 0; the quantile inverts it', () => {
    expect(studentCdf(0, 4)).toBeCloseTo(0.5, 15);
    expect(studentCdf(-1.3, 4) + studentCdf(1.3, 4)).toBeCloseTo(1, 14);
    for (const dof of [1, 3, 12, 100]) expect(studentCdf(studentQuantile(0.975, dof), dof)).toBeCloseTo(0.975, 12);
  });
});
