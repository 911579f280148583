import { describe, expect, it } from 'vitest';
import { checkHyperparameter, parseHyperparameter, stepHyperparameter, type HyperparameterSpec } from './hyperparameters';
import { OPTIMIZERS } from './optimizers';

const lr = OPTIMIZERS.gd.hyperparameters[0];
const b1 = OPTIMIZERS.adam.hyperparameters[1];

describe('parseHyperparameter', () => {
  it.each([['5e-4', 5e-4], [' 0.01 ', 0.01], ['15', 15], ['.5', 0.5], ['1E3', 1000]])('accepts %s', (text, value) => {
    expect(parseHyperparameter(lr, text)).toEqual({ value });
  });
  it.each([
    ['', 'Learning rate is required.'],
    ['abc', 'Learning rate must be a number, such as 5e-4.'],
    ['0x10', 'Learning rate must be a number, such as 5e-4.'],
    ['1e999', 'Learning rate must be a finite number.'],
    ['-1', 'Learning rate must be positive.'],
    ['0', 'Learning rate must be positive.'],
  ])('refuses %j', (text, error) => {
    expect(parseHyperparameter(lr, text)).toEqual({ error });
  });
  it('applies inclusive and exclusive bounds', () => {
    expect(parseHyperparameter(b1, '0')).toEqual({ value: 0 });
    expect(parseHyperparameter(b1, '1')).toEqual({ error: 'beta1 must be less than 1.' });
    expect(parseHyperparameter(b1, '-0.1')).toEqual({ error: 'beta1 must be at least 0.' });
  });
});

describe('stepHyperparameter (arrow keys)', () => {
  const lr = OPTIMIZERS.gd.hyperparameters.find((h) => h.name === 'lr')!;
  const b1 = OPTIMIZERS.adam.hyperparameters.find((h) => h.name === 'b1')!;
  const start = { name: 'start', label: 'Start', tex: 'p_0', default: 0 };
  const steps = { name: 'maxSteps', label: 'Max steps', tex: 'K', default: 1, integer: true, min: { value: 1, inclusive: true } };

  it('a rate moves by a factor (2, or 10 with Shift), to three significant digits', () => {
    expect(stepHyperparameter(lr, 5e-4, 1)).toBe(1e-3);
    expect(stepHyperparameter(lr, 5e-4, -1)).toBe(2.5e-4);
    expect(stepHyperparameter(lr, 5e-4, 1, true)).toBe(5e-3);
    expect(stepHyperparameter(lr, 3e-4, -1)).toBe(1.5e-4);
  });

  it('a whole number by 1 or 10; any other number by 0.1 or 1 on that grid', () => {
    expect(stepHyperparameter(steps, 40_000, 1)).toBe(40_001);
    expect(stepHyperparameter(steps, 40_000, -1, true)).toBe(39_990);
    expect(stepHyperparameter(start, 0.3, 1)).toBe(0.4);
    expect(stepHyperparameter(start, -1.2, 1, true)).toBe(-1);
    expect(stepHyperparameter(start, -1, 1, true)).toBe(0);
    expect(stepHyperparameter(start, 2.55, -1)).toBe(2.5);
  });

  it('a step that leaves the range is not taken', () => {
    expect(stepHyperparameter(b1, 0.95, 1)).toBeNull();
    expect(stepHyperparameter(steps, 1, -1)).toBeNull();
  });

  it('every spec of the catalog: a step from its default is taken in its direction, within range, or not at all', () => {
    for (const spec of Object.values(OPTIMIZERS).flatMap((o): readonly HyperparameterSpec[] => o.hyperparameters)) {
      for (const direction of [1, -1] as const) {
        const next = stepHyperparameter(spec, spec.default, direction);
        if (next === null) continue;
        expect(checkHyperparameter(spec, next), spec.name).toBeNull();
        expect(Math.sign(next - spec.default), spec.name).toBe(direction);
      }
    }
  });
});

describe('a spec with choices (Adam\'s epsilon placement)', () => {
  const placement = OPTIMIZERS.adam.hyperparameters.find((h) => h.name === 'epsPlacement')!;
  const refusal = 'epsilon placement must be 0 (TF1: before bias correction) or 1 (paper / PyTorch: after bias correction).';

  it('takes exactly its choices, and names them when it refuses a value', () => {
    expect([0, 1].map((x) => checkHyperparameter(placement, x))).toEqual([null, null]);
    for (const x of [0.5, 2, -1, 1e-9]) expect(checkHyperparameter(placement, x), String(x)).toBe(refusal);
    expect(checkHyperparameter(placement, NaN)).toBe('epsilon placement must be a finite number.');
    expect(parseHyperparameter(placement, ' 1 ')).toEqual({ value: 1 });
    expect(parseHyperparameter(placement, '2')).toEqual({ error: refusal });
    expect(parseHyperparameter(placement, 'paper')).toEqual({ error: 'epsilon placement must be a number, such as 5e-4.' });
  });

  it('a list of three is written "a, b or c"', () => {
    const spec: HyperparameterSpec = { name: 'k', label: 'kind', tex: 'k', default: 0, choices: [{ value: 0, label: 'a', short: 'a' }, { value: 1, label: 'b', short: 'b' }, { value: 5, label: 'c', short: 'c' }] };
    expect(checkHyperparameter(spec, 2)).toBe('kind must be 0 (a), 1 (b) or 5 (c).');
    // Arrow keys go to the nearest choice that way, big steps alike, and stop at the ends.
    expect([stepHyperparameter(spec, 0, 1), stepHyperparameter(spec, 1, 1, true), stepHyperparameter(spec, 5, 1), stepHyperparameter(spec, 5, -1), stepHyperparameter(spec, 0, -1)]).toEqual([1, 5, null, 1, null]);
    expect(stepHyperparameter(spec, 2, 1)).toBe(5);
  });

  it('every catalog spec with choices: its default is one, and each choice is within the range it states', () => {
    const specs = Object.values(OPTIMIZERS).flatMap((o): readonly HyperparameterSpec[] => o.hyperparameters).filter((h) => h.choices);
    expect(specs.map((h) => h.name)).toEqual(['epsPlacement']);
    for (const spec of specs) {
      expect(spec.choices!.map((c) => c.value), spec.name).toContain(spec.default);
      // The range is what readers of the range only (the random configs of the property tests) see.
      for (const { value } of spec.choices!) expect(checkHyperparameter({ ...spec, choices: undefined }, value), spec.name).toBeNull();
      expect(spec.integer && spec.min?.value === Math.min(...spec.choices!.map((c) => c.value)) && spec.max?.value === Math.max(...spec.choices!.map((c) => c.value))).toBe(true);
    }
  });
});
