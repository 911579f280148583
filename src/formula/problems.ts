/**
 * The checks that make a formula a problem, shared by the page (errors as you type) and the engine
 * (which checks again what it is sent): a function of x and y, and a fit model whose names are the
 * data's columns and its parameters. Nothing here throws: a fault comes back with its column.
 */
import { CONSTANTS, type Node } from './ast';
import { formulaError, type FormulaError } from './errors';
import { parse, parseModel } from './parse';
import { sortNatural, symbolsOf } from './symbols';

/** The names f(x, y) may use. */
export const FUNCTION_VARIABLES = ['x', 'y'] as const;

export interface CheckedFunction {
  tree: Node;
  /**
   * r_1 ... r_K when f is written as a sum of squares, f = sum_k r_k^2 (a term c u^2 with a
   * constant c >= 0 is (sqrt(c) u)^2), so the least-squares methods run on it; else null.
   */
  residuals: Node[] | null;
}

/** What a function gives the optimizers: its derivatives, and its residuals when it is a sum of squares. */
export const functionCapabilities = (f: CheckedFunction) => (f.residuals ? (['grad', 'hvp', 'hessian', 'residuals'] as const) : (['grad', 'hvp', 'hessian'] as const));

/** The names a function of chapter 6's curvature tools may use: x and y, and z for a third variable. */
export const POINT_VARIABLES = ['x', 'y', 'z'] as const;

export interface CheckedPointFunction {
  tree: Node;
  /** x, y, and z when the formula uses it: the point's coordinates, in this order. */
  variables: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: FormulaError };

export function checkFunction(text: string): Checked<CheckedFunction> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const stranger = symbolsOf(parsed.tree).find((s) => !(FUNCTION_VARIABLES as readonly string[]).includes(s.name));
  if (stranger) return { ok: false, error: formulaError(`unknown name '${stranger.name}'`, stranger.column, ': f may use x and y') };
  return { ok: true, value: { tree: parsed.tree, residuals: sumOfSquares(parsed.tree) } };
}

/** f(x, y) or f(x, y, z), for the curvature tools at a point. */
export function checkPointFunction(text: string): Checked<CheckedPointFunction> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const symbols = symbolsOf(parsed.tree);
  const stranger = symbols.find((s) => !(POINT_VARIABLES as readonly string[]).includes(s.name));
  if (stranger) return { ok: false, error: formulaError(`unknown name '${stranger.name}'`, stranger.column, ': f may use x, y and z') };
  const variables = symbols.some((s) => s.name === 'z') ? ['x', 'y', 'z'] : ['x', 'y'];
  return { ok: true, value: { tree: parsed.tree, variables } };
}

/** The terms of a sum (a + b + c), left to right; one term if the tree is not a sum. */
function terms(n: Node): Node[] {
  return n.kind === 'binary' && n.op === '+' ? [...terms(n.left), ...terms(n.right)] : [n];
}

/** u when n is u^2 (or u**2). */
const squared = (n: Node): Node | null => (n.kind === 'binary' && n.op === '^' && n.right.kind === 'number' && n.right.value === 2 ? n.left : null);

/** r with n = r^2: u^2, c * u^2 or u^2 * c for a number c >= 0. */
function root(n: Node): Node | null {
  const u = squared(n);
  if (u) return u;
  if (n.kind !== 'binary' || n.op !== '*') return null;
  const [c, s] = n.left.kind === 'number' ? [n.left, squared(n.right)] : n.right.kind === 'number' ? [n.right, squared(n.left)] : [null, null];
  if (!c || c.kind !== 'number' || !s) return null;
  return { kind: 'binary', op: '*', left: { kind: 'number', value: Math.sqrt(c.value), column: c.column }, right: s, column: n.column };
}

/** The residuals of a sum of squares, or null when a term is not a square. */
export function sumOfSquares(tree: Node): Node[] | null {
  const roots = terms(tree).map(root);
  return roots.every((r): r is Node => r !== null) ? roots : null;
}

export interface CheckedModel {
  /** The response's transform of the data (y, or log(y)...). */
  response: Node;
  expression: Node;
  /** Every name of the expression that is not a column, in natural order (b2 before b10). */
  parameters: string[];
  /** The columns the expression uses (its predictors), in the table's order. */
  predictors: string[];
}

/**
 * A model `response = expression` for a table with these column names: every name of the
 * expression that is not a column is a parameter, and there is at least one.
 */
export function checkModel(text: string, columns: readonly string[]): Checked<CheckedModel> {
  const constant = columns.find((c) => Object.hasOwn(CONSTANTS, c));
  if (constant) return { ok: false, error: { message: `The data has a column named '${constant}', the name of a constant: rename it.`, column: 1 } };
  const parsed = parseModel(text, { columns });
  if (!parsed.ok) return parsed;
  const used = symbolsOf(parsed.expression);
  const parameters = sortNatural(used.filter((s) => !columns.includes(s.name)).map((s) => s.name));
  if (!parameters.length) return { ok: false, error: formulaError('no parameter to fit', 1, `: every name of the model is a data column (${columns.join(', ')})`) };
  const predictors = columns.filter((c) => used.some((s) => s.name === c));
  return { ok: true, value: { response: parsed.response, expression: parsed.expression, parameters, predictors } };
}
