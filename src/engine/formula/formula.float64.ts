/**
 * Test-only float64 references for compiled formulas, in plain JavaScript (no tfjs):
 *
 * - `valueWithBound`: the value (as the formula layer's `evaluate` gives it) with a bound on the
 *   rounding error any faithful evaluation in float64 or float32 may make. It lets a test ask for
 *   agreement to rounding where a formula is well-conditioned, and only as much as the maths
 *   allows where it is not (x - y with x ~ y, tan near its pole, log near 0).
 * - `derivatives64`: gradient and Hessian-vector product, exact but for rounding, by hyper-dual
 *   numbers (forward mode to second order), with no finite-difference error.
 *
 * Both read powers as `evaluate` does: a constant exponent is Math.pow, an exponent with a symbol
 * is exp(b log a).
 */
import { evaluate, FUNCTION_VALUES, hasSymbol, symbolicPower, type FunctionName, type Node } from '../../formula';

/** f, f' and f'' of each function at a. */
const DERIVATIVES: Record<FunctionName, (a: number) => [number, number, number]> = {
  exp: (a) => [Math.exp(a), Math.exp(a), Math.exp(a)],
  log: (a) => [Math.log(a), 1 / a, -1 / (a * a)],
  sqrt: (a) => [Math.sqrt(a), 0.5 / Math.sqrt(a), -0.25 / (a * Math.sqrt(a))],
  sin: (a) => [Math.sin(a), Math.cos(a), -Math.sin(a)],
  cos: (a) => [Math.cos(a), -Math.sin(a), -Math.cos(a)],
  tan: (a) => {
    const t = Math.tan(a);
    return [t, 1 + t * t, 2 * t * (1 + t * t)];
  },
  atan: (a) => [Math.atan(a), 1 / (1 + a * a), (-2 * a) / (1 + a * a) ** 2],
  tanh: (a) => {
    const t = Math.tanh(a);
    return [t, 1 - t * t, -2 * t * (1 - t * t)];
  },
  abs: (a) => [Math.abs(a), Math.sign(a), 0],
};

/** a^c for a constant c, with its first two derivatives in a. */
function constantPower(a: number, c: number): [number, number, number] {
  return [Math.pow(a, c), c === 0 ? 0 : c * Math.pow(a, c - 1), c === 0 || c === 1 ? 0 : c * (c - 1) * Math.pow(a, c - 2)];
}

export interface Bounded {
  value: number;
  /**
   * How far a faithful evaluation in the precision may land from `value`: a first-order rounding
   * error bound (higher order at kinks and flat points), with some slack. NaN where an error could
   * cross the edge of a domain (log, sqrt, a fractional power of a base near 0).
   */
  tolerance: number;
  /** The largest and smallest nonzero magnitudes met on the way (float32 overflows and underflows sooner). */
  peak: number;
  floor: number;
}

/** Each library function (and pow) is taken to be correct to this many units of roundoff. */
const LIBRARY_ULPS = 4;
/** The tolerance is this many times the error bound: the compiled ops and the reference both round. */
const SLACK = 4;

/** The unit roundoff of each precision. */
export const UNIT_ROUNDOFF = { float64: 2 ** -53, float32: 2 ** -24 } as const;

/**
 * The value of `tree` and how far from it an evaluation in `precision` may land. Each value carries
 * a bound e on its rounding error in units of the unit roundoff u; in float32 the constants arrive
 * rounded (the symbols' values are taken to be float32 already).
 */
