/**
 * Test-only float64 arithmetic for the references the engine is checked against: finite
 * differences, 2 x 2 solves and small vector helpers, in plain JavaScript (no tfjs, no vitest, and
 * nothing shared with engine/linalg, which the references check).
 */

/** p with h added to coordinate k (a copy). */
function shifted(p: ArrayLike<number>, k: number, h: number): number[] {
  const q = Array.from(p);
  q[k] += h;
  return q;
}

/** Central finite difference of f along coordinate k: (f(p + h e_k) - f(p - h e_k)) / (2 h). */
export function centralDifference(f: (p: number[]) => number, p: ArrayLike<number>, k: number, h = 1e-5): number {
  return (f(shifted(p, k, h)) - f(shifted(p, k, -h))) / (2 * h);
}

/** The gradient of f by central differences, one coordinate at a time. */
export function gradientByDifferences(f: (p: number[]) => number, p: ArrayLike<number>, h = 1e-5): number[] {
  return Array.from({ length: p.length }, (_, k) => centralDifference(f, p, k, h));
}

/** The Jacobian of r by central differences, one column per coordinate: m x n, row-major. */
export function jacobianByDifferences(r: (p: number[]) => ArrayLike<number>, p: ArrayLike<number>, h = 1e-5): Float64Array {
  const n = p.length;
  const m = r(Array.from(p)).length;
  const J = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const plus = r(shifted(p, k, h));
    const minus = r(shifted(p, k, -h));
    for (let i = 0; i < m; i++) J[i * n + k] = (plus[i] - minus[i]) / (2 * h);
  }
  return J;
}

/** H v by central differences of the gradient along v: (g(p + h v) - g(p - h v)) / (2 h). */
export function hvpByDifferences(grad: (p: number[]) => number[], p: number[], v: number[], h = 1e-4): number[] {
  const gPlus = grad(p.map((pk, k) => pk + h * v[k]));
  const gMinus = grad(p.map((pk, k) => pk - h * v[k]));
  return gPlus.map((gk, k) => (gk - gMinus[k]) / (2 * h));
}

/** v^T H v by the second difference of f along v: (f(p + h v) - 2 f(p) + f(p - h v)) / h^2. */
export function secondDifference(f: (p: number[]) => number, p: number[], v: number[], h: number): number {
  return (f(p.map((pk, k) => pk + h * v[k])) - 2 * f(p) + f(p.map((pk, k) => pk - h * v[k]))) / h ** 2;
}

/** Solves a 2 x 2 system by Cramer's rule. */
export function solve2(A: number[][], b: number[]): number[] {
  const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
  return [(b[0] * A[1][1] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - b[0] * A[1][0]) / det];
}

/** max_k |a_k| (0 for an empty array). */
export const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => Math.max(s, Math.abs(x)), 0);

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
