import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LOG_SNAP, niceCeil, niceLinearRange, snapOut, streamingLogRange } from './axis-range';

describe('snapped ranges', () => {
  test('snapOut holds the range, on the grid, less than one step wider on each side', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), (lo, span) => {
        const hi = lo + span;
        const [a, b] = snapOut(lo, hi);
        expect(a).toBeLessThanOrEqual(lo + 1e-9);
        expect(b).toBeGreaterThanOrEqual(hi - 1e-9);
        expect(lo - a).toBeLessThan(LOG_SNAP + 1e-9);
        expect(b - hi).toBeLessThan(LOG_SNAP + 1e-9);
        for (const v of [a, b]) expect(Math.abs(v / LOG_SNAP - Math.round(v / LOG_SNAP))).toBeLessThan(1e-6);
      }),
    );
    expect(snapOut(-3, 1)).toEqual([-3, 1]);
    expect(snapOut(-3.1, 0.9)).toEqual([-3.25, 1]);
  });

  test('a range moves only when the data cross a grid line: 100 values falling by 1% each give a few ranges, not 100', () => {
    const ranges = new Set(Array.from({ length: 100 }, (_, i) => snapOut(Math.log10(0.99 ** i) - 0.2, 0.2).join()));
    // Bottoms from -0.2 to log10(0.99^99) - 0.2 = -0.63: grid lines -0.25, -0.5, -0.75.
    expect(ranges.size).toBe(3);
  });

  test('while runs stream, a log axis holds the range, its top on a decade, its bottom on a grid that coarsens with the span', () => {
    fc.assert(
      fc.property(fc.double({ min: -400, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 400, noNaN: true }), (hi, span) => {
        const lo = hi - span;
        const [a, b] = streamingLogRange(lo, hi);
        expect(a).toBeLessThanOrEqual(lo + 1e-9);
        expect(b).toBeGreaterThanOrEqual(hi - 1e-9);
        expect(b - hi).toBeLessThan(1);
        // At most a quarter of the span (or a decade) of room below the data.
        expect(lo - a).toBeLessThan(Math.max(1, span / 4) + 1e-9);
      }),
    );
    // A value falling 320 decades, seen every 0.1 decade: 30 ranges, not 320 (about 4 per doubling of the span).
    const ranges = new Set(Array.from({ length: 3200 }, (_, i) => streamingLogRange(-i / 10 - 0.2, 0.2).join()));
    expect(ranges.size).toBe(30);
    expect(streamingLogRange(-6.2, 2.2)).toEqual([-8, 3]);
  });

  test('niceCeil: the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above v, at most a third above it', () => {
    expect([1, 1.1, 7, 9, 10, 10.5, 15000, 15001, 3e-4, 0.00031].map(niceCeil)).toEqual([1, 1.2, 8, 10, 10, 12, 15000, 20000, 3e-4, 4e-4]);
    expect([0, -1, NaN, Infinity].map(niceCeil)).toEqual([1, 1, 1, 1]);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e12, noNaN: true }), (v) => {
        const c = niceCeil(v);
        expect(c).toBeGreaterThanOrEqual(v * (1 - 1e-9));
        expect(c / v).toBeLessThanOrEqual(4 / 3 + 1e-9);
      }),
    );
  });

  test('a linear range starts at 0 unless the data go below it', () => {
    expect(niceLinearRange(0, 7)).toEqual([0, 8]);
    expect(niceLinearRange(-3, 7)).toEqual([-3, 8]);
    expect(niceLinearRange(-3, -1)).toEqual([-3, 0]);
    expect(niceLinearRange(Infinity, -Infinity)).toEqual([0, 1]);
  });
});
