import { describe, expect, test } from 'vitest';
import { contourFigure } from './contour';
import { semilogFigure, type LineRun } from './semilog';
import { thinIndices } from './thin';

const run = (runId: string, values: number[], stopReason: LineRun['stopReason'] = null): LineRun => ({
  runId, label: runId.toUpperCase(), color: '#123456', length: values.length,
  step: Float64Array.from(values, (_, i) => i), values: Float64Array.from(values), stopReason,
});
const meta = (d: object) => (d as { meta?: { runId?: string; role?: string } }).meta ?? {};

describe('semilog figure', () => {
  test('an exact zero becomes a marker a decade below the lowest value, not a gap', () => {
    const { data } = semilogFigure([run('newton', [100, 1, 1e-6, 0])], { yTitle: 'loss' });
    const zero = data.find((d) => meta(d).role === 'zero') as { x: number[]; y: number[]; name: string };
    expect(zero.x).toEqual([3]);
    expect(zero.y[0]).toBeCloseTo(1e-7, 20);
    expect(zero.name).toBe('NEWTON: exactly 0');
    const line = data[0] as { y: number[] };
    expect(Number.isNaN(line.y[3])).toBe(true);
  });

  test('a diverged run is named so and ends with an x at its last finite value', () => {
    const { data } = semilogFigure([run('gd', [10, 100, 1e30, Infinity], 'diverged'), run('adam', [10, 1])], { yTitle: 'loss' });
    expect((data[0] as { name: string }).name).toBe('GD (diverged)');
    const x = data.find((d) => meta(d).role === 'diverged') as { x: number[]; y: number[]; marker: { symbol: string } };
    // Drawn at the top edge: two decades above the highest start (10).
    expect([x.x[0], x.y[0], x.marker.symbol]).toEqual([2, 1000, 'x']);
    // One line per run, each carrying its run id.
    expect(data.filter((d) => !meta(d).role).map((d) => meta(d).runId)).toEqual(['gd', 'adam']);
  });

  test('the floor is a dashed line at its value, labelled', () => {
    const { layout } = semilogFigure([run('a', [1, 0.1])], { yTitle: 'loss', floors: [{ y: 1e-13, label: 'float32 floor' }] });
    expect(layout.shapes?.[0]).toMatchObject({ y0: 1e-13, y1: 1e-13, line: { dash: 'dash' } });
    expect(layout.annotations?.[0]).toMatchObject({ text: 'float32 floor', y: -13 });
  });

  test('before the first step the axes show a plain range, not one of 1e-16', () => {
    expect(semilogFigure([run('a', [])], { yTitle: 'loss' }).layout.yaxis?.range).toEqual([-3, 1]);
    expect(semilogFigure([run('a', [])], { yTitle: 'accuracy', linear: true }).layout.yaxis?.range).toEqual([0, 1]);
    expect(semilogFigure([run('a', [0.5, 0.9])], { yTitle: 'accuracy', linear: true }).layout.yaxis?.autorange).toBe(true);
  });

  test('a float64 run is dashed, its float32 twin solid; two floors are two lines, one dotted', () => {
    const { data, layout } = semilogFigure([run('a', [1, 0.1]), { ...run('b', [1, 1e-20]), dashed: true }], {
      yTitle: 'loss',
      floors: [
        { y: 1e-13, label: 'float32 floor' },
        { y: 1e-30, label: 'float64 floor', dotted: true },
      ],
    });
    expect(data.map((d) => (d as { line: { dash: string } }).line.dash)).toEqual(['solid', 'dash']);
    expect(layout.shapes?.map((s) => [s.y0, s.line?.dash])).toEqual([[1e-13, 'dash'], [1e-30, 'dot']]);
    expect(layout.annotations?.map((a) => a.text)).toEqual(['float32 floor', 'float64 floor']);
    // The axis reaches below the lower floor.
    expect((layout.yaxis?.range as number[])[0]).toBeLessThan(-30);
  });
});

describe('thinning and the contour', () => {
  test('thinning keeps at most about max points, the first and the last', () => {
    const idx = thinIndices(40_001, 2000);
    expect(idx.length).toBeLessThanOrEqual(2001);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(40_000);
    expect(thinIndices(5)).toEqual([0, 1, 2, 3, 4]);
  });

  test('paths follow the params columns; start and solution are marked', () => {
    const { data } = contourFigure(
      [{ runId: 'r', label: 'R', color: '#000', length: 2, params: Float64Array.from([5, 5, 3, 2]) }],
      { surface: { x: Float64Array.from([0, 1]), y: Float64Array.from([0, 1]), z: Float64Array.from([1, 10, 100, 0]) }, paramNames: ['a', 'b'], start: [5, 5], minima: [[2.5, 2.5]], xRange: [0, 6], yRange: [0, 6] },
    );
    const contour = data[0] as { z: number[][] };
    expect(contour.z).toEqual([[0, 1], [2, -300]]);
    const path = data.find((d) => meta(d).runId === 'r') as { x: number[]; y: number[] };
    expect([path.x, path.y]).toEqual([[5, 3], [5, 2]]);
    expect(data.map((d) => meta(d).role).filter(Boolean)).toEqual(['ends', 'start', 'solution']);
  });

  test("several minima (a formula's) are one trace of stars", () => {
    const { data } = contourFigure([], { surface: null, paramNames: ['x', 'y'], start: [0, 0], minima: [[3, 2], [-2.8, 3.1]], xRange: [-5, 5], yRange: [-5, 5] });
    const stars = data.find((d) => meta(d).role === 'solution') as { x: number[]; y: number[]; name: string };
    expect([stars.x, stars.y, stars.name]).toEqual([[3, -2.8], [2, 3.1], 'minima']);
  });
});

describe('the y axis', () => {
  test('a diverged run does not squash the others: the axis stops 2 decades above them, its x at the edge', () => {
    const { data, layout } = semilogFigure([run('gd', [10, 1e6, 1e40, Infinity], 'diverged'), run('adam', [10, 1, 1e-3])], { yTitle: 'loss' });
    const [lo, hi] = layout.yaxis!.range as number[];
    // Highest value of the sane run and of the starts: 10, so the axis tops out at 1e3 (+ padding).
    expect(hi).toBeCloseTo(3 + 0.4, 10);
    expect(lo).toBeCloseTo(-4 - 0.4, 10);
    const x = data.find((d) => meta(d).role === 'diverged') as { y: number[] };
    expect(x.y[0]).toBe(1000);
  });

  test('a run of 1,000,000 points draws (no argument spread past Chromium\'s 124,015 limit) with the exact extent', () => {
    const n = 1_000_000;
    const values = Float64Array.from({ length: n }, (_, i) => 10 ** (2 - (12 * i) / (n - 1)));
    const long: LineRun = { runId: 'gd', label: 'GD', color: '#000', length: n, step: Float64Array.from({ length: n }, (_, i) => i), values, stopReason: null };
    const { data, layout } = semilogFigure([long], { yTitle: 'loss' });
    expect((data[0] as { x: number[] }).x.length).toBeLessThanOrEqual(1001);
    const [lo, hi] = (layout.yaxis as { range: number[] }).range;
    // The lowest value (1e-10) sets the zero marker's decade below it; the highest (100) the top.
    expect(lo).toBeCloseTo(-11.4, 10);
    expect(hi).toBeCloseTo(2.4, 10);
  });
});
