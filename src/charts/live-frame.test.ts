import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contourFigure, type PathRun } from './contour';
import { dashPattern, frameKey, liveTraces, pixelMap, streamable } from './live-frame';
import { semilogFigure, type LineRun } from './semilog';

const run = (runId: string, values: number[], stopReason: LineRun['stopReason'] = null): LineRun => ({
  runId, label: runId.toUpperCase(), color: '#123456', length: values.length,
  step: Float64Array.from(values, (_, i) => i), values: Float64Array.from(values), stopReason,
});
const path = (runId: string, points: number[][]): PathRun => ({ runId, label: runId, color: '#654321', length: points.length, params: Float64Array.from(points.flat()) });
const contour = (runs: PathRun[]) => contourFigure(runs, { surface: null, paramNames: ['a', 'b'], start: [0, 0], minima: [[1, 1]], xRange: [-2, 2], yRange: [-1, 3] });

describe('frame keys: what must be unchanged for the live layer to draw', () => {
  test('the same key while only the points of lines grow (a run streaming inside its axes)', () => {
    const a = semilogFigure([run('gd', [10, 5, 2]), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 });
    const b = semilogFigure([run('gd', [10, 5, 2, 1.5, 1.2]), run('adam', [10, 1, 0.5])], { yTitle: 'loss', xBudget: 100 });
    expect(frameKey(a)).not.toBeNull();
    expect(frameKey(b)).toBe(frameKey(a));
  });

  test('on a log x-axis the per-point hover templates follow the points too', () => {
    const a = semilogFigure([run('gd', [10, 5, 2])], { yTitle: 'loss', logX: true, xBudget: 1000 });
    const b = semilogFigure([run('gd', [10, 5, 2, 1.8])], { yTitle: 'loss', logX: true, xBudget: 1000 });
    expect(Array.isArray((a.data[0] as { hovertemplate: unknown }).hovertemplate)).toBe(true);
    expect(frameKey(b)).toBe(frameKey(a));
  });

  test('a different key when anything else changes: a range, a name, a run, a marker trace, the height', () => {
    const base = frameKey(semilogFigure([run('gd', [10, 5, 2]), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 }), 360);
    const others = [
      // The loss falls a decade below the axis: the axis must move.
      semilogFigure([run('gd', [10, 5, 2, 0.001]), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 }),
      semilogFigure([run('gd', [10, 5, 2], 'diverged'), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 }),
      semilogFigure([run('gd', [10, 5, 2])], { yTitle: 'loss', xBudget: 100 }),
      // An exact zero adds a marker trace.
      semilogFigure([run('gd', [10, 5, 2, 0]), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 }),
      semilogFigure([run('gd', [10, 5, 2]), run('adam', [10, 1])], { yTitle: 'gradient', xBudget: 100 }),
    ].map((f) => frameKey(f, 360));
    for (const k of others) expect(k).not.toBe(base);
    expect(frameKey(semilogFigure([run('gd', [10, 5, 2]), run('adam', [10, 1])], { yTitle: 'loss', xBudget: 100 }), 420)).not.toBe(base);
  });

  test("exact zeros stream too (their triangles); a diverged x is Plotly's to draw", () => {
    const zeros = semilogFigure([run('lm', [10, 1, 0, 0, 0])], { yTitle: 'μ', xBudget: 100 });
    expect(frameKey(semilogFigure([run('lm', [10, 1, 0, 0, 0, 0, 0])], { yTitle: 'μ', xBudget: 100 }))).toBe(frameKey(zeros));
    expect(liveTraces(zeros).map((t) => t.kind)).toEqual(['line', 'triangle-down']);
    const diverged = semilogFigure([run('gd', [10, 100, Infinity], 'diverged')], { yTitle: 'loss' });
    expect(diverged.data.map(streamable)).toEqual([true, false]);
  });

  test('no key where an axis autoranges: only Plotly can move an axis', () => {
    const f = semilogFigure([run('gd', [10, 5])], { yTitle: 'loss' });
    expect(frameKey({ data: f.data, layout: { ...f.layout, xaxis: { ...f.layout.xaxis, autorange: true } } })).toBeNull();
    expect(frameKey({ data: f.data, layout: { ...f.layout, yaxis: { title: { text: 'y' } } } })).toBeNull();
  });

  test("the contour: paths and the ends (one colour per run, a run's first point included) stream; a new run is a new key", () => {
    const a = contour([path('gd', [[0, 0], [0.1, 0.2]]), path('adam', [[0, 0]])]);
    const b = contour([path('gd', [[0, 0], [0.1, 0.2], [0.3, 0.5]]), path('adam', [[0, 0], [0.2, 0.1]])]);
    expect(frameKey(b)).toBe(frameKey(a));
    expect(frameKey(contour([path('gd', [[0, 0], [0.1, 0.2]]), path('adam', [])]))).toBe(frameKey(a));
    expect(frameKey(contour([path('gd', [[0, 0]]), path('adam', [[0, 0]]), path('nag', [])]))).not.toBe(frameKey(a));
    // Lines and the plain circles of the ends are drawn live; the open start circle and the star are not.
    expect(b.data.map(streamable)).toEqual([true, true, true, false, false]);
  });
});

describe('pixels', () => {
  test('a linear axis: the range ends at 0 and the length, y flipped', () => {
    const x = pixelMap({ type: 'linear', range: [-2, 2], length: 400 }, false);
    const y = pixelMap({ type: 'linear', range: [-1, 3], length: 200 }, true);
    expect([x(-2), x(0), x(2), x(3)]).toEqual([0, 200, 400, 500]);
    expect([y(-1), y(1), y(3)]).toEqual([200, 100, 0]);
  });

  test('a log axis maps log10 of the value over a range in decades; no place for 0 or less', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (r0, span, share) => {
        const y = pixelMap({ type: 'log', range: [r0, r0 + span], length: 250 }, true);
        expect(y(10 ** (r0 + share * span))).toBeCloseTo(250 * (1 - share), 6);
      }),
    );
    const x = pixelMap({ type: 'log', range: [0, 2], length: 100 }, false);
    expect([x(1), x(10), x(100)]).toEqual([0, 50, 100]);
    expect([x(0), x(-1)].every(Number.isNaN)).toBe(true);
  });

  test('dash patterns are Plotly\'s (drawing.dashStyle: "9px,9px" for a dash of width 2, "3px,3px" for a dot)', () => {
    expect(dashPattern('dash', 2)).toEqual([9, 9]);
    expect(dashPattern('dot', 1.5)).toEqual([3, 3]);
    expect(dashPattern('dash', 4)).toEqual([12, 12]);
    expect(dashPattern('solid', 2)).toEqual([]);
    expect(dashPattern(undefined, 2)).toEqual([]);
  });

  test('what is drawn of a figure: each line with its colour, width and dash, the ends as circles with their outline', () => {
    const lines = liveTraces(semilogFigure([{ ...run('gd', [10, 5]), dashed: true }], { yTitle: 'loss' }));
    expect(lines).toEqual([expect.objectContaining({ index: 0, kind: 'line', color: '#123456', width: 2, dash: [9, 9] })]);
    const traces = liveTraces(contour([path('gd', [[0, 0], [0.1, 0.2]])]));
    expect(traces.map((t) => [t.index, t.kind])).toEqual([[0, 'line'], [1, 'circle']]);
    expect(traces[1]).toMatchObject({ color: ['#654321'], size: 10, outline: { width: 1 } });
    expect(Array.from(traces[1].x)).toEqual([0.1]);
  });
});
