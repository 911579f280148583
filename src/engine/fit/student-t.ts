/**
 * Student's t quantiles, for the confidence band of a fit (t_{0.975, n - p} rather than the normal
 * 1.96: Misra1a's 12 degrees of freedom make the band 11% wider). The CDF comes from the regularized
 * incomplete beta function (its continued fraction, evaluated by the modified Lentz method, as in
 * Numerical Recipes 6.4), and the quantile by bisection on it, to the last digits a float64 keeps.
 */

/** log Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 digits). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of I_x(a, b). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const [qab, qap, qam] = [a + b, a + 1, a - 1];
  let c = 1;
  let d = 1 - (qab * x) / qap;
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const aa of [(m * (b - m) * x) / ((qam + m2) * (a + m2)), (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))]) {
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `dof` degrees of freedom. */
export function studentCdf(t: number, dof: number): number {
  const tail = 0.5 * incompleteBeta(dof / 2, 0.5, dof / (dof + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T <= t) = p, for 0.5 <= p < 1 (bisection to a relative 1e-14). */
export function studentQuantile(p: number, dof: number): number {
  let [lo, hi] = [0, 1];
  while (studentCdf(hi, dof) < p) hi *= 2;
  while (hi - lo > 1e-14 * hi) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, dof) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
