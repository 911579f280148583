/**
 * Printing: parse(print(t)) is t for random trees of every node kind (the round trip the page
 * relies on to show a formula in canonical form), the brackets it writes are all needed, and the
 * spellings it normalizes (** to ^, arctan to atan, [ ] to ( )).
 */
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { binaryNode, callNode, negateNode, numberNode, symbolNode, treeArbitrary } from './arbitraries';
import { equalTrees, type Node } from './ast';
import { MAX_FORMULA_LENGTH } from './lex';
import { parse } from './parse';
import { print } from './print';

const [a, b, c, x] = ['a', 'b', 'c', 'x'].map(symbolNode);
/** Random trees whose text is within the parser's length limit. */
const trees = treeArbitrary().filter((t) => print(t).length <= MAX_FORMULA_LENGTH);

/** Where each grouping '(' (not a call's) closes, as [open, close] index pairs. */
function groupingBrackets(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const stack: [number, boolean][] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') stack.push([i, !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')]);
    if (text[i] === ')') {
      const [open, grouping] = stack.pop()!;
      if (grouping) pairs.push([open, i]);
    }
  }
  return pairs;
}

describe('print', () => {
  it.each([
    [binaryNode('-', a, binaryNode('-', b, c)), 'a - (b - c)'],
    [binaryNode('-', binaryNode('-', a, b), c), 'a - b - c'],
    [binaryNode('+', a, binaryNode('+', b, c)), 'a + (b + c)'],
    [binaryNode('/', a, binaryNode('*', b, c)), 'a/(b*c)'],
    [binaryNode('*', binaryNode('/', a, b), c), 'a/b*c'],
    [binaryNode('*', binaryNode('+', a, b), c), '(a + b)*c'],
    [binaryNode('^', binaryNode('^', a, b), c), '(a^b)^c'],
    [binaryNode('^', a, binaryNode('^', b, c)), 'a^b^c'],
    [binaryNode('^', negateNode(x), numberNode(2)), '(-x)^2'],
    [negateNode(binaryNode('^', x, numberNode(2))), '-x^2'],
    [binaryNode('^', x, negateNode(numberNode(1))), 'x^-1'],
    [binaryNode('^', numberNode(2), binaryNode('*', x, a)), '2^(x*a)'],
    [binaryNode('*', a, negateNode(b)), 'a*-b'],
    [binaryNode('+', a, negateNode(b)), 'a + -b'],
    [binaryNode('-', a, negateNode(b)), 'a - -b'],
    [negateNode(negateNode(x)), '--x'],
    [negateNode(binaryNode('*', a, b)), '-(a*b)'],
    [binaryNode('*', negateNode(a), b), '-a*b'],
    [callNode('exp', binaryNode('+', x, numberNode(1))), 'exp(x + 1)'],
    [binaryNode('^', callNode('atan', x), numberNode(2)), 'atan(x)^2'],
    [numberNode(1e-7), '1e-7'],
    [numberNode(1e21), '1e+21'],
    [numberNode(0.1), '0.1'],
    [numberNode(5e-324), '5e-324'],
    [numberNode(Number.MAX_VALUE), '1.7976931348623157e+308'],
  ] as [Node, string][])('%# prints %j', (tree, text) => {
    expect(print(tree)).toBe(text);
  });

  it('normalizes spellings: ** to ^, arctan to atan, square brackets to round ones', () => {
    const r = parse('y**2 * arctan[x] ** 2');
    expect(r.ok && print(r.tree)).toBe('y^2*atan(x)^2');
  });

  it('refuses a number no parse can make (negative, -0, not finite)', () => {
    for (const v of [-1, -0, Infinity, NaN]) expect(() => print(numberNode(v))).toThrow(/finite and not negative/);
  });

  test.prop([trees], { numRuns: 3000 })('parse(print(t)) is t, and printing is idempotent', (tree) => {
    const text = print(tree);
    const back = parse(text);
    if (!back.ok) throw new Error(`${text}: ${back.error.message}`);
    expect(equalTrees(back.tree, tree)).toBe(true);
    expect(print(back.tree)).toBe(text);
  });

  test.prop([trees], { numRuns: 1000 })('every bracket it writes is needed', (tree) => {
    const text = print(tree);
    for (const [open, close] of groupingBrackets(text)) {
      const without = text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
      const r = parse(without);
      expect(r.ok && equalTrees(r.tree, tree), `${text} without the brackets at ${open}`).toBe(false);
    }
  });
});
