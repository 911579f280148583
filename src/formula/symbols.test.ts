/** Free symbols in text order, and the natural order parameters are listed in. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { freeSymbols, hasSymbol, naturalCompare, sortNatural, symbolsOf } from './symbols';
import { parse } from './parse';

function tree(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
}

describe('symbols', () => {
  it('lists each symbol once, where it first appears, not functions or constants', () => {
    expect(symbolsOf(tree('b10*x + exp(-b2*x) + pi*b1 + e'))).toEqual([
      { name: 'b10', column: 1 },
      { name: 'x', column: 5 },
      { name: 'b2', column: 14 },
      { name: 'b1', column: 25 },
    ]);
    expect(freeSymbols(tree('b10*x + exp(-b2*x) + pi*b1'))).toEqual(['b1', 'b2', 'b10', 'x']);
    expect(freeSymbols(tree('(1 + b5*x + b6*x**2 + b7*x**3) + b1 + b2*x + b3*x**2 + b4*x**3'))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'x']);
    expect(hasSymbol(tree('2*pi + exp(1)'))).toBe(false);
    expect(hasSymbol(tree('2*pi + exp(-x)'))).toBe(true);
  });

  it('sorts names with their numbers read as numbers', () => {
    expect(sortNatural(['b10', 'x10', 'b2', 'x', 'b1', 'x2', 'a', 'x1', 'B1', '_b', 'b1_2', 'b1_10'])).toEqual(['B1', '_b', 'a', 'b1', 'b1_2', 'b1_10', 'b2', 'b10', 'x', 'x1', 'x2', 'x10']);
    expect(naturalCompare('b01', 'b1')).not.toBe(0);
    expect(naturalCompare('b99999999999999999999', 'b100000000000000000000')).toBeLessThan(0);
  });

  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
  test.prop([name, name, name], { numRuns: 3000 })('naturalCompare is a total order', (a, b, c) => {
    expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
    expect(naturalCompare(a, b) === 0).toBe(a === b);
    const [p, q, r] = sortNatural([a, b, c]);
    expect(naturalCompare(p, q)).toBeLessThanOrEqual(0);
    expect(naturalCompare(q, r)).toBeLessThanOrEqual(0);
    expect(naturalCompare(p, r)).toBeLessThanOrEqual(0);
  });

  test.prop([fc.stringMatching(/^[a-z]{1,3}$/), fc.nat(), fc.nat()])('orders a name with numbers by the numbers', (stem, m, n) => {
    expect(Math.sign(naturalCompare(`${stem}${m}`, `${stem}${n}`))).toBe(Math.sign(m - n));
  });
});
