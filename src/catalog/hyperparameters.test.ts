import { describe, expect, it } from 'vitest';
import { parseHyperparameter } from './hyperparameters';
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
