/**
 * A value a person typed or a link carried, echoed in a message: in double quotes, at most `max`
 * characters between them, on one line. Messages end up in the page's notices and the runner's
 * stderr, so a 1 MB link field or a newline or bidi override in it must not reach them whole.
 */

/** Characters that would break or disguise a one-line message: controls, format (bidi) marks, line separators, lone surrogates. */
const HIDDEN = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

/** One code point as shown: itself, or an escape as in a JSON string. */
function shown(c: string): string {
  if (Object.hasOwn(SHORT_ESCAPES, c)) return SHORT_ESCAPES[c];
  if (!HIDDEN.test(c)) return c;
  const code = c.codePointAt(0) as number;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The shown form of `text`, for bounded text such as an exception's message. */
export function printable(text: string): string {
  return Array.from(text, shown).join('');
}

/** Whole shown code points from the front of `pieces`, `budget` characters at most. */
function fit(pieces: string[], budget: number): string[] {
  const kept: string[] = [];
  for (const p of pieces) {
    if (p.length > budget) break;
    kept.push(p);
    budget -= p.length;
  }
  return kept;
}

/**
 * `value` in double quotes, escaped as above; longer than `max` (at least 1) characters, its middle is elided
 * with '…' so that both ends stay visible. Never splits a code point or an escape.
 */
export function quote(value: string, max = 40): string {
  // Showing never shortens a character, so only the first and last max+1 UTF-16 units can appear
  // (the +1 covers a surrogate pair cut by the slice): a huge value costs no more than a short one.
  if (value.length <= max) {
    const whole = printable(value);
    if (whole.length <= max) return `"${whole}"`;
  }
  const budget = Math.max(0, max - 1);
  const head = fit(Array.from(value.slice(0, max + 1), shown), Math.ceil(budget / 2));
  const tail = fit(Array.from(value.slice(-(max + 1)), shown).reverse(), Math.floor(budget / 2)).reverse();
  return `"${head.join('')}…${tail.join('')}"`;
}
