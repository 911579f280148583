/** The tree's equality (positions ignored) and the names a symbol may not take. */
import { describe, expect, it } from 'vitest';
import { binaryNode, numberNode, symbolNode } from './arbitraries';
import { equalTrees, FUNCTIONS, RESERVED_NAMES } from './ast';
import { parse } from './parse';

describe('ast', () => {
  it('equalTrees ignores columns and nothing else', () => {
    const r1 = parse('b1 * x');
    const r2 = parse('b1*x');
    expect(r1.ok && r2.ok && equalTrees(r1.tree, r2.tree)).toBe(true);
    expect(equalTrees(binaryNode('*', symbolNode('x'), numberNode(2)), binaryNode('*', numberNode(2), symbolNode('x')))).toBe(false);
    expect(equalTrees(binaryNode('*', symbolNode('x'), numberNode(2)), binaryNode('/', symbolNode('x'), numberNode(2)))).toBe(false);
    expect(equalTrees(symbolNode('x'), { kind: 'constant', name: 'e', column: 0 })).toBe(false);
    expect(equalTrees(numberNode(0), numberNode(-0))).toBe(false);
    expect(equalTrees(numberNode(NaN), numberNode(NaN))).toBe(true);
  });

  it('reserves the function names, their aliases and the constants', () => {
    for (const name of [...FUNCTIONS, 'arctan', 'pi', 'e']) expect(RESERVED_NAMES.has(name)).toBe(true);
    for (const name of ['x', 'b1', 'E', 'PI', 'exp1']) expect(RESERVED_NAMES.has(name)).toBe(false);
  });
});
