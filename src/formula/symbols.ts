/**
 * The free symbols of a formula (its variables and parameters), and the natural order the page and
 * the engine list parameters in: b2 before b10, as NIST numbers them.
 */
import type { Node } from './ast';

export interface SymbolUse {
  name: string;
  /** Where the symbol first appears. */
  column: number;
}

/** Each symbol of `tree` once, in the order they first appear in the text. */
export function symbolsOf(tree: Node): SymbolUse[] {
  const seen = new Map<string, number>();
  const visit = (n: Node): void => {
    switch (n.kind) {
      case 'symbol':
        if (!seen.has(n.name)) seen.set(n.name, n.column);
        return;
      case 'negate':
        return visit(n.operand);
      case 'binary':
        visit(n.left);
        return visit(n.right);
      case 'call':
        return visit(n.argument);
      default:
        return;
    }
  };
  visit(tree);
  return [...seen].map(([name, column]) => ({ name, column }));
}

/** The names of the free symbols of `tree`, in natural order. */
export const freeSymbols = (tree: Node): string[] => sortNatural(symbolsOf(tree).map((s) => s.name));

/** Whether `n` has a symbol anywhere (if not, its value is one number). */
export function hasSymbol(n: Node): boolean {
  switch (n.kind) {
    case 'symbol':
      return true;
    case 'negate':
      return hasSymbol(n.operand);
    case 'binary':
      return hasSymbol(n.left) || hasSymbol(n.right);
    case 'call':
      return hasSymbol(n.argument);
    default:
      return false;
  }
}

/**
 * Compares names with their runs of digits read as numbers: x < x1 < x2 < x10, b2 < b10. Runs of
 * equal value (b01, b1) and otherwise equal names fall back to plain code-unit order, so the order
 * is total and two different names never compare equal.
 */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    if (digits) {
      // Compare as integers of any length: strip leading zeros, then the longer is larger.
      const [u, v] = [x.replace(/^0+(?=\d)/, ''), y.replace(/^0+(?=\d)/, '')];
      if (u.length !== v.length) return u.length - v.length;
      if (u !== v) return u < v ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A sorted copy of `names`, in natural order. */
export const sortNatural = (names: readonly string[]): string[] => [...names].sort(naturalCompare);
