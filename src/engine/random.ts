/**
 * A small seeded pseudo-random generator for data and initialisations: mulberry32 (Tommy Ettinger's
 * 32-bit generator, one uint32 of state), pure JS, deterministic per seed. `uniform` draws a float64
 * from 53 random bits (two mulberry32 outputs); `normal` uses the Box-Muller transform, caching the
 * second variate of each pair.
 */

export interface Random {
  /** A float64 uniform in [0, 1). */
  next(): number;
  /** A float64 uniform in [lo, hi). */
  uniform(lo?: number, hi?: number): number;
  /** A standard normal variate (Box-Muller). */
  normal(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  /** mulberry32: one uint32 per call. */
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  /** 53 bits: the high 27 of one draw and the high 26 of the next, as in the Mersenne Twister's genrand_res53. */
  const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  let spare: number | null = null;
  return {
    next,
    uniform: (lo = 0, hi = 1) => lo + (hi - lo) * next(),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // 1 - next() is in (0, 1], so the log is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
