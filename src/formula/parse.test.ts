/**
 * The parser: what each piece of the grammar reads as (shape, precedence, columns), the exact
 * message and column of each kind of mistake, NIST's error term, and, property-based, that
 * nothing (random text, token soup, broken valid formulas) makes it throw or point outside the text.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formulaLikeText, tokenSoup, treeArbitrary } from './arbitraries';
import type { Node } from './ast';
import { evaluate } from './evaluate';
import { MAX_FORMULA_LENGTH } from './lex';
import { MAX_NESTING, parse, parseModel, type ModelResult, type ParseResult } from './parse';
import { print } from './print';

function tree(text: string): Node {
  const r = parse(text);
  if (!r.ok) throw new Error(`'${text}' did not parse: ${r.error.message}`);
  return r.tree;
}

/** The one error of `r`, failing the test if there is none. */
function errorOf(r: ParseResult | ModelResult) {
  if (r.ok) throw new Error('expected an error, got a tree');
  return r.error;
}

/** An error is well-formed: a column inside the text or one past it, and named in the message. */
function expectWellFormedError(text: string, r: ParseResult | ModelResult) {
  const { message, column } = errorOf(r);
  expect(Number.isInteger(column)).toBe(true);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(column).toBeLessThanOrEqual(Math.min(text.length, MAX_FORMULA_LENGTH) + 1);
  expect(message).toContain(`at column ${column}`);
  expect(message).not.toMatch(/[\n\r]/);
}

describe('parse: numbers, names and the grammar', () => {
  it.each(['1', '2.5', '.5', '1e-3', '2.5E+02', '1.', '007', '1E3', '0.0001', '1.5e300'])('reads the number %s as JavaScript does', (text) => {
    expect(parse(text)).toEqual({ ok: true, tree: { kind: 'number', value: Number(text), column: 1 } });
  });

  it('reads names as symbols, pi and e as constants, and keeps every column', () => {
    expect(tree('  x_1 ')).toEqual({ kind: 'symbol', name: 'x_1', column: 3 });
    expect(tree('pi')).toEqual({ kind: 'constant', name: 'pi', column: 1 });
    expect(tree('e')).toEqual({ kind: 'constant', name: 'e', column: 1 });
    expect(tree('e1')).toEqual({ kind: 'symbol', name: 'e1', column: 1 });
    // b1*(1-exp[-b2*x]): columns of the operator, the minus sign and the function name.
    expect(tree('b1*(1-exp[-b2*x])')).toEqual({
      kind: 'binary',
      op: '*',
      column: 3,
      left: { kind: 'symbol', name: 'b1', column: 1 },
      right: {
        kind: 'binary',
        op: '-',
        column: 6,
        left: { kind: 'number', value: 1, column: 5 },
        right: {
          kind: 'call',
          fn: 'exp',
          column: 7,
          argument: {
            kind: 'binary',
            op: '*',
            column: 14,
            left: { kind: 'negate', column: 11, operand: { kind: 'symbol', name: 'b2', column: 12 } },
            right: { kind: 'symbol', name: 'x', column: 15 },
          },
        },
      },
    });
  });

  it("treats names that are Object's own properties as plain names", () => {
    expect(tree('constructor + __proto__*toString')).toMatchObject({ left: { name: 'constructor' }, right: { left: { name: '__proto__' }, right: { name: 'toString' } } });
    expect(parse('toString(x)')).toMatchObject({ ok: false, error: { message: "unknown function 'toString' at column 1" } });
    expect(parse('__proto__[x]')).toMatchObject({ ok: false, error: { message: "unknown function '__proto__' at column 1" } });
    expect(() => evaluate(tree('constructor'), {})).toThrow("no value for the symbol 'constructor'");
    expect(evaluate(tree('constructor*__proto__'), JSON.parse('{"constructor": 2, "__proto__": 3}') as Record<string, number>)).toBe(6);
  });

  it.each([
    // [text, canonical print]: precedence, associativity, brackets, spellings.
    ['1 + 2*3', '1 + 2*3'],
    ['(1 + 2)*3', '(1 + 2)*3'],
    ['a - b - c', 'a - b - c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a/b/c', 'a/b/c'],
    ['a/(b*c)', 'a/(b*c)'],
    ['-x^2', '-x^2'],
    ['(-x)^2', '(-x)^2'],
    ['2^3^2', '2^3^2'],
    ['(2^3)^2', '(2^3)^2'],
    ['2^-1', '2^-1'],
    ['2**-1', '2^-1'],
    ['x**2 + x ** 3', 'x^2 + x^3'],
    ['+x', 'x'],
    ['-+-x', '--x'],
    ['2*-x', '2*-x'],
    ['exp[-b2*x]', 'exp(-b2*x)'],
    ['arctan(x)', 'atan(x)'],
    ['[x + 1]*2', '(x + 1)*2'],
    ['[(x)]', 'x'],
    ['a^-b^c', 'a^-b^c'],
    ['-(a*b)', '-(a*b)'],
    ['(-a)*b', '-a*b'],
    ['sqrt(abs(tanh(x)))', 'sqrt(abs(tanh(x)))'],
    ['(b1 + b2*x) /\n\t(1 + b4*x)', '(b1 + b2*x)/(1 + b4*x)'],
  ])('%j reads as %j', (text, printed) => {
    expect(print(tree(text))).toBe(printed);
  });

  it('puts unary minus below powers and allows a signed exponent', () => {
    expect(tree('-x^2')).toMatchObject({ kind: 'negate', operand: { kind: 'binary', op: '^' } });
    expect(tree('a^-b^c')).toMatchObject({ kind: 'binary', op: '^', right: { kind: 'negate', operand: { kind: 'binary', op: '^' } } });
  });

  it.each([
    ['-2^2', -4],
    ['-3^2', -9],
    ['(-3)^2', 9],
    ['2^3^2', 512],
    ['2^-1', 0.5],
    ['2^-2^2', 1 / 16],
    ['10 - 4 - 3', 3],
    ['64/4/2', 8],
    ['2*-3', -6],
    ['1 + 2*3^2', 19],
    ['e^1', Math.E],
    ['cos(pi)', -1],
    ['arctan(1)*4', Math.PI],
    ['(-2)^3', -8],
  ])('%s = %d', (text, value) => {
    expect(evaluate(tree(text))).toBe(value);
  });
});

