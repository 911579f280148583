import type { Data } from 'plotly.js';
import { describe, expect, test } from 'vitest';
import { accuracyFigure } from './accuracy-bands';
import { contourFigure } from './contour';
import { curveFigure } from './fit';
import { INK, INK_DARK, PALETTE, PALETTE_DARK, PAPER } from './palette';
import { semilogFigure, type Figure, type LineRun } from './semilog';
import { applyTheme, darkTwin, figureHeight, redrawPause, withFitRevision } from './theme';

const LIGHT = { dark: false, presenting: false };
const DARK = { dark: true, presenting: false };
const PRESENT = { dark: false, presenting: true };

const run = (runId: string, color: string, values: number[]): LineRun => ({
  runId, label: runId, color, length: values.length, step: Float64Array.from(values, (_, i) => i), values: Float64Array.from(values), stopReason: null,
});
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const loose = (x: unknown) => x as Loose;

const lossFigure = () =>
  semilogFigure([run('a', PALETTE[0], [1, 0.1]), run('b', PALETTE[6], [1, 0.01]), { ...run('c', PALETTE[7], [2, 0.2]), validation: Float64Array.from([2, 0.3]) }], {
    yTitle: 'loss',
    floors: [{ y: 1e-3, label: 'float32 floor' }],
  });

describe('dark twins of colours', () => {
  test('palette and ink colours in any notation; an rgba keeps its alpha; others are left alone', () => {
    expect(darkTwin('#000000')).toBe(PALETTE_DARK[6]);
    expect(darkTwin('#000')).toBe(PALETTE_DARK[6]);
    expect(darkTwin('#882255')).toBe('#F0E442');
    expect(darkTwin('#8c564b')).toBe(PALETTE_DARK[8]);
    expect(darkTwin(INK.muted)).toBe(INK_DARK.muted);
    expect(darkTwin('rgba(255,255,255,0.8)')).toBe('rgba(18, 18, 18, 0.8)');
    expect(darkTwin('rgba(136, 34, 85, 0.2)')).toBe('rgba(240, 228, 66, 0.2)');
    expect(darkTwin('rgb(0, 0, 0)')).toBe('rgb(240, 240, 240)');
    expect(darkTwin('rgba(255,255,255,0.5)')).toBe('rgba(18, 18, 18, 0.5)');
    expect(darkTwin('#123456')).toBe('#123456');
    expect(darkTwin('Viridis')).toBe('Viridis');
  });
});

