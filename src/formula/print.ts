/**
 * A tree back to formula text with the fewest brackets that keep its structure: parse(print(t))
 * is t again (positions aside). Used to show a formula in one canonical spelling (`**` as `^`,
 * `arctan` as `atan`, square brackets as round ones).
 */
import type { Node } from './ast';

/** How tightly each kind of node binds: an operand looser than its place needs brackets. */
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

function precedence(n: Node): number {
  if (n.kind === 'binary') return n.op === '^' ? POWER : n.op === '*' || n.op === '/' ? PRODUCT : SUM;
  return n.kind === 'negate' ? UNARY : ATOM;
}

/** The shortest text that reads back as the same double (JavaScript's own): 0.1, 1e-7, 1.5e+300. */
function printNumber(value: number): string {
  if (!Number.isFinite(value) || value < 0 || Object.is(value, -0)) throw new Error(`a formula's number literal is finite and not negative, got ${value}`);
  return String(value);
}

function printAt(n: Node, min: number): string {
  const text = printNode(n);
  return precedence(n) < min ? `(${text})` : text;
}

function printNode(n: Node): string {
  switch (n.kind) {
    case 'number':
      return printNumber(n.value);
    case 'symbol':
    case 'constant':
      return n.name;
    case 'call':
      return `${n.fn}(${printNode(n.argument)})`;
    case 'negate':
      return `-${printAt(n.operand, UNARY)}`;
    case 'binary':
      switch (n.op) {
        case '+':
        case '-':
          return `${printAt(n.left, SUM)} ${n.op} ${printAt(n.right, PRODUCT)}`;
        case '*':
        case '/':
          return `${printAt(n.left, PRODUCT)}${n.op}${printAt(n.right, UNARY)}`;
        case '^':
          return `${printAt(n.left, ATOM)}^${printAt(n.right, UNARY)}`;
      }
  }
}

/** The formula text of `tree`. */
export const print = (tree: Node): string => printNode(tree);
