/**
 * Chapter 5's interventions (seed 001), on one model's flat parameters, tensor by tensor (each of
 * W1, b1, W2, b2 loses the same fraction, int(size * p) of its entries, as the seed did):
 *   prune:   set the chosen weights to 0 and freeze them there. 'minimal' chooses the smallest |w|,
 *            'random' a uniform random subset.
 *   disable: freeze the chosen weights where they are. 'H' chooses the smallest |H g| (H = 1/C up
 *            to a constant), 'minimal' the smallest |g| (g the full training-set gradient),
 *            'random' a uniform random subset.
 * Ties in the sort keep index order (a stable sort), so a choice is reproducible.
 */
import type { DisableMode, PruneMode } from '../../catalog';

export interface Segment {
  at: number;
  size: number;
}

/** The indices to freeze: in each segment, int(size * p) of them, the lowest `score` first. */
export function choose(segments: readonly Segment[], p: number, score: ((k: number) => number) | 'random', uniform: () => number): number[] {
  return segments.flatMap(({ at, size }) => {
    // Python's int() of the float product, as the seed computed it (0.58 x 50 gives 28, not 29).
    const count = Math.floor(size * p);
    const indices = Array.from({ length: size }, (_, i) => at + i);
    if (score === 'random') {
      // A partial Fisher-Yates shuffle: the first `count` are a uniform random subset.
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(uniform() * (size - i));
        [indices[i], indices[j]] = [indices[j], indices[i]];
      }
      return indices.slice(0, count);
    }
    return indices.sort((a, b) => score(a) - score(b)).slice(0, count);
  });
}

/** Prunes in place: the chosen weights become 0 and their mask entries 0. */
export function prune(params: Float64Array | Float32Array, mask: Float32Array, segments: readonly Segment[], p: number, mode: PruneMode, uniform: () => number) {
  for (const k of choose(segments, p, mode === 'random' ? 'random' : (i) => Math.abs(params[i]), uniform)) {
    params[k] = 0;
    mask[k] = 0;
  }
}

/** Disables optimization in place: the chosen mask entries become 0 (the weights keep their values). */
export function disable(mask: Float32Array, segments: readonly Segment[], p: number, mode: DisableMode, C: ArrayLike<number>, grad: ArrayLike<number>, uniform: () => number) {
  const score = mode === 'random' ? 'random' : mode === 'H' ? (i: number) => Math.abs(grad[i] / C[i]) : (i: number) => Math.abs(grad[i]);
  for (const k of choose(segments, p, score, uniform)) mask[k] = 0;
}