describe('the theme of a figure', () => {
  test('light: white paper, the page ink, colours as built', () => {
    const built = lossFigure();
    const { data, layout } = applyTheme(built, LIGHT);
    expect([layout.paper_bgcolor, layout.plot_bgcolor, layout.font?.color]).toEqual([PAPER.light, PAPER.light, INK.text]);
    expect(data.map((d) => loose(d).line?.color)).toEqual(built.data.map((d) => loose(d).line?.color));
    expect(loose(layout.xaxis).gridcolor).toBe('#E5E5E5');
    // Nothing is resized outside presentation mode.
    expect(layout.font?.size).toBe(14);
    expect(loose(data[0]).line.width).toBe(2);
  });

  test('dark: dark paper, light ink, every run and ink colour its twin, wherever it is', () => {
    const { data, layout } = applyTheme(lossFigure(), DARK);
    expect([layout.paper_bgcolor, layout.plot_bgcolor, layout.font?.color]).toEqual(['#121212', '#121212', INK_DARK.text]);
    expect(data.map((d) => loose(d).line?.color)).toEqual([PALETTE_DARK[0], PALETTE_DARK[6], PALETTE_DARK[7], PALETTE_DARK[7]]);
    expect(loose(layout.shapes![0]).line.color).toBe(INK_DARK.rule);
    expect(loose(layout.annotations![0]).font.color).toBe(INK_DARK.muted);
    expect([loose(layout.xaxis).gridcolor, loose(layout.yaxis).zerolinecolor]).toEqual(['#2E2E2E', '#8A8A8A']);
    // The layout as built is untouched (the builder's objects are shared across redraws).
    expect(loose(lossFigure().data[0]).line.color).toBe(PALETTE[0]);
  });

  test('dark: a fill keeps its alpha; a legend over the plot gets a dark background', () => {
    const sweep = accuracyFigure([{ mode: 'prune', p: 0.5, repeat: 0, train: 0.9, test: 0.8 }] as never, [{ mode: 'prune' as never, label: 'prune' }], 'test');
    const { data, layout } = applyTheme(sweep, DARK);
    expect(loose(data[1]).fillcolor).toBe('rgba(0, 114, 178, 0.2)');
    expect(layout.legend?.bgcolor).toBe('rgba(18, 18, 18, 0.8)');
    const fit = applyTheme(curveFigure({ x: [1, 2], y: [1, 2], xTitle: 'x', yTitle: 'y', band: null }), DARK);
    expect(loose(fit.data[0]).marker.color).toBe(INK_DARK.text);
  });

  test('the colour bar\'s heatmap is kept as the same object, and marks on the surface keep their colours', () => {
    const surface = { x: Float64Array.from([0, 1]), y: Float64Array.from([0, 1]), z: Float64Array.from([1, 2, 3, 4]) };
    const built = contourFigure([{ runId: 'r', label: 'R', color: PALETTE[6], length: 1, params: Float64Array.from([0.5, 0.5]) }], {
      surface, surfaceImage: { source: 'data:,', zmin: 0, zmax: 0.6 }, paramNames: ['a', 'b'], start: [0, 0], minima: [[1, 1]], xRange: [0, 1], yRange: [0, 1],
    });
    const { data } = applyTheme(built, { dark: true, presenting: true });
    expect(data[0]).toBe(built.data[0]);
    expect(loose(data[1]).line.color).toBe(PALETTE[6]);
    const star = data.find((d) => loose(d).meta?.role === 'solution');
    expect(loose(star).marker).toMatchObject({ color: INK.paper, line: { color: INK.strong } });
    // Without a surface the marks are on the page, and take the theme's colours.
    const bare = applyTheme(contourFigure([], { surface: null, paramNames: ['a', 'b'], start: [0, 0], xRange: [0, 1], yRange: [0, 1] }), DARK);
    expect(loose(bare.data.find((d) => loose(d).meta?.role === 'start')).marker.color).toBe(INK_DARK.strong);
  });

  test('presenting: fonts at least 18 px and drawn lines at least 2.5 px; invisible lines stay invisible', () => {
    const band: Data = { type: 'scatter', mode: 'lines', x: [0], y: [0], line: { width: 0 } };
    const bare: Data = { type: 'scatter', mode: 'lines', x: [0], y: [0] };
    const markers: Data = { type: 'scatter', mode: 'markers', x: [0], y: [0], marker: { size: 6 } };
    const built = lossFigure();
    const { data, layout } = applyTheme({ data: [...built.data, band, bare, markers], layout: built.layout }, PRESENT);
    expect(data.map((d) => loose(d).line?.width)).toEqual([2.5, 2.5, 2.5, 2.5, 0, 2.5, undefined]);
    expect(layout.font?.size).toBe(18);
    expect(layout.legend?.font?.size).toBe(18);
    expect(loose(layout.annotations![0]).font.size).toBe(18);
    expect(loose(layout.hoverlabel).font.size).toBe(18);
    expect(loose(layout.shapes![0]).line.width).toBe(2.5);
    // A larger font is kept.
    expect(applyTheme({ data: [], layout: { font: { size: 24 } } }, PRESENT).layout.font?.size).toBe(24);
  });

  test('every axis is themed, a second subplot\'s included', () => {
    const f: Figure = { data: [], layout: { xaxis2: { title: { text: 'x' } }, yaxis2: {} } };
    const { layout } = applyTheme(f, DARK);
    for (const k of ['xaxis', 'yaxis', 'xaxis2', 'yaxis2']) expect(loose(layout)[k].gridcolor).toBe('#2E2E2E');
    // Tick labels level (Plotly measures every label to pick an 'auto' angle), unless a builder set one.
    for (const k of ['xaxis', 'yaxis', 'xaxis2', 'yaxis2']) expect(loose(layout)[k].tickangle).toBe(0);
    expect(loose(applyTheme({ data: [], layout: { xaxis: { tickangle: -45 } } }, DARK).layout).xaxis.tickangle).toBe(-45);
  });
});

describe('drawing rules', () => {
  test('redraw pacing: the last round\'s cost again, within 30 to 200 ms', () => {
    expect([0, 20, 50, 75, 100, 400, 4000].map(redrawPause)).toEqual([30, 30, 50, 75, 100, 200, 200]);
  });

  test('height: the legend\'s room is added (capped at the figure\'s own), and a quarter more when presenting', () => {
    expect(figureHeight(360, false)).toBe(360);
    expect(figureHeight(360, false, 87.2)).toBe(448);
    expect(figureHeight(360, false, 1000)).toBe(720);
    expect(figureHeight(360, true)).toBe(450);
    expect(figureHeight(360, true, 40)).toBe(490);
  });

  test('fit to the runs: each axis\'s uirevision changes with the count of fits, keeping its own', () => {
    const { layout } = semilogFigure([run('a', PALETTE[0], [1, 0.1])], { yTitle: 'loss', logX: true });
    const once = withFitRevision({ data: [], layout }, 1).layout;
    const twice = withFitRevision({ data: [], layout }, 2).layout;
    expect([loose(once.xaxis).uirevision, loose(once.yaxis).uirevision]).toEqual(['step-log/fit 1', 'keep/fit 1']);
    expect(loose(twice.xaxis).uirevision).toBe('step-log/fit 2');
    // The rest of the layout (the legend's hidden runs live in layout.uirevision) is as built.
    expect(once.uirevision).toBe('keep');
    expect(loose(once.xaxis).range).toEqual(loose(layout.xaxis).range);
  });
});