describe('parse: errors say what and where', () => {
  it.each([
    ['2 * sinn(x)', "unknown function 'sinn' at column 5", 5],
    ['Exp(x)', "unknown function 'Exp' at column 1: did you mean 'exp'?", 1],
    ['ARCTAN(x)', "unknown function 'ARCTAN' at column 1: did you mean 'arctan'?", 1],
    ['x(2)', "unknown function 'x' at column 1", 1],
    ['sin(x + 1', "expected ')' at column 10 to match the '(' at column 4", 10],
    ['(1 + (2*x)', "expected ')' at column 11 to match the '(' at column 1", 11],
    ['sin(x]', "']' at column 6 does not match the '(' at column 4", 6],
    ['[x + 1)', "')' at column 7 does not match the '[' at column 1", 7],
    ['2 * (x +', 'unexpected end of formula at column 9', 9],
    ['x ^', 'unexpected end of formula at column 4', 4],
    ['-', 'unexpected end of formula at column 2', 2],
    ['pi(2)', "'pi' at column 1 is a constant, not a function", 1],
    ['1 + e[x]', "'e' at column 5 is a constant, not a function", 5],
    ['2x', "missing operator before 'x' at column 2: write '*' for a product", 2],
    ['2 pi', "missing operator before 'pi' at column 3: write '*' for a product", 3],
    ['2exp(x)', "missing operator before 'exp' at column 2: write '*' for a product", 2],
    ['(a)(b)', "missing operator before '(' at column 4: write '*' for a product", 4],
    ['sin(x)cos(x)', "missing operator before 'cos' at column 7: write '*' for a product", 7],
    ['(2 x)', "missing operator before 'x' at column 4: write '*' for a product", 4],
    ['x y', "missing operator before 'y' at column 3: write '*' for a product", 3],
    ['2 3', "missing operator before '3' at column 3: write '*' for a product", 3],
    ['x)', "unmatched ')' at column 2", 2],
    ['x +* y', "unexpected '*' at column 4", 4],
    ['* x', "unexpected '*' at column 1", 1],
    ['x ^ ^ 2', "unexpected '^' at column 5", 5],
    ['()', "unexpected ')' at column 2", 2],
    ['', 'empty formula at column 1', 1],
    [' \t ', 'empty formula at column 1', 1],
    ['x = 1', "unexpected '=' at column 3", 3],
    ['sin + 1', "expected '(' after the function 'sin' at column 5", 5],
    ['2*sin', "expected '(' after the function 'sin' at column 6", 6],
    ['arctan', "expected '(' after the function 'arctan' at column 7", 7],
    ['1e', "malformed number '1e' at column 1", 1],
    ['2*1e+', "malformed number '1e+' at column 3", 3],
    ['1e-x', "malformed number '1e-' at column 1", 1],
    ['1.2.3', "malformed number '1.2.3' at column 1", 1],
    ['x + 1..', "malformed number '1..' at column 5", 5],
    ['1e999', "the number '1e999' is too large at column 1", 1],
    ['.', "unexpected character '.' at column 1", 1],
    ['x # y', "unexpected character '#' at column 3", 3],
    ['x, y', "unexpected character ',' at column 2", 2],
    ['x \u2212 y', "unexpected character '\u2212' (U+2212) at column 3: write '-'", 3],
    ['2\u00d7x', "unexpected character '\u00d7' (U+00D7) at column 2: write '*'", 2],
    ['x\u00b2', "unexpected character '\u00b2' (U+00B2) at column 2: write '^2'", 2],
    ['\u00e9', "unexpected character '\u00e9' (U+00E9) at column 1", 1],
    ['x\u0000', 'unexpected character U+0000 at column 2', 2],
    ['x + \u{1F600}', "unexpected character '\u{1F600}' (U+1F600) at column 5", 5],
  ])('%j: %s', (text, message, column) => {
    expect(parse(text)).toEqual({ ok: false, error: { message, column } });
  });

  it(`refuses nesting deeper than ${MAX_NESTING} levels, and formulas longer than ${MAX_FORMULA_LENGTH} characters`, () => {
    const deep = `${'('.repeat(MAX_NESTING + 1)}x${')'.repeat(MAX_NESTING + 1)}`;
    expect(errorOf(parse(deep))).toEqual({ message: `the formula is nested more than ${MAX_NESTING} levels deep at column ${MAX_NESTING + 1}`, column: MAX_NESTING + 1 });
    expect(errorOf(parse(`${'-'.repeat(MAX_NESTING + 1)}x`)).column).toBe(MAX_NESTING + 1);
    expect(errorOf(parse(`x${'^x'.repeat(MAX_NESTING + 1)}`)).column).toBe(2 * MAX_NESTING + 2);
    expect(parse(`${'('.repeat(MAX_NESTING)}x${')'.repeat(MAX_NESTING)}`).ok).toBe(true);
    expect(errorOf(parse('x+'.repeat(600) + 'x'))).toEqual({ message: `the formula is longer than ${MAX_FORMULA_LENGTH} characters at column ${MAX_FORMULA_LENGTH + 1}`, column: MAX_FORMULA_LENGTH + 1 });
    // A long flat sum within the limit parses (its tree is deep, but only as deep as the text is long).
    expect(parse('x+'.repeat(499) + 'x').ok).toBe(true);
  });
});

