/**
 * Numbers as the page's tables show them: four significant digits to read, every digit on hover,
 * in a data attribute for tests and copying, and in the exports. The headless runner prints its
 * own way (catalog formatLoss, as the seed's log does); this rule is the page's.
 */

/**
 * Four significant digits, trailing zeros kept (2.500); exponent form below 1e-3 and from 1e4
 * (1.234e-9, 1.235e4). NaN and the infinities as JavaScript writes them.
 */
export function tableNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(4));
  const a = Math.abs(rounded);
  return a < 1e-3 || a >= 1e4 ? rounded.toExponential(3).replace('e+', 'e') : rounded.toPrecision(4);
}

/** Every digit: the shortest text that reads back as the same double, -0 included. */
export const fullNumber = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/**
 * Every digit the precision carries: for float64 the shortest text that reads back as the same
 * double; for a float32 value, the shortest that reads back as the same float32 (at most 9
 * significant digits), so that float32's answer is not dressed in float64's 17.
 */
export function precisionNumber(x: number, precision: 'float32' | 'float64'): string {
  if (precision === 'float64' || !Number.isFinite(x) || x === 0 || Math.fround(x) !== x) return fullNumber(x);
  for (let p = 1; p < 9; p++) {
    const text = Number(x.toPrecision(p));
    if (Object.is(Math.fround(text), x)) return fullNumber(text);
  }
  return fullNumber(Number(x.toPrecision(9)));
}
