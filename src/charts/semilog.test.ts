import { describe, expect, test } from 'vitest';
import { contourFigure } from './contour';
import { defaultLogX, LEGEND_BELOW, logStartX, powerLabel, semilogFigure, stepBudget, type LineRun } from './semilog';
import { thinIndices } from './thin';

const run = (runId: string, values: number[], stopReason: LineRun['stopReason'] = null): LineRun => ({
  runId, label: runId.toUpperCase(), color: '#123456', length: values.length,
  step: Float64Array.from(values, (_, i) => i), values: Float64Array.from(values), stopReason,
});
const meta = (d: object) => (d as { meta?: { runId?: string; role?: string } }).meta ?? {};
type Trace = { x: number[]; y: number[]; name: string; customdata?: number[]; hovertemplate: string | string[]; marker: { symbol: string } };
const diverged = (data: object[]) => data.filter((d) => meta(d).role === 'diverged') as Trace[];

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

  test("a subnormal value (LM's mu on its way to 0) still has a decade below it: the axis stays finite", () => {
    const { layout } = semilogFigure([run('lm', [1, 1e-300, 5e-324, 0], 'converged')], { yTitle: 'μ' });
    const [lo, hi] = layout.yaxis!.range as number[];
    expect(Number.isFinite(lo) && Number.isFinite(hi)).toBe(true);
    expect(lo).toBeCloseTo(-323.75, 10); // log10(5e-324) - 0.2, snapped out
  });

  test('the floor is a dashed line at its value, labelled', () => {
    const { layout } = semilogFigure([run('a', [1, 0.1])], { yTitle: 'loss', floors: [{ y: 1e-13, label: 'float32 floor' }] });
    expect(layout.shapes?.[0]).toMatchObject({ y0: 1e-13, y1: 1e-13, line: { dash: 'dash' } });
    expect(layout.annotations?.[0]).toMatchObject({ text: 'float32 floor', y: -13 });
  });

  test('before the first step the axes show a plain range, not one of 1e-16', () => {
    expect(semilogFigure([run('a', [])], { yTitle: 'loss' }).layout.yaxis?.range).toEqual([-3, 1]);
    expect(semilogFigure([run('a', [])], { yTitle: 'accuracy', linear: true }).layout.yaxis?.range).toEqual([0, 1]);
    // With data, nice bounds around them (axis-range.ts): they move in steps while runs stream.
    expect(semilogFigure([run('a', [0.5, 0.9])], { yTitle: 'accuracy', linear: true }).layout.yaxis?.range).toEqual([0, 1]);
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

  test('paths follow the params columns; start and solution are marked; the surface is an image under them', () => {
    const { data, layout } = contourFigure([{ runId: 'r', label: 'R', color: '#000', length: 2, params: Float64Array.from([5, 5, 3, 2]) }], {
      surface: { x: Float64Array.from([0, 6]), y: Float64Array.from([-1, 5]), z: Float64Array.from([1, 10, 100, 0]) },
      surfaceImage: { source: 'data:,', zmin: -300, zmax: 2 },
      paramNames: ['a', 'b'],
      start: [5, 5],
      minima: [[2.5, 2.5]],
      xRange: [0, 6],
      yRange: [0, 6],
    });
    // Over the grid's extent, its top-left corner at the largest y; the colour bar spans the image's range.
    expect(layout.images).toEqual([expect.objectContaining({ source: 'data:,', x: 0, y: 5, sizex: 6, sizey: 6, xref: 'x', yref: 'y', sizing: 'stretch', layer: 'below' })]);
    const bar = data[0] as { type: string; zmin: number; zmax: number; opacity: number };
    expect([bar.type, bar.zmin, bar.zmax, bar.opacity]).toEqual(['heatmap', -300, 2, 0]);
    const path = data.find((d) => meta(d).runId === 'r') as { x: number[]; y: number[] };
    expect([path.x, path.y]).toEqual([[5, 3], [5, 2]]);
    expect(data.map((d) => meta(d).role).filter(Boolean)).toEqual(['colorbar', 'ends', 'start', 'solution']);
  });

  test("several minima (a formula's) are one trace of stars", () => {
    const { data } = contourFigure([], { surface: null, paramNames: ['x', 'y'], start: [0, 0], minima: [[3, 2], [-2.8, 3.1]], xRange: [-5, 5], yRange: [-5, 5] });
    const stars = data.find((d) => meta(d).role === 'solution') as { x: number[]; y: number[]; name: string };
    expect([stars.x, stars.y, stars.name]).toEqual([[3, -2.8], [2, 3.1], 'minima']);
  });
});

