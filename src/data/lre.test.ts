import { describe, expect, it } from 'vitest';
import { LRE_CAP, lre, worstLre } from './lre';

describe('lre', () => {
  it('counts matching significant digits: -log10 of the relative error', () => {
    expect(lre(1.0001, 1)).toBeCloseTo(4, 9); // |1.0001 - 1| / 1 = 1e-4
    expect(lre(0.99, 1)).toBeCloseTo(2, 9); // 1e-2
    expect(lre(1.5, 1)).toBeCloseTo(0.30103, 5); // -log10(0.5) = log10(2)
    expect(lre(-2.00002, -2)).toBeCloseTo(5, 9); // 2e-5 / 2 = 1e-5, the sign of certified does not matter
    // 238.94 against Misra1a's b1: 0.00212918 / 238.94212918 = 8.91082e-6, so 5.0501 digits.
    expect(lre(238.94, 2.3894212918e2)).toBeCloseTo(5.05008035, 7);
    expect(lre(1.23456e-20 * (1 + 1e-7), 1.23456e-20)).toBeCloseTo(7, 6); // scale free
  });

  it('gives the cap for an exact match or anything closer than 11 digits', () => {
    expect(LRE_CAP).toBe(11);
    expect(lre(2.3894212918e2, 2.3894212918e2)).toBe(11);
    expect(lre(1 + 1e-15, 1)).toBe(11); // 14.96 digits, capped
    expect(lre(1 + 1e-11, 1)).toBeCloseTo(11, 4);
    expect(lre(-0, 0)).toBe(11);
  });

  it('scores the absolute error when the certified value is 0', () => {
    expect(lre(1e-5, 0)).toBeCloseTo(5, 12);
    expect(lre(-1e-3, 0)).toBeCloseTo(3, 12);
    expect(lre(1e-20, 0)).toBe(11);
    expect(lre(0, 0)).toBe(11);
    expect(lre(5, 0)).toBe(0);
  });

  it('gives 0 for a non-finite estimate or one off by 100 % or more', () => {
    expect(lre(NaN, 1)).toBe(0);
    expect(lre(Infinity, 1)).toBe(0);
    expect(lre(-Infinity, 0)).toBe(0);
    expect(lre(2, 1)).toBe(0); // relative error exactly 1
    expect(lre(-1, 1)).toBe(0); // 2, not negative
    expect(lre(1.7e308, -1.7e308)).toBe(0); // the difference overflows
  });

  it('refuses a non-finite certified value', () => {
    expect(() => lre(1, NaN)).toThrow(RangeError);
    expect(() => lre(1, Infinity)).toThrow(RangeError);
  });
});

describe('worstLre', () => {
  it('is the smallest LRE of the pairs', () => {
    expect(worstLre([1.0001, 2, 3], [1, 2, 3])).toBeCloseTo(4, 9);
    expect(worstLre(new Float64Array([1, NaN]), [1, 1])).toBe(0);
    expect(worstLre([5], [5])).toBe(11);
  });

  it('refuses lists of different lengths, or empty ones', () => {
    expect(() => worstLre([1, 2], [1])).toThrow(/2 estimates for 1 certified values/);
    expect(() => worstLre([], [])).toThrow(RangeError);
  });
});
