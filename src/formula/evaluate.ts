/**
 * The plain float64 value of a formula: the reference the engine's compiled ops are tested
 * against, and the one place that says what a formula means.
 *
 * Powers: a^c with an exponent c free of symbols is Math.pow(a, c), so (-2)^3 = -8 and x^2 is
 * defined for every x. A power whose exponent has a symbol is exp(b·log a), the only form with
 * exact derivatives in both a and b: NaN for a < 0 whatever b is (JavaScript's Math.pow where
 * a > 0, and exp(b·log a) at the edges 0, Infinity, NaN).
 */
import type { FunctionName, Node } from './ast';
import { CONSTANTS } from './ast';
import { hasSymbol } from './symbols';

export const FUNCTION_VALUES: Readonly<Record<FunctionName, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  atan: Math.atan,
  tanh: Math.tanh,
  abs: Math.abs,
};

/** a^b for an exponent with a symbol: exp(b·log a), computed as Math.pow where that is the same. */
export function symbolicPower(a: number, b: number): number {
  return a > 0 && a < Infinity ? Math.pow(a, b) : Math.exp(b * Math.log(a));
}

/** The value of `tree` with each symbol given by `values`; throws if one has no value. */
export function evaluate(tree: Node, values: Readonly<Record<string, number>> = {}): number {
  const at = (n: Node): number => {
    switch (n.kind) {
      case 'number':
        return n.value;
      case 'constant':
        return CONSTANTS[n.name];
      case 'symbol':
        if (!Object.hasOwn(values, n.name)) throw new Error(`evaluate: no value for the symbol '${n.name}'`);
        return values[n.name];
      case 'negate':
        return -at(n.operand);
      case 'call':
        return FUNCTION_VALUES[n.fn](at(n.argument));
      case 'binary': {
        const [a, b] = [at(n.left), at(n.right)];
        switch (n.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return a / b;
          case '^':
            return hasSymbol(n.right) ? symbolicPower(a, b) : Math.pow(a, b);
        }
      }
    }
  };
  return at(tree);
}
