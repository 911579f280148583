/**
 * A recursive-descent parser for user formulas: text in, a checked tree (ast.ts) or one positioned
 * error out. It never throws and never evaluates anything. Grammar, loosest first:
 *
 *   model    := sum '=' sum                        (parseModel only)
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/') unary)*
 *   unary    := ('-' | '+') unary | power
 *   power    := primary (('^' | '**') unary)?      right-associative; -x^2 = -(x^2), 2^-1 allowed
 *   primary  := number | constant | symbol | function '(' sum ')' | '(' sum ')'
 *
 * Square brackets work wherever parentheses do and must close with their own kind. A name followed
 * by a bracket is a function call; implicit multiplication (2x, (a)(b)) is an error.
 */
import { CONSTANTS, FUNCTION_ALIASES, FUNCTIONS, type ConstantName, type FunctionName, type Node } from './ast';
import { formulaError, type FormulaError } from './errors';
import { lex, type Token } from './lex';
import { symbolsOf } from './symbols';

export type ParseResult = { ok: true; tree: Node } | { ok: false; error: FormulaError };
export type ModelResult = { ok: true; response: Node; expression: Node } | { ok: false; error: FormulaError };

/** Brackets, unary signs and powers nested deeper than this are refused (it bounds the recursion). */
export const MAX_NESTING = 100;

const CLOSER = { '(': ')', '[': ']' } as const;

/** Thrown inside the parser only, and always caught by its entry points. */
class ParseFailure {
  constructor(readonly error: FormulaError) {}
}

const failAt = (what: string, column: number, after = ''): never => {
  throw new ParseFailure(formulaError(what, column, after));
};

const isFunction = (name: string): name is FunctionName => (FUNCTIONS as readonly string[]).includes(name);
const isConstant = (name: string): name is ConstantName => Object.hasOwn(CONSTANTS, name);

/** How a token is named in a message. */
function describe(t: Token): string {
  return t.type === 'end' ? 'end of formula' : `'${t.text}'`;
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.at];
  }

  next(): Token {
    const t = this.tokens[this.at];
    if (t.type !== 'end') this.at++;
    return t;
  }

  /** Runs `parse` one nesting level deeper, refusing to go past MAX_NESTING. */
  nested<T>(column: number, parse: () => T): T {
    if (++this.depth > MAX_NESTING) failAt(`the formula is nested more than ${MAX_NESTING} levels deep`, column);
    const result = parse();
    this.depth--;
    return result;
  }

  sum(): Node {
    let left = this.product();
    for (let t = this.peek(); t.type === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.next();
      left = { kind: 'binary', op: t.op, left, right: this.product(), column: t.column };
    }
    return left;
  }

  product(): Node {
    let left = this.unary();
    for (let t = this.peek(); t.type === 'op' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.next();
      left = { kind: 'binary', op: t.op, left, right: this.unary(), column: t.column };
    }
    return left;
  }

  unary(): Node {
    const t = this.peek();
    if (t.type === 'op' && (t.op === '-' || t.op === '+')) {
      this.next();
      const operand = this.nested(t.column, () => this.unary());
      return t.op === '-' ? { kind: 'negate', operand, column: t.column } : operand;
    }
    return this.power();
  }

  power(): Node {
    const base = this.primary();
    const t = this.peek();
    if (t.type !== 'op' || t.op !== '^') return base;
    this.next();
    return { kind: 'binary', op: '^', left: base, right: this.nested(t.column, () => this.unary()), column: t.column };
  }

  primary(): Node {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value, column: t.column };
      case 'name':
        return this.peek().type === 'open' ? this.call(t) : this.name(t);
      case 'open':
        return this.nested(t.column, () => this.bracketed(t));
      case 'end':
        return failAt('unexpected end of formula', t.column);
      default:
        return failAt(`unexpected ${describe(t)}`, t.column);
    }
  }

  /** A name not followed by a bracket: a constant or a symbol. */
  name(t: Token & { type: 'name' }): Node {
    if (isConstant(t.text)) return { kind: 'constant', name: t.text, column: t.column };
    if (isFunction(t.text) || Object.hasOwn(FUNCTION_ALIASES, t.text)) failAt(`expected '(' after the function '${t.text}'`, this.peek().column);
    return { kind: 'symbol', name: t.text, column: t.column };
  }

  call(t: Token & { type: 'name' }): Node {
    if (isConstant(t.text)) failAt(`'${t.text}'`, t.column, ' is a constant, not a function');
    const fn = isFunction(t.text) ? t.text : Object.hasOwn(FUNCTION_ALIASES, t.text) ? FUNCTION_ALIASES[t.text] : null;
    if (fn === null) {
      const lower = t.text.toLowerCase();
      const meant = isFunction(lower) || Object.hasOwn(FUNCTION_ALIASES, lower) ? `: did you mean '${lower}'?` : '';
      return failAt(`unknown function '${t.text}'`, t.column, meant);
    }
    const open = this.next() as Token & { type: 'open' };
    const argument = this.nested(open.column, () => this.bracketed(open));
    return { kind: 'call', fn, argument, column: t.column };
  }

  /** The sum after an opening bracket, and its closing bracket. */
  bracketed(open: Token & { type: 'open' }): Node {
    const inner = this.sum();
    const t = this.peek();
    const closer = CLOSER[open.text];
    if (t.type === 'close' && t.text === closer) {
      this.next();
      return inner;
    }
    this.refuseImplicitProduct(t);
    if (t.type === 'close') failAt(`'${t.text}'`, t.column, ` does not match the '${open.text}' at column ${open.column}`);
    return failAt(`expected '${closer}'`, t.column, ` to match the '${open.text}' at column ${open.column}`);
  }

  /** Two operands side by side: the user meant a product (2x, (a)(b), 2 pi) or forgot an operator. */
  refuseImplicitProduct(t: Token): void {
    if (t.type === 'number' || t.type === 'name' || t.type === 'open') {
      failAt(`missing operator before ${describe(t)}`, t.column, ": write '*' for a product");
    }
  }

  /** Whatever may not follow a complete formula. */
  expectEnd(): void {
    const t = this.peek();
    if (t.type === 'end') return;
    this.refuseImplicitProduct(t);
    if (t.type === 'close') failAt(`unmatched '${t.text}'`, t.column);
    failAt(`unexpected ${describe(t)}`, t.column);
  }
}

