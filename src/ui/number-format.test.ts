/** Table numbers: four significant digits to read, every digit in the full form. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fullNumber, precisionNumber, tableNumber } from './number-format';

describe('tableNumber', () => {
  it.each([
    [2.5, '2.500'], [2.4999999, '2.500'], [1234.5, '1235'], [9999.4, '9999'], [9999.5, '1.000e4'], [12345.6, '1.235e4'], [1e21, '1.000e21'],
    [0.001, '0.001000'], [0.0012346, '0.001235'], [0.00099996, '0.001000'], [0.0009994, '9.994e-4'], [1.23456789e-9, '1.235e-9'],
    [8.8e-10, '8.800e-10'], [-3.14159, '-3.142'], [-1.5e-7, '-1.500e-7'], [5e-324, '4.941e-324'],
    [0, '0'], [-0, '0'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'],
  ])('%s is %s', (x, text) => expect(tableNumber(x)).toBe(text));

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('is the number to 4 significant digits', (x) => {
    const shown = Number(tableNumber(x));
    expect(shown).toBe(Number(x.toPrecision(4)));
  });
});

describe('fullNumber', () => {
  test.prop([fc.double()])('reads back as the same double, -0 and NaN included', (x) => {
    expect(Object.is(Number(fullNumber(x)), x)).toBe(true);
  });
  it('writes -0 with its sign', () => expect(fullNumber(-0)).toBe('-0'));
});

describe('precisionNumber', () => {
  test.each([
    [-0.5625, 'float64', '-0.5625'],
    [0.1, 'float64', '0.1'],
    [Math.fround(0.1), 'float32', '0.1'],
    [Math.fround(-0.56205505), 'float32', '-0.56205505'],
    [Math.fround(6.5587754), 'float32', '6.5587754'],
    [Math.fround(1 / 3), 'float32', '0.33333334'],
    [1 / 3, 'float64', '0.3333333333333333'],
    [-0, 'float32', '-0'],
    [Infinity, 'float32', 'Infinity'],
  ] as const)('%d in %s reads %s', (x, precision, text) => {
    expect(precisionNumber(x, precision)).toBe(text);
    if (Number.isFinite(x) && precision === 'float32') expect(Math.fround(Number(text))).toBe(x);
  });

  test.prop([fc.float({ noNaN: true, noDefaultInfinity: true })])('a float32 reads back as itself, in at most 9 significant digits', (x) => {
    const text = precisionNumber(x, 'float32');
    expect(Object.is(Math.fround(Number(text)), x)).toBe(true);
    expect(Number(text).toExponential().replace(/^-/, '').replace(/e.*$/, '').replace('.', '').length).toBeLessThanOrEqual(9);
  });
});
