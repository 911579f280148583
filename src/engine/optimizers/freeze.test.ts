/** Prune and disable, checked by hand on small vectors. */
import { describe, expect, test } from 'vitest';
import { createRandom } from '../random';
import { choose, disable, prune } from './freeze';

const segments = [
  { at: 0, size: 6 },
  { at: 6, size: 4 },
] as const;

describe('prune and disable', () => {
  test("'minimal' prunes int(size p) of each tensor by smallest |w|, sets them to 0 and freezes them", () => {
    const params = Float64Array.from([0.5, -0.1, 3, 0.2, -2, 0.05, /* second tensor */ 1, -0.3, 0.01, 4]);
    const mask = new Float32Array(10).fill(1);
    // p = 0.5: 3 of the first 6 (|w| 0.05, 0.1, 0.2), 2 of the last 4 (0.01, 0.3).
    prune(params, mask, segments, 0.5, 'minimal', createRandom(1).next);
    expect(Array.from(params)).toEqual([0.5, 0, 3, 0, -2, 0, 1, 0, 0, 4]);
    expect(Array.from(mask)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 0, 1]);
  });

  test("'H' disables by smallest |g / C|, 'minimal' by smallest |g|; weights keep their values", () => {
    const grad = [1, 2, 3, 4, 5, 6, 1, 1, 1, 1];
    const C = [1, 10, 1, 100, 1, 1, 1, 2, 4, 8];
    const byH = new Float32Array(10).fill(1);
    // |g / C| = 1, 0.2, 3, 0.04, 5, 6 | 1, 0.5, 0.25, 0.125: p = 0.5 freezes indices 3, 1, 0 and 9, 8.
    disable(byH, segments, 0.5, 'H', C, grad, createRandom(1).next);
    expect(Array.from(byH)).toEqual([0, 0, 1, 0, 1, 1, 1, 1, 0, 0]);
    const byG = new Float32Array(10).fill(1);
    // |g| ties in the second tensor keep index order: its first two are frozen.
    disable(byG, segments, 0.5, 'minimal', C, grad, createRandom(1).next);
    expect(Array.from(byG)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 1, 1]);
  });

  test("'random' takes int(size p) distinct indices per tensor, different per seed, uniform over many draws", () => {
    const picked = choose(segments, 0.5, 'random', createRandom(3).next);
    expect(picked).toHaveLength(5);
    expect(new Set(picked).size).toBe(5);
    expect(picked.filter((k) => k < 6)).toHaveLength(3);
    expect(choose(segments, 0.5, 'random', createRandom(4).next)).not.toEqual(picked);
    // Each of the first tensor's 6 entries is chosen with probability 1/2: over 4,000 draws each
    // count is within 5% of 2,000 (its standard deviation is 32, 1.6%).
    const counts = new Array(6).fill(0);
    const random = createRandom(5);
    for (let i = 0; i < 4000; i++) for (const k of choose([segments[0]], 0.5, 'random', random.next)) counts[k]++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(100);
  });

  test("p = 0 freezes nothing, p = 1 everything; the count is Python's int(size p), as in the seed", () => {
    expect(choose(segments, 0, (k) => k, Math.random)).toEqual([]);
    expect(choose(segments, 1, (k) => k, Math.random)).toHaveLength(10);
    // 0.3 x 10 = 3.0000000000000004 -> 3; 0.58 x 50 = 28.999999999999996 -> 28.
    expect(choose([{ at: 0, size: 10 }], 0.3, (k) => k, Math.random)).toHaveLength(3);
    expect(choose([{ at: 0, size: 50 }], 0.58, (k) => k, Math.random)).toHaveLength(28);
  });
});