function run<T>(text: string, body: (p: Parser) => T): { ok: true; value: T } | { ok: false; error: FormulaError } {
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, value: body(new Parser(lexed.tokens)) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Parses one expression: "b1*(1-exp[-b2*x])". */
export function parse(text: string): ParseResult {
  const result = run(text, (p) => {
    if (p.peek().type === 'end') failAt('empty formula', 1);
    const tree = p.sum();
    p.expectEnd();
    return tree;
  });
  return result.ok ? { ok: true, tree: result.value } : result;
}

export interface ModelOptions {
  /** The data columns: if given, the left side may use no other symbol. */
  columns?: readonly string[];
}

/**
 * Parses a fit model, `response = expression`: "y = b1*(1-exp[-b2*x])", "log[y] = b1 + b2*x". The
 * left side is any expression (of the data columns, when `columns` is given); there is exactly one '='.
 */
export function parseModel(text: string, { columns }: ModelOptions = {}): ModelResult {
  const result = run(text, (p) => {
    const first = p.peek();
    if (first.type === 'end') failAt('empty model', 1, ': write y = formula');
    if (first.type === 'equals') failAt("missing the left side before '='", first.column, ': write y = formula');
    const response = p.sum();
    const eq = p.peek();
    if (eq.type === 'end') failAt("expected '='", eq.column, ': a model reads y = formula');
    if (eq.type !== 'equals') p.expectEnd();
    p.next();
    const expression = p.sum();
    const after = p.peek();
    if (after.type === 'equals') failAt("a second '='", after.column, ": a model has exactly one '='");
    p.expectEnd();
    if (columns) {
      const stranger = symbolsOf(response).find((s) => !columns.includes(s.name));
      if (stranger) failAt(`'${stranger.name}'`, stranger.column, ` is not a data column (${columns.join(', ')}): the left side may only use those`);
    }
    return { response, expression };
  });
  return result.ok ? { ok: true, ...result.value } : result;
}