export function valueWithBound(tree: Node, values: Readonly<Record<string, number>>, precision: keyof typeof UNIT_ROUNDOFF): Bounded {
  const u = UNIT_ROUNDOFF[precision];
  const constantsRounded = precision === 'float32';
  let peak = 0;
  let floor = Infinity;
  const seen = (v: number) => {
    const m = Math.abs(v);
    if (m > peak) peak = m;
    if (m > 0 && m < floor) floor = m;
    return v;
  };
  /** How far a value with error bound e may be off: its tolerance. */
  const reach = (e: number) => SLACK * e * u;
  /**
   * The error bound (in units of u) of f(a) caused by an error of bound e in a: |f'(a)| e where f
   * is smooth, measured by moving a its full tolerance either way, so a kink (abs at 0) or a flat
   * point (x^2 at 0) is bounded too, and crossing a domain's edge gives NaN. Exact for the monotone
   * or convex pieces used here; callers refuse (Infinity) a pole or a period inside the interval.
   */
  const spread = (f: (v: number) => number, a: number, e: number) => {
    if (e === 0) return 0;
    const d = reach(e);
    return Math.max(Math.abs(f(a + d) - f(a)), Math.abs(f(a - d) - f(a))) / (SLACK * u);
  };
  /** Whether the interval a +- reach(e) holds a point where f has a pole or turns more than once. */
  const straddles = (fn: FunctionName, a: number, e: number) => {
    const d = reach(e);
    if (fn === 'sin' || fn === 'cos') return d > 0.1;
    if (fn === 'tan') return d > 0.1 || Math.cos(a - d) * Math.cos(a + d) <= 0;
    return false;
  };
  const at = (n: Node): { v: number; e: number } => {
    if (!hasSymbol(n)) {
      const v = seen(evaluate(n));
      return { v, e: constantsRounded ? Math.abs(v) : 0 };
    }
    switch (n.kind) {
      case 'symbol':
        return { v: seen(values[n.name]), e: 0 };
      case 'negate': {
        const a = at(n.operand);
        return { v: -a.v, e: a.e };
      }
      case 'call': {
        const a = at(n.argument);
        const f = FUNCTION_VALUES[n.fn];
        const v = seen(f(a.v));
        return { v, e: straddles(n.fn, a.v, a.e) ? Infinity : spread(f, a.v, a.e) + LIBRARY_ULPS * Math.abs(v) };
      }
      case 'binary': {
        const a = at(n.left);
        if (n.op === '^') {
          if (hasSymbol(n.right)) {
            const b = at(n.right);
            const v = seen(symbolicPower(a.v, b.v));
            const e = spread((w) => symbolicPower(w, b.v), a.v, a.e) + spread((w) => symbolicPower(a.v, w), b.v, b.e) + LIBRARY_ULPS * Math.abs(v) * (1 + Math.abs(b.v * Math.log(a.v)));
            return { v, e };
          }
          const c = seen(evaluate(n.right));
          const v = seen(Math.pow(a.v, c));
          // Repeated squaring rounds about twice per bit of n.
          const rounding = Number.isInteger(c) ? 2 * Math.log2(Math.abs(c) + 1) + 1 : LIBRARY_ULPS * (1 + Math.abs(c * Math.log(Math.abs(a.v))));
          const pole = c < 0 && Math.abs(a.v) <= reach(a.e);
          return { v, e: pole ? Infinity : spread((w) => Math.pow(w, c), a.v, a.e) + rounding * Math.abs(v) };
        }
        const b = at(n.right);
        switch (n.op) {
          case '+':
          case '-': {
            const v = seen(n.op === '+' ? a.v + b.v : a.v - b.v);
            return { v, e: a.e + b.e + Math.abs(v) };
          }
          case '*': {
            const v = seen(a.v * b.v);
            return { v, e: Math.abs(b.v) * a.e + Math.abs(a.v) * b.e + SLACK * u * a.e * b.e + Math.abs(v) };
          }
          case '/': {
            const v = seen(a.v / b.v);
            const inverse = Math.abs(b.v) <= reach(b.e) ? Infinity : spread((w) => 1 / w, b.v, b.e);
            return { v, e: a.e / Math.abs(b.v) + Math.abs(a.v) * inverse + SLACK * u * a.e * inverse + Math.abs(v) };
          }
        }
      }
    }
    throw new Error(`unexpected node ${n.kind}`);
  };
  const { v, e } = at(tree);
  return { value: v, tolerance: SLACK * u * e, peak, floor };
}

/** a + b e1 + c e2 + d e1 e2, with e1^2 = e2^2 = 0: the coefficient d is a second derivative. */
type HyperDual = [number, number, number, number];

const hd = {
  add: ([a, b, c, d]: HyperDual, [p, q, r, s]: HyperDual): HyperDual => [a + p, b + q, c + r, d + s],
  sub: ([a, b, c, d]: HyperDual, [p, q, r, s]: HyperDual): HyperDual => [a - p, b - q, c - r, d - s],
  mul: ([a, b, c, d]: HyperDual, [p, q, r, s]: HyperDual): HyperDual => [a * p, a * q + b * p, a * r + c * p, a * s + b * r + c * q + d * p],
  /** f applied to x, given f, f', f'' at x's value. */
  apply: ([, b, c, d]: HyperDual, [f, df, d2f]: [number, number, number]): HyperDual => [f, df * b, df * c, df * d + d2f * b * c],
};

/** `tree` at point + e1 * dir1 + e2 * dir2 (symbols missing from a direction do not move along it). */
function hyperDualAt(tree: Node, point: Readonly<Record<string, number>>, dir1: Readonly<Record<string, number>>, dir2: Readonly<Record<string, number>>): HyperDual {
  const at = (n: Node): HyperDual => {
    if (!hasSymbol(n)) return [evaluate(n), 0, 0, 0];
    switch (n.kind) {
      case 'symbol':
        return [point[n.name], dir1[n.name] ?? 0, dir2[n.name] ?? 0, 0];
      case 'negate':
        return at(n.operand).map((v) => -v) as HyperDual;
      case 'call': {
        const a = at(n.argument);
        return hd.apply(a, DERIVATIVES[n.fn](a[0]));
      }
      case 'binary': {
        const a = at(n.left);
        if (n.op === '^') {
          if (!hasSymbol(n.right)) return hd.apply(a, constantPower(a[0], evaluate(n.right)));
          const log = hd.apply(a, DERIVATIVES.log(a[0]));
          const product = hd.mul(at(n.right), log);
          return hd.apply(product, DERIVATIVES.exp(product[0]));
        }
        const b = at(n.right);
        if (n.op === '+') return hd.add(a, b);
        if (n.op === '-') return hd.sub(a, b);
        if (n.op === '*') return hd.mul(a, b);
        return hd.mul(a, hd.apply(b, [1 / b[0], -1 / (b[0] * b[0]), 2 / (b[0] * b[0] * b[0])]));
      }
    }
    throw new Error(`unexpected node ${n.kind}`);
  };
  return at(tree);
}

export interface Derivatives {
  value: number;
  grad: number[];
  /** H v. */
  hv: number[];
}

/**
 * Value, gradient in `params` and Hessian-vector product H v of `tree` at `point` (which also gives
 * every other symbol, a data column's value say), by one hyper-dual evaluation per parameter.
 */
export function derivatives64(tree: Node, point: Readonly<Record<string, number>>, params: readonly string[], v: readonly number[]): Derivatives {
  const along = Object.fromEntries(params.map((p, k) => [p, v[k]]));
  const rows = params.map((p) => hyperDualAt(tree, point, { [p]: 1 }, along));
  return { value: rows[0]?.[0] ?? evaluate(tree, point), grad: rows.map((r) => r[1]), hv: rows.map((r) => r[3]) };
}
