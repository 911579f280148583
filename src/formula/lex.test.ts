/** Tokens with their columns, and how a message shows a character. */
import { describe, expect, it } from 'vitest';
import { describeCharacter, lex, MAX_FORMULA_LENGTH } from './lex';

describe('lex', () => {
  it('makes tokens with 1-based columns, ** as ^, and an end one past the text', () => {
    const r = lex(' x**2 + [1.5e3]=y');
    expect(r.ok && r.tokens.map((t) => [t.type, t.text, t.column])).toEqual([
      ['name', 'x', 2],
      ['op', '**', 3],
      ['number', '2', 5],
      ['op', '+', 7],
      ['open', '[', 9],
      ['number', '1.5e3', 10],
      ['close', ']', 15],
      ['equals', '=', 16],
      ['name', 'y', 17],
      ['end', '', 18],
    ]);
    expect(r.ok && r.tokens[1]).toMatchObject({ type: 'op', op: '^' });
    expect(r.ok && r.tokens[5]).toMatchObject({ value: 1500 });
  });

  it('takes any whitespace, newlines included', () => {
    const r = lex('a\t+\n\r b\u00a0');
    expect(r.ok && r.tokens.map((t) => t.column)).toEqual([1, 3, 7, 9]);
  });

  it(`refuses text longer than ${MAX_FORMULA_LENGTH} characters before reading it`, () => {
    expect(lex('#'.repeat(MAX_FORMULA_LENGTH + 1))).toMatchObject({ ok: false, error: { column: MAX_FORMULA_LENGTH + 1 } });
    expect(lex('x'.repeat(MAX_FORMULA_LENGTH)).ok).toBe(true);
  });

  it('shows visible ASCII quoted, other characters with their code point, invisible ones by it alone', () => {
    expect(describeCharacter('#')).toBe("'#'");
    expect(describeCharacter('\u00e9')).toBe("'\u00e9' (U+00E9)");
    expect(describeCharacter(' ')).toBe('U+0020');
    expect(describeCharacter('\u202e')).toBe('U+202E');
    expect(describeCharacter('\u{1F600}')).toBe("'\u{1F600}' (U+1F600)");
  });
});
