/** The fit check the page and the engine share: each fault at its field, the first in reading order, with its row; what a fit is made of when it checks. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkFit, faultMessage, type FitInput } from './fit-check';

const table = { names: ['x', 'y', 's'], columns: [[1, 2, 3, 4], [2, 4, 8, 16], [0.5, 1, 2, 4]] };
const fit = (change: Partial<FitInput> = {}): FitInput => ({ model: 'y = a*exp(b*x)', data: table, ...change });

describe('checkFit', () => {
  test('a fit that checks: its parameters and predictors, the response as the model reads it, and the weights 1/sigma', () => {
    const checked = checkFit(fit({ model: 'log(y) = a + b*x', sigma: 's' }));
    if (!checked.ok) throw new Error(faultMessage(checked.fault));
    expect(checked.value.model.parameters).toEqual(['a', 'b']);
    expect(checked.value.model.predictors).toEqual(['x']);
    expect(checked.value.rows).toBe(4);
    expect(Array.from(checked.value.target)).toEqual([2, 4, 8, 16].map(Math.log));
    expect(Array.from(checked.value.weight)).toEqual([2, 1, 0.5, 0.25]);
  });

  test.each([
    [fit({ model: 'Y = a*exp(b*x)' }), 'model', "'Y' at column 1 is not a data column (x, y, s)"],
    [fit({ model: 'y = a*' }), 'model', 'at column 7'],
    [fit({ data: { names: ['x', 'y'], columns: [[1], [2]] } }), 'data', 'The data has 1 row for 2 parameters'],
    [fit({ model: 'log(y - 4) = a + b*x' }), 'data', 'Row 1: the response is not a finite number there.'],
    [fit({ sigma: 'w' }), 'sigma', "There is no column 'w' for the uncertainties."],
    [fit({ sigma: 'x', data: { ...table, columns: [[1, -2, 3, 4], table.columns[1], table.columns[2]] } }), 'sigma', "Row 2, column 'x': an uncertainty must be a positive number, got -2."],
  ])('%# a fault is named at its field', (input, field, message) => {
    const checked = checkFit(input);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.fault.field).toBe(field);
    expect(faultMessage(checked.fault)).toContain(message);
  });

  test("the page names a row by its line in the text it was read from; the fault keeps the row's index", () => {
    const checked = checkFit(fit({ model: 'log(y - 3) = a + b*x' }), (i) => `row ${i + 5}`);
    expect(!checked.ok && checked.fault).toEqual({ field: 'data', message: 'row 5: the response is not a finite number there.', row: 0 });
  });

  test.prop([fc.string({ maxLength: 60 }), fc.array(fc.double(), { minLength: 0, maxLength: 6 }), fc.option(fc.constantFrom('x', 'y', 's', 'q'), { nil: undefined })], { numRuns: 500 })(
    'any model text, any numbers (NaN, infinities, -0), any sigma: a fit or one fault, never a throw',
    (model, xs, sigma) => {
      const checked = checkFit({ model, data: { names: ['x', 'y', 's'], columns: [xs, xs.map((x) => x * 2), xs] }, sigma });
      if (!checked.ok) expect(faultMessage(checked.fault).length).toBeGreaterThan(0);
      else for (const w of checked.value.weight) expect(w > 0 && Number.isFinite(w)).toBe(true);
    },
  );
});