describe('parseModel', () => {
  it('splits response = expression, with any left side', () => {
    const m = parseModel('y = b1*(1-exp[-b2*x])');
    expect(m.ok && print(m.response)).toBe('y');
    expect(m.ok && print(m.expression)).toBe('b1*(1 - exp(-b2*x))');
    for (const text of ['log(y) = b1 + b2*x', 'log[y] = b1 + b2*x']) {
      const r = parseModel(text, { columns: ['x', 'y'] });
      expect(r.ok && [print(r.response), print(r.expression)]).toEqual(['log(y)', 'b1 + b2*x']);
    }
    const two = parseModel('y/x1 = b1*x2', { columns: ['y', 'x1', 'x2'] });
    expect(two.ok && two.expression).toMatchObject({ kind: 'binary', op: '*', column: 10 });
  });

  it.each([
    ['y', "expected '=' at column 2: a model reads y = formula", 2],
    ['', 'empty model at column 1: write y = formula', 1],
    ['= b1*x', "missing the left side before '=' at column 1: write y = formula", 1],
    ['y =', 'unexpected end of formula at column 4', 4],
    ['y = x = 2', "a second '=' at column 7: a model has exactly one '='", 7],
    ['y x = 2', "missing operator before 'x' at column 3: write '*' for a product", 3],
    ['y) = 2', "unmatched ')' at column 2", 2],
    ['y = 2 3', "missing operator before '3' at column 7: write '*' for a product", 7],
  ])('%j: %s', (text, message, column) => {
    expect(parseModel(text)).toEqual({ ok: false, error: { message, column } });
  });

  it('checks the left side against the data columns when given them', () => {
    expect(parseModel('b1*y = x', { columns: ['x', 'y'] })).toEqual({
      ok: false,
      error: { message: "'b1' at column 1 is not a data column (x, y): the left side may only use those", column: 1 },
    });
    expect(parseModel('b1*y = x').ok).toBe(true);
  });
});

