/**
 * The float64 reference: each function is JavaScript's, and powers follow the stated rule (a
 * constant exponent is Math.pow, negative bases included; an exponent with a symbol is exp(b·log a)).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { treeArbitrary } from './arbitraries';
import { FUNCTIONS, type Node } from './ast';
import { evaluate, FUNCTION_VALUES, symbolicPower } from './evaluate';
import { MAX_FORMULA_LENGTH } from './lex';
import { parse } from './parse';
import { print } from './print';

function tree(text: string): Node {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
}

describe('evaluate', () => {
  it.each(FUNCTIONS.map((fn) => [fn]))('%s(x) is Math.%s(x)', (fn) => {
    for (const x of [-2.5, -0.3, 0, 0.7, 3]) expect(Object.is(evaluate(tree(`${fn}(x)`), { x }), (Math as unknown as Record<string, (v: number) => number>)[fn](x))).toBe(true);
    expect(FUNCTION_VALUES[fn]).toBeTypeOf('function');
  });

  it('computes arithmetic with symbols and constants', () => {
    expect(evaluate(tree('b1*(1-exp[-b2*x])'), { b1: 2, b2: 0.5, x: 3 })).toBe(2 * (1 - Math.exp(-1.5)));
    expect(evaluate(tree('2*pi*e'))).toBe(2 * Math.PI * Math.E);
    expect(evaluate(tree('x/0'), { x: 1 })).toBe(Infinity);
  });

  it('takes a power with a constant exponent as Math.pow, negative bases included', () => {
    expect(evaluate(tree('x^3'), { x: -2 })).toBe(-8);
    expect(evaluate(tree('x^2'), { x: -3 })).toBe(9);
    expect(evaluate(tree('x^-1'), { x: -4 })).toBe(-0.25);
    expect(evaluate(tree('x^(4/2)'), { x: -3 })).toBe(9);
    expect(evaluate(tree('x^0'), { x: NaN })).toBe(1);
    expect(evaluate(tree('x^0.5'), { x: -1 })).toBeNaN();
    expect(evaluate(tree('x^(1/3)'), { x: 8 })).toBe(Math.pow(8, 1 / 3));
  });

  it('takes a power with a symbol in its exponent as exp(b log a): NaN for a negative base', () => {
    expect(evaluate(tree('x^b'), { x: 2, b: 3 })).toBe(8);
    expect(evaluate(tree('x^b'), { x: -2, b: 2 })).toBeNaN();
    expect(evaluate(tree('2^x'), { x: 10 })).toBe(1024);
    expect(evaluate(tree('x^b'), { x: 0, b: 2 })).toBe(0);
    expect(evaluate(tree('x^b'), { x: 0, b: -1 })).toBe(Infinity);
    expect(evaluate(tree('x^b'), { x: 0, b: 0 })).toBeNaN();
    expect(evaluate(tree('x^b'), { x: Infinity, b: 0 })).toBeNaN();
  });

  it('throws on a symbol without a value (a caller bug, not user input)', () => {
    expect(() => evaluate(tree('x + y'), { x: 1 })).toThrow("no value for the symbol 'y'");
    expect(() => evaluate(tree('x'), Object.create({ x: 1 }) as Record<string, number>)).toThrow();
  });

  test.prop([fc.double({ noNaN: false }), fc.double()], { numRuns: 2000 })('symbolicPower is exp(b log a): equal to it where it is finite, and NaN or infinite exactly where it is', (a, b) => {
    const p = symbolicPower(a, b);
    const ref = Math.exp(b * Math.log(a));
    if (Number.isFinite(ref) && Number.isFinite(p) && ref !== 0) expect(Math.abs(p - ref) / Math.abs(ref)).toBeLessThan(1e-10 * Math.max(1, Math.abs(b * Math.log(a))));
    expect(Number.isNaN(p)).toBe(Number.isNaN(ref));
    if (a < 0) expect(p).toBeNaN();
  });

  test.prop([treeArbitrary().filter((t) => print(t).length <= MAX_FORMULA_LENGTH), fc.double(), fc.double(), fc.double()], { numRuns: 2000 })('a printed tree evaluates as the tree does', (t, x, y, b1) => {
    const r = parse(print(t));
    if (!r.ok) throw new Error(r.error.message);
    const values = { x, y, b1, b10: x * y, x_2: -x };
    expect(Object.is(evaluate(r.tree, values), evaluate(t, values))).toBe(true);
  });
});
