/**
 * Test-only: fast-check generators of formula trees and of formula text, shared by the formula
 * tests and the engine's compile tests. Generated nodes carry column 0 (they come from no text).
 */
import { fc } from '@fast-check/vitest';
import { CONSTANTS, FUNCTIONS, type BinaryOp, type ConstantName, type FunctionName, type Node } from './ast';

export interface TreeOptions {
  /** The symbols leaves may name. */
  symbols?: readonly string[];
  functions?: readonly FunctionName[];
  ops?: readonly BinaryOp[];
  /** Number literals (non-negative and finite). */
  numbers?: fc.Arbitrary<number>;
  /** What a power's exponent may be; by default any tree. */
  exponent?: (tree: fc.Arbitrary<Node>) => fc.Arbitrary<Node>;
  /** How deep trees grow (fast-check's depth bias: 'xsmall' to 'xlarge'). */
  depthSize?: fc.DepthSize;
  /** Whether leaves may be the constants pi and e. */
  constants?: boolean;
}

/** Any non-negative finite double, from subnormals to 1e308, -0 excluded. */
export const anyLiteral = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));

export const numberNode = (value: number): Node => ({ kind: 'number', value, column: 0 });
export const symbolNode = (name: string): Node => ({ kind: 'symbol', name, column: 0 });
export const negateNode = (operand: Node): Node => ({ kind: 'negate', operand, column: 0 });
export const binaryNode = (op: BinaryOp, left: Node, right: Node): Node => ({ kind: 'binary', op, left, right, column: 0 });
export const callNode = (fn: FunctionName, argument: Node): Node => ({ kind: 'call', fn, argument, column: 0 });

/** Random trees of every kind of node. */
export function treeArbitrary(options: TreeOptions = {}): fc.Arbitrary<Node> {
  const { symbols = ['x', 'y', 'b1', 'b10', 'x_2'], functions = FUNCTIONS, ops = ['+', '-', '*', '/', '^'], numbers = anyLiteral, exponent = (t) => t, depthSize = 'medium', constants = true } = options;
  const leaves: fc.Arbitrary<Node>[] = [numbers.map(numberNode)];
  if (symbols.length > 0) leaves.push(fc.constantFrom(...symbols).map(symbolNode));
  if (constants) leaves.push(fc.constantFrom(...(Object.keys(CONSTANTS) as ConstantName[])).map((name): Node => ({ kind: 'constant', name, column: 0 })));
  const { tree } = fc.letrec<{ tree: Node }>((tie) => {
    const sub = tie('tree');
    const inner: fc.Arbitrary<Node>[] = [sub.map(negateNode)];
    const plain = ops.filter((op) => op !== '^');
    if (plain.length > 0) inner.push(fc.tuple(fc.constantFrom(...plain), sub, sub).map(([op, l, r]) => binaryNode(op, l, r)));
    if (ops.includes('^')) inner.push(fc.tuple(sub, exponent(sub)).map(([l, r]) => binaryNode('^', l, r)));
    if (functions.length > 0) inner.push(fc.tuple(fc.constantFrom(...functions), sub).map(([fn, a]) => callNode(fn, a)));
    return { tree: fc.oneof({ depthSize, withCrossShrink: true }, ...leaves, ...inner) };
  });
  return tree;
}

/** Characters formulas are made of, and some they must not contain. */
const FORMULA_CHARS = '0123456789.eExyb_ +-*/^()[]=,;#$!?@{}\t\n\u2212\u00b2\u00e9';

/** Random text over formula characters: mostly malformed, sometimes valid. */
export const formulaLikeText = fc.string({ unit: fc.constantFrom(...FORMULA_CHARS.split('')), maxLength: 40 });

/** Formula tokens and near-misses, joined with or without spaces: random formulas that look real. */
export const tokenSoup = fc
  .tuple(
    fc.array(fc.constantFrom('x', 'b1', 'y', '2', '.5', '1e-3', '2.5E+02', '1e', '1.2.3', 'pi', 'e', 'sin', 'arctan', 'sinn', 'exp', 'log', '+', '-', '*', '/', '^', '**', '(', ')', '[', ']', '=', '#', ' '), { maxLength: 25 }),
    fc.boolean(),
  )
  .map(([tokens, spaced]) => tokens.join(spaced ? ' ' : ''));
