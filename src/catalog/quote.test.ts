import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { printable, quote } from './quote';

/** encodeURIComponent throws on a lone surrogate: a cheap well-formedness check. */
const wellFormed = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

describe('quote', () => {
  it('quotes a short value as it is', () => {
    expect(quote('float16')).toBe('"float16"');
    expect(quote('')).toBe('""');
    expect(quote('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
  });

  it('elides the middle of a long value, keeping both ends', () => {
    expect(quote('x'.repeat(41))).toBe(`"${'x'.repeat(20)}…${'x'.repeat(19)}"`);
    expect(quote(`start-${'x'.repeat(100)}-end`, 20)).toBe('"start-xxxx…xxxxx-end"');
  });

  it('costs a 1 MB value no more than a short one', () => {
    const q = quote('a'.repeat(1 << 20));
    expect(q.length).toBe(42);
    expect(q).toMatch(/^"a+…a+"$/);
  });

  it('escapes newlines, controls, bidi marks, quotes and backslashes, so a message stays one honest line', () => {
    expect(quote('a\nb\r\tc\u0000d\u202ee\u2028')).toBe('"a\\nb\\r\\tc\\u0000d\\u202ee\\u2028"');
    expect(quote('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
    expect(quote('\u{e0001}\ud800')).toBe('"\\u{e0001}\\ud800"');
    expect(quote('ü 😀 中')).toBe('"ü 😀 中"');
  });

  it('never splits an escape or a surrogate pair when eliding', () => {
    expect(quote('\n'.repeat(30), 10)).toBe('"\\n\\n…\\n\\n"');
    const q = quote('😀'.repeat(100), 11);
    expect(wellFormed(q)).toBe(true);
    expect(q).toBe('"😀😀…😀😀"');
  });

  test.prop([fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('\n', '\u202e', '\ud800', '😀', '"', 'a') })), fc.integer({ min: 1, max: 80 })], { numRuns: 500 })(
    'is at most max characters inside its quotes, one well-formed line',
    (value, max) => {
      const q = quote(value, max);
      expect(q.length).toBeLessThanOrEqual(max + 2);
      expect(q).toMatch(/^".*"$/su);
      expect(q).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]/u);
      expect(wellFormed(q)).toBe(true);
      // Short and printable: shown unchanged.
      if (printable(value) === value && value.length <= max) expect(q).toBe(`"${value}"`);
    },
  );
});
