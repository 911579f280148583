// Scores a fit against NIST's certified values the way numerical software is judged on StRD: the
// log relative error, about the number of leading significant digits the estimate gets right.

/** The most digits credited: NIST certifies values to 11 significant digits. */
export const LRE_CAP = 11;

/**
 * LRE = -log10(|estimate - certified| / |certified|), clamped to [0, LRE_CAP].
 * - estimate === certified gives LRE_CAP;
 * - certified === 0 scores the absolute error instead: -log10(|estimate|);
 * - a non-finite estimate (a diverged fit) gives 0, as does one off by 100 % or more;
 * - a non-finite certified value is a caller's bug: RangeError.
 */
export function lre(estimate: number, certified: number): number {
  if (!Number.isFinite(certified)) throw new RangeError(`lre: the certified value ${certified} is not finite`);
  if (!Number.isFinite(estimate)) return 0;
  if (estimate === certified) return LRE_CAP;
  const error = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  return Math.min(LRE_CAP, Math.max(0, -Math.log10(error)));
}

/** The worst (smallest) LRE over paired estimates and certified values: how a fit is judged. */
export function worstLre(estimates: ArrayLike<number>, certified: ArrayLike<number>): number {
  if (estimates.length !== certified.length || certified.length === 0) {
    throw new RangeError(`worstLre: ${estimates.length} estimates for ${certified.length} certified values`);
  }
  let worst = LRE_CAP;
  for (let i = 0; i < certified.length; i++) worst = Math.min(worst, lre(estimates[i], certified[i]));
  return worst;
}
