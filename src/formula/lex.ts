/**
 * The formula's tokens: numbers, names, operators, brackets and '='. Kept apart from the parser so
 * that a stray character is reported where it stands, whatever the grammar would have said about
 * the text around it. Columns are 1-based offsets into the text (UTF-16 units, so one per
 * character of anything a formula is made of).
 */
import { formulaError, type FormulaError } from './errors';

export type Token =
  | { type: 'number'; value: number; text: string; column: number }
  | { type: 'name'; text: string; column: number }
  /** `**` comes as op '^' with text '**'. */
  | { type: 'op'; op: '+' | '-' | '*' | '/' | '^'; text: string; column: number }
  | { type: 'open'; text: '(' | '['; column: number }
  | { type: 'close'; text: ')' | ']'; column: number }
  | { type: 'equals'; text: '='; column: number }
  /** Always last; its column is one past the text. */
  | { type: 'end'; text: ''; column: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: FormulaError };

/** Longer formulas are refused, which also bounds the depth of every tree. */
export const MAX_FORMULA_LENGTH = 1000;

const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const WHITESPACE = /\s/;
/** After a number: an 'e' (and sign) followed by the end, a space, an operator or a bracket, or a sign and a letter. */
const EXPONENT_WITHOUT_DIGITS = /^[eE]([+-](?=$|[\sA-Za-z_+\-*/^()[\]=])|(?![+-])(?=$|[\s*/^()[\]=]))/;
/** What people paste from typeset maths, and what they meant. */
const HINTS: Readonly<Record<string, string>> = { '\u2212': '-', '\u00d7': '*', '\u00b7': '*', '\u22c5': '*', '\u00f7': '/', '\u00b2': '^2', '\u00b3': '^3', '\u03c0': 'pi' };

/** A character as a message shows it: quoted if visible, always with its code point if not ASCII. */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${ch}'`;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `'${ch}' (${hex})` : hex;
}

const fail = (what: string, column: number, after = ''): LexResult => ({ ok: false, error: formulaError(what, column, after) });

export function lex(text: string): LexResult {
  if (text.length > MAX_FORMULA_LENGTH) return fail(`the formula is longer than ${MAX_FORMULA_LENGTH} characters`, MAX_FORMULA_LENGTH + 1);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const column = i + 1;
    if (WHITESPACE.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail(`unexpected character '.'`, column);
      const end = i + m[0].length;
      const rest = text.slice(end);
      // '1.2.3', or an exponent without digits: '1e', '1e+', '1e-x'. Not '2exp(x)' (a missing '*'),
      // nor '1e#', whose error is the '#'.
      const bad = /^\.[\d.]*/.exec(rest) ?? (m[2] === undefined ? EXPONENT_WITHOUT_DIGITS.exec(rest) : null);
      if (bad) return fail(`malformed number '${m[0]}${bad[0]}'`, column);
      const value = Number(m[0]);
      if (!Number.isFinite(value)) return fail(`the number '${m[0]}' is too large`, column);
      tokens.push({ type: 'number', value, text: m[0], column });
      i = end;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      tokens.push({ type: 'name', text: name[0], column });
      i += name[0].length;
      continue;
    }
    if (ch === '*' && text[i + 1] === '*') {
      tokens.push({ type: 'op', op: '^', text: '**', column });
      i += 2;
      continue;
    }
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/' || ch === '^') tokens.push({ type: 'op', op: ch, text: ch, column });
    else if (ch === '(' || ch === '[') tokens.push({ type: 'open', text: ch, column });
    else if (ch === ')' || ch === ']') tokens.push({ type: 'close', text: ch, column });
    else if (ch === '=') tokens.push({ type: 'equals', text: ch, column });
    else {
      const point = String.fromCodePoint(text.codePointAt(i) ?? 0);
      const hint = HINTS[point];
      return fail(`unexpected character ${describeCharacter(point)}`, column, hint ? `: write '${hint}'` : '');
    }
    i++;
  }
  tokens.push({ type: 'end', text: '', column: text.length + 1 });
  return { ok: true, tokens };
}