describe('the y axis', () => {
  test('a diverged run does not squash the others: the axis stops 2 decades above them, its x at the edge', () => {
    const { data, layout } = semilogFigure([run('gd', [10, 1e6, 1e40, Infinity], 'diverged'), run('adam', [10, 1, 1e-3], 'converged')], { yTitle: 'loss' });
    const [lo, hi] = layout.yaxis!.range as number[];
    // Highest value of the sane run and of the starts: 10, so the axis tops out at 1e3 (+ 0.2
    // decades of padding, snapped out to a quarter decade).
    expect(hi).toBeCloseTo(3.25, 10);
    expect(lo).toBeCloseTo(-4.25, 10);
    const x = data.find((d) => meta(d).role === 'diverged') as { y: number[] };
    expect(x.y[0]).toBe(1000);
  });

  test('a run of 1,000,000 points draws (no argument spread past Chromium\'s 124,015 limit) with the exact extent', () => {
    const n = 1_000_000;
    const values = Float64Array.from({ length: n }, (_, i) => 10 ** (2 - (12 * i) / (n - 1)));
    const long: LineRun = { runId: 'gd', label: 'GD', color: '#000', length: n, step: Float64Array.from({ length: n }, (_, i) => i), values, stopReason: 'converged' };
    const { data, layout } = semilogFigure([long], { yTitle: 'loss' });
    expect((data[0] as { x: number[] }).x.length).toBeLessThanOrEqual(1001);
    const [lo, hi] = (layout.yaxis as { range: number[] }).range;
    // The lowest value (1e-10) sets the zero marker's decade below it; the highest (100) the top.
    expect(lo).toBeCloseTo(-11.25, 10);
    expect(hi).toBeCloseTo(2.25, 10);
  });
});

describe('axes while a run goes on', () => {
  /** A run of 3,000 steps whose loss falls 12 decades, seen every 7 steps as it streams. */
  const stream = (logX: boolean, xBudget?: number) => {
    const n = 3000;
    const values = Float64Array.from({ length: n }, (_, i) => 10 ** (2 - (12 * i) / (n - 1)));
    const step = Float64Array.from({ length: n }, (_, i) => i);
    const layouts = [];
    for (let len = 2; len <= n; len += 7) {
      const r: LineRun = { runId: 'gd', label: 'GD', color: '#000', length: len, step, values, stopReason: null };
      const { xaxis, yaxis } = semilogFigure([r], { yTitle: 'loss', logX, xBudget }).layout;
      layouts.push(JSON.stringify([xaxis?.range, yaxis?.range]));
    }
    return layouts;
  };

  test('with a step budget the x-axis stands still and the y-axis moves in coarse steps: 10 layouts over 429 rounds', () => {
    for (const logX of [false, true]) {
      const layouts = stream(logX, 3000);
      expect(new Set(layouts).size, `logX ${logX}`).toBe(10);
      for (const l of layouts) expect((JSON.parse(l) as number[][])[0][1]).toBeCloseTo(logX ? 3.75 : 3000, 10);
    }
  });

  test('without one (wall time, cost) the x-axis moves by quarter decades', () => {
    expect(new Set(stream(true)).size).toBeLessThan(30);
  });

  test('once every run has stopped the axes fit the runs, to a quarter decade', () => {
    const r: LineRun = { ...run('gd', [100, 1, 0.01]), stopReason: 'converged' };
    const { xaxis, yaxis } = semilogFigure([r], { yTitle: 'loss', logX: true, xBudget: 3000 }).layout;
    expect(xaxis?.range?.[1]).toBeCloseTo(0.5, 10);
    // zero marker decade: 1e-3; -3 - 0.2 -> -3.25; top 2 + 0.2 -> 2.25
    expect(yaxis?.range).toEqual([-3.25, 2.25]);
  });
});

