import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { semilogFigure } from './semilog';
import { envelopeIndices, firstPerColumn } from './thin';

/** A random series: x increasing (steps with gaps), y with spikes, zeros and the odd non-finite value. */
const series = fc
  .record({
    n: fc.integer({ min: 1, max: 6000 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    gaps: fc.boolean(),
    logX: fc.boolean(),
    buckets: fc.integer({ min: 1, max: 400 }),
  })
  .map(({ n, seed, gaps, logX, buckets }) => {
    let s = seed;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (i ? x[i - 1] : 0) + 1 + Math.floor(rand() * 3);
      y[i] = gaps && rand() < 0.002 ? NaN : Math.exp(-i / 500) * (1 + (rand() < 0.01 ? 50 : rand()));
    }
    return { x, y, n, buckets, scaleX: logX ? Math.log10 : (v: number) => v, x0: 0, x1: logX ? Math.log10(x[n - 1]) + 0.1 : x[n - 1] };
  });

describe('envelopeIndices', () => {
  test.prop([series], { numRuns: 150 })('keeps the ends, the first and last point of every gap, and each column\'s lowest and highest value, in order', ({ x, y, n, buckets, scaleX, x0, x1 }) => {
    const idx = envelopeIndices(x, y, n, { x0, x1, scaleX, buckets });
    if (n <= 4 * buckets) {
      expect(idx).toEqual(Array.from({ length: n }, (_, i) => i));
      return;
    }
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(n - 1);
    const kept = new Set(idx);
    const column = (i: number) => Math.min(buckets - 1, Math.max(0, Math.floor(((scaleX(x[i]) - x0) / (x1 - x0)) * buckets)));
    // Per column, over the finite values: the drawn min and max equal the full series'.
    const full = new Map<number, [number, number]>();
    const drawn = new Map<number, [number, number]>();
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i])) {
        // A gap's first and last points: a gap stays a gap.
        if (Number.isFinite(y[i - 1] ?? 0) || Number.isFinite(y[i + 1] ?? 0)) expect(kept.has(i)).toBe(true);
        continue;
      }
      const into = (m: Map<number, [number, number]>) => {
        const [lo, hi] = m.get(column(i)) ?? [Infinity, -Infinity];
        m.set(column(i), [Math.min(lo, y[i]), Math.max(hi, y[i])]);
      };
      into(full);
      if (kept.has(i)) into(drawn);
    }
    expect(drawn).toEqual(full);
    const gaps = Array.from(y).filter((v, i) => !Number.isFinite(v) && Number.isFinite(y[i - 1] ?? 0)).length;
    // Four per column, plus a column split by each gap and the gap's two ends.
    expect(idx.length).toBeLessThanOrEqual(4 * buckets + 6 * gaps);
  });

  test("a long gap keeps its two ends: LM's mu, exactly 0 (no place on a log axis) for 19,700 of 20,000 steps", () => {
    const n = 20_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i < 300 ? 10 ** -i : NaN));
    const idx = envelopeIndices(x, y, n, { x0: 0, x1: n });
    expect(idx.filter((i) => i >= 300)).toEqual([300, n - 1]);
    // The zero markers: the first zero of each column the zeros cross, 4 to 299 (step 300 is in column 4).
    const zeros = firstPerColumn(x, n, (i) => i >= 300, { x0: 0, x1: n });
    expect(zeros.length).toBe(296);
    expect(zeros[0]).toBe(300);
    expect(firstPerColumn(x, 1000, (i) => i % 2 === 0, { x0: 0, x1: n })).toHaveLength(500);
  });

  test('a 20,000-step run is drawn with at most 1,200 points, the spike at step 12,345 among them', () => {
    const n = 20_000;
    const step = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => (i === 12_345 ? 1e3 : 1 / (1 + i)));
    const { data } = semilogFigure([{ runId: 'a', label: 'A', color: '#123456', length: n, step, values, stopReason: null }], { yTitle: 'loss', logX: true });
    const line = data[0] as { x: number[]; y: number[]; customdata: number[] };
    expect(line.y.length).toBeLessThanOrEqual(1200);
    expect(line.customdata).toContain(12_345);
    expect(line.y).toContain(1e3);
    // The first ten steps (a log axis gives them a third of its width) are all there.
    expect(line.customdata.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(line.customdata.at(-1)).toBe(n - 1);
  });
});