describe("NIST's error term", () => {
  test("kept verbatim, NIST's trailing '+ e' reads as Euler's number: valid, and not what NIST means (the NIST loader drops it)", () => {
    const raw = parseModel('y = b1*(1-exp[-b2*x])  +  e');
    expect(raw.ok && raw.expression).toMatchObject({ kind: 'binary', op: '+', right: { kind: 'constant', name: 'e' } });
  });
});

describe('parse never throws, and every error points into the text', () => {
  test.prop([fc.string({ maxLength: 60 })], { numRuns: 2000 })('any string', (text) => {
    const r = parse(text);
    if (!r.ok) expectWellFormedError(text, r);
    const m = parseModel(text);
    if (!m.ok) expectWellFormedError(text, m);
  });

  test.prop([fc.oneof(formulaLikeText, tokenSoup)], { numRuns: 3000 })('formula-like text and token soup', (text) => {
    const r = parse(text);
    if (!r.ok) expectWellFormedError(text, r);
    else expect(parse(print(r.tree)).ok).toBe(true);
    const m = parseModel(text);
    if (!m.ok) expectWellFormedError(text, m);
  });

  const validText = treeArbitrary()
    .map(print)
    .filter((t) => t.length <= MAX_FORMULA_LENGTH - 10);

  test.prop([validText, fc.nat(), fc.constantFrom('#', '$', '@', ';', ',', '{', '?', '\u2212', '\u00e9', '\u0000')])('a valid formula with a foreign character put in is refused exactly there', (text, at, ch) => {
    const i = at % (text.length + 1);
    const broken = text.slice(0, i) + ch + text.slice(i);
    const r = parse(broken);
    expectWellFormedError(broken, r);
    expect(errorOf(r).column).toBe(i + 1);
  });

  test.prop([validText, fc.constantFrom('+', '-', '*', '/', '^', '**', '*(', '/[', '*sin(', '+ -', '^-')])('a valid formula left unfinished is refused at its end', (text, tail) => {
    const broken = text + tail;
    expect(errorOf(parse(broken))).toMatchObject({ column: broken.length + 1 });
  });

  test.prop([validText.filter((t) => /[)]/.test(t)), fc.nat()])('a valid formula with a closing bracket dropped or doubled is refused', (text, at) => {
    const closers = [...text.matchAll(/\)/g)].map((m) => m.index);
    const i = closers[at % closers.length];
    for (const broken of [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + ')' + text.slice(i)]) {
      expectWellFormedError(broken, parse(broken));
    }
  });

  test.prop([validText, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('delete', 'insert', 'replace')), { minLength: 1, maxLength: 4 })], { numRuns: 2000 })(
    'random edits of a valid formula parse or fail cleanly',
    (text, edits) => {
      let broken = text;
      const alphabet = 'x2.e+-*/^()[]= b1';
      for (const [at, pick, edit] of edits) {
        const i = at % (broken.length + 1);
        const ch = alphabet[pick % alphabet.length];
        broken = edit === 'insert' ? broken.slice(0, i) + ch + broken.slice(i) : broken.slice(0, i) + (edit === 'replace' ? ch : '') + broken.slice(i + 1);
      }
      const r = parse(broken);
      if (!r.ok) expectWellFormedError(broken, r);
      else expect(parse(print(r.tree))).toMatchObject({ ok: true });
    },
  );
});
