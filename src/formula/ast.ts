/**
 * The syntax tree of a formula: the one shape the parser produces, the printer and the float64
 * evaluator read, and the engine compiles into tfjs ops. It is plain data (no methods, no source
 * text), so it can cross the worker boundary as it is. Every node keeps the column (1-based offset
 * into the formula's text) of what made it, so a later check can point at the culprit.
 */

/** The functions of one argument a formula may call. `arctan` is parsed as `atan`. */
export const FUNCTIONS = ['exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'atan', 'tanh', 'abs'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** Other spellings of a function, as NIST writes them. */
export const FUNCTION_ALIASES: Readonly<Record<string, FunctionName>> = { arctan: 'atan' };

/** The named constants. */
export const CONSTANTS = { pi: Math.PI, e: Math.E } as const;
export type ConstantName = keyof typeof CONSTANTS;

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type Node =
  /** A non-negative finite number as written (a leading minus is a `negate`). */
  | { kind: 'number'; value: number; column: number }
  /** A variable or a parameter: any name that is not a function or a constant. */
  | { kind: 'symbol'; name: string; column: number }
  | { kind: 'constant'; name: ConstantName; column: number }
  /** Unary minus; `column` is the minus sign's. Unary plus leaves no node. */
  | { kind: 'negate'; operand: Node; column: number }
  /** `column` is the operator's (`**` is read as `^`). */
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; column: number }
  /** `column` is the function name's. */
  | { kind: 'call'; fn: FunctionName; argument: Node; column: number };

/** Names a symbol cannot have: they mean a function or a constant. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([...FUNCTIONS, ...Object.keys(FUNCTION_ALIASES), ...Object.keys(CONSTANTS)]);

/** Whether a and b are the same tree, positions ignored. */
export function equalTrees(a: Node, b: Node): boolean {
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' && Object.is(a.value, b.value);
    case 'symbol':
      return b.kind === 'symbol' && a.name === b.name;
    case 'constant':
      return b.kind === 'constant' && a.name === b.name;
    case 'negate':
      return b.kind === 'negate' && equalTrees(a.operand, b.operand);
    case 'binary':
      return b.kind === 'binary' && a.op === b.op && equalTrees(a.left, b.left) && equalTrees(a.right, b.right);
    case 'call':
      return b.kind === 'call' && a.fn === b.fn && equalTrees(a.argument, b.argument);
  }
}