describe('the x scale', () => {
  test('log by default from a step budget of 1,000 (a run of its own budget counts)', () => {
    expect([10, 200, 999, 1000, 3200, 40_000].map(defaultLogX)).toEqual([false, false, false, true, true, true]);
    expect(stepBudget({ maxSteps: 500, runs: [{}, { maxSteps: 2000 }] })).toBe(2000);
    expect(stepBudget({ maxSteps: 5000, runs: [{ maxSteps: 200 }] })).toBe(5000);
  });

  test('on a log x-axis the start (x = 0) is drawn a decade left of the first step, at a tick relabelled 0; its hover says so', () => {
    const r = run('newton', [10, 1, 1e-3, 1e-9]);
    const { data, layout } = semilogFigure([r], { yTitle: 'loss', logX: true });
    const line = data[0] as Trace;
    expect(line.x).toEqual([0.1, 1, 2, 3]);
    // The hover reads the true x, and the start's template says where it is drawn and why.
    expect(line.customdata).toEqual([0, 1, 2, 3]);
    const templates = line.hovertemplate as string[];
    expect(templates[0]).toMatch(/step 0, the start \(a log axis has no 0/);
    expect(templates[1]).toContain('%{customdata:.10~g}');
    const x = layout.xaxis as unknown as { type: string; range: number[]; labelalias: Record<string, string>; minorloglabels: string; exponentformat: string };
    expect([x.type, x.minorloglabels, x.exponentformat]).toEqual(['log', 'none', 'power']);
    expect(x.labelalias).toEqual({ '10<sup>\u22121</sup>': '0' });
    expect(x.range[0]).toBeCloseTo(-1.08, 10);
    // log10(3) + 0.08 = 0.56, snapped up to a quarter decade.
    expect(x.range[1]).toBeCloseTo(0.75, 10);
  });

  test('a linear x-axis keeps every x as it is, the hover reading x', () => {
    const { data, layout } = semilogFigure([run('gd', [10, 1, 0.1])], { yTitle: 'loss' });
    const line = data[0] as Trace;
    expect(line.x).toEqual([0, 1, 2]);
    expect(line.customdata).toBeUndefined();
    expect(line.hovertemplate).toBe('GD<br>step %{x:.10~g}<br>%{y:.9~g}<extra></extra>');
    expect(layout.xaxis).toMatchObject({ type: 'linear', range: [0, 2] });
  });

  test('an x that starts above 0 (cost: the start is an evaluation) moves nothing and relabels no tick', () => {
    const r = { ...run('gn', [10, 1, 0.1]), step: Float64Array.from([1, 2, 3]) };
    const { data, layout } = semilogFigure([r], { yTitle: 'loss', xAxis: 'evals', logX: true });
    expect((data[0] as Trace).x).toEqual([1, 2, 3]);
    expect(typeof (data[0] as Trace).hovertemplate).toBe('string');
    const x = layout.xaxis as { range: number[]; labelalias?: object };
    expect(x.labelalias).toBeUndefined();
    expect(x.range[0]).toBeCloseTo(-0.08, 10);
    // At least a decade is shown (1.08, snapped up).
    expect(x.range[1]).toBeCloseTo(1.25, 10);
  });

  test('the start sits at a power of ten a decade below the smallest positive x; Plotly\'s label for it is what labelalias matches', () => {
    expect([logStartX(1), logStartX(3.5), logStartX(0.004), logStartX(Infinity)]).toEqual([0.1, 0.1, 0.0001, 0.1]);
    expect([-2, -1, 0, 1, 3].map(powerLabel)).toEqual(['10<sup>\u22122</sup>', '10<sup>\u22121</sup>', '1', '10', '10<sup>3</sup>']);
  });

  test('a new x kind or scale has its own uirevision: a zoom in one is not applied in the other', () => {
    const uirev = (o: Parameters<typeof semilogFigure>[1]) => (semilogFigure([run('a', [1, 0.1])], o).layout.xaxis as { uirevision: string }).uirevision;
    expect(new Set([uirev({ yTitle: 'l' }), uirev({ yTitle: 'l', logX: true }), uirev({ yTitle: 'l', xAxis: 'time' })]).size).toBe(3);
  });
});

describe('clean axes', () => {
  test('before any data: plain ranges, only powers of ten labelled, room for labels and titles', () => {
    const { layout } = semilogFigure([run('a', [])], { yTitle: 'loss' });
    expect(layout.xaxis).toMatchObject({ type: 'linear', range: [0, 10], automargin: true });
    expect(layout.yaxis).toMatchObject({ type: 'log', range: [-3, 1], minorloglabels: 'none', exponentformat: 'power', automargin: true });
    const log = semilogFigure([run('a', [])], { yTitle: 'loss', logX: true }).layout.xaxis as unknown as { range: number[]; labelalias: object; minorloglabels: string };
    // 0 (the start to come), 1, 10, 100, 1000.
    expect(log.range[0]).toBeCloseTo(-1.08, 10);
    expect(log.range[1]).toBeCloseTo(3.25, 10);
    expect(log.labelalias).toEqual({ '10<sup>\u22121</sup>': '0' });
    expect(log.minorloglabels).toBe('none');
  });

  test('before any data, a floor widens the plain range by whole decades instead of setting it (chapter 4 showed 2x10^-11..7x10^-11)', () => {
    const floors = [{ y: 3e-10, label: 'float32 floor' }];
    expect(semilogFigure([run('a', [])], { yTitle: 'loss', floors }).layout.yaxis).toMatchObject({ range: [-11, 1] });
    expect(semilogFigure([run('a', [])], { yTitle: 'loss', floors: [{ y: 0.5, label: 'high' }] }).layout.yaxis).toMatchObject({ range: [-3, 1] });
  });

  test('after data too, a log y-axis over many decades labels powers of ten only', () => {
    const { layout } = semilogFigure([run('a', [1e3, 1, 1e-20])], { yTitle: 'loss' });
    expect(layout.yaxis).toMatchObject({ minorloglabels: 'none', automargin: true });
  });

  test('the legend is below the plot, across its width, under the x-axis title', () => {
    const { layout } = semilogFigure([run('a', [1]), run('b', [1])], { yTitle: 'loss' });
    expect(layout.legend).toEqual(LEGEND_BELOW);
    expect(layout.legend).toMatchObject({ orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom', x: 0, xanchor: 'left' });
  });
});

describe('hover', () => {
  test('every digit the run\'s precision has: 9 significant for float32, 17 for float64', () => {
    const { data } = semilogFigure([run('a', [1, 0.1]), { ...run('b', [1, 0.1]), precision: 'float64' }], { yTitle: 'loss' });
    expect((data[0] as Trace).hovertemplate).toContain('%{y:.9~g}');
    expect((data[1] as Trace).hovertemplate).toContain('%{y:.17~g}');
  });
});

describe('diverged markers', () => {
  test('each where its run left, at its own x; several on the top edge at one x are stacked, not piled', () => {
    const runs = [run('gd', [10, 100, 1e30, Infinity], 'diverged'), run('sgd', [10, 1e20, Infinity], 'diverged'), run('nag', [10, 1e25, NaN], 'diverged'), run('adam', [10, 1])];
    const { data, layout } = semilogFigure(runs, { yTitle: 'loss' });
    const marks = diverged(data);
    expect(marks.map((m) => m.x[0])).toEqual([2, 1, 1]);
    const top = 1000;
    const [lo, hi] = layout.yaxis!.range as number[];
    // gd alone at x = 2: on the top edge. sgd and nag both left at step 1: one on the edge, the next below it.
    expect(marks[0].y[0]).toBe(top);
    expect(marks[1].y[0]).toBe(top);
    const below = marks[2].y[0];
    expect(Math.log10(top) - Math.log10(below)).toBeCloseTo(0.06 * (hi - lo), 10);
    // Each names its run and says where it was drawn.
    expect(marks[2].hovertemplate).toBe('NAG diverged after step 1<br>last finite value 1e+25 (above the chart: drawn at its top edge)<extra></extra>');
  });

  test('a run that diverged below the top is marked at its last value; on a log x at its own x', () => {
    const { data } = semilogFigure([run('gd', [10, 20, 50, Infinity], 'diverged')], { yTitle: 'loss', logX: true });
    const [mark] = diverged(data);
    expect([mark.x[0], mark.y[0]]).toEqual([2, 50]);
    expect(mark.hovertemplate).not.toContain('above the chart');
  });

  test('on a linear y-axis (accuracy) the marker is at the value, not clamped', () => {
    const { data } = semilogFigure([run('gd', [0.5, 0.1, 0.05, NaN], 'diverged'), run('adam', [0.5, 0.9])], { yTitle: 'accuracy', linear: true });
    const [mark] = diverged(data);
    expect([mark.x[0], mark.y[0]]).toEqual([2, 0.05]);
  });
});
