/** The checks that make a formula a problem: names, sums of squares, parameters in natural order. */
import { describe, expect, test } from 'vitest';
import { evaluate } from './evaluate';
import { print } from './print';
import { checkFunction, checkModel, sumOfSquares } from './problems';
import { parse } from './parse';

const tree = (text: string) => {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.tree;
};

describe('checkFunction', () => {
  test('takes a function of x and y; refuses any other name at its column', () => {
    expect(checkFunction('x^3 + 2*x*y + y^2 - x').ok).toBe(true);
    expect(checkFunction('x + z*y')).toEqual({ ok: false, error: { message: "unknown name 'z' at column 5: f may use x and y", column: 5 } });
    expect(checkFunction('sinn(x)')).toMatchObject({ ok: false, error: { column: 1 } });
  });

  test('a sum of squares gives its residuals, whose squares sum to f at random points', () => {
    const cases = {
      Rosenbrock: ['(1 - x)^2 + 100*(y - x^2)^2', 2],
      Himmelblau: ['(x^2 + y - 11)^2 + (x + y^2 - 7)^2', 2],
      Booth: ['(x + 2*y - 7)^2 + (2*x + y - 5)^2', 2],
      Beale: ['(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2', 3],
      'squares written c u^2 and u^2 c': ['4*(x - 1)^2 + (y + 2)**2*9', 2],
    } as const;
    for (const [name, [text, count]] of Object.entries(cases)) {
      const checked = checkFunction(text);
      if (!checked.ok) throw new Error(name);
      const residuals = checked.value.residuals;
      expect(residuals?.length, name).toBe(count);
      for (const [x, y] of [[0.3, -1.2], [2, 0.5], [-1.5, 3]]) {
        const sum = (residuals ?? []).reduce((s, r) => s + evaluate(r, { x, y }) ** 2, 0);
        const f = evaluate(checked.value.tree, { x, y });
        expect(Math.abs(sum - f), `${name} at ${x}, ${y}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(f)));
      }
    }
  });

  test('anything else is not a sum of squares', () => {
    for (const text of ['0.26*(x^2 + y^2) - 0.48*x*y', 'x^2 - y^2', '-1*(x)^2 + y^2', 'x^4 + y^2', '(x^2)^2 + abs(y)', 'x^3 + 2*x*y + y^2 - x']) {
      expect(sumOfSquares(tree(text)), text).toBeNull();
    }
    // A negative weight is not a square.
    expect(sumOfSquares(tree('-2*(x - 1)^2'))).toBeNull();
  });
});

describe('checkModel', () => {
  test("parameters are the names that are not columns, in natural order; predictors the columns used", () => {
    const checked = checkModel('y = b10*x1 + b2*exp[-b1*x2] + b9', ['y', 'x1', 'x2', 'w']);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.parameters).toEqual(['b1', 'b2', 'b9', 'b10']);
    expect(checked.value.predictors).toEqual(['x1', 'x2']);
    expect(print(checked.value.response)).toBe('y');
  });

  test('a transformed response, from the columns only', () => {
    const checked = checkModel('log[y] = a + b*x', ['y', 'x']);
    expect(checked.ok && print(checked.value.response)).toBe('log(y)');
    expect(checkModel('log(y + k) = a + b*x', ['y', 'x'])).toMatchObject({ ok: false, error: { column: 9 } });
  });

  test('refuses a model without parameters and a column named like a constant', () => {
    expect(checkModel('y = 2*x', ['y', 'x'])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^no parameter to fit at column 1/) } });
    expect(checkModel('y = a*e', ['y', 'e'])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/column named 'e'/) } });
  });
});
