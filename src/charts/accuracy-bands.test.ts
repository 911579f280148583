import { describe, expect, test } from 'vitest';
import type { SweepResult } from '../catalog';
import { accuracyByP, accuracyFigure } from './accuracy-bands';

const r = (mode: SweepResult['mode'], p: number, repeat: number, test: number): SweepResult => ({ mode, p, repeat, train: test + 0.01, test });

describe('accuracy bands', () => {
  test('mean, lowest and highest per p, sorted by p, from results in any order', () => {
    const results = [r('minimal', 0.9, 0, 0.8), r('random', 0.9, 0, 0.7), r('minimal', 0, 0, 0.97), r('minimal', 0.9, 1, 0.84)];
    const points = accuracyByP(results, 'minimal', 'test');
    expect(points.map(({ p, min, max, count }) => [p, min, max, count])).toEqual([
      [0, 0.97, 0.97, 1],
      [0.9, 0.8, 0.84, 2],
    ]);
    expect(points[1].mean).toBeCloseTo(0.82, 12);
    expect(accuracyByP(results, 'minimal', 'train')[1].mean).toBeCloseTo(0.83, 12);
  });

  test('three traces per mode (band top, band bottom filled to it, mean line); only the mean is in the legend', () => {
    const fig = accuracyFigure([r('H', 0.5, 0, 0.9)], [{ mode: 'H', label: 'disable smallest |H g|' }, { mode: 'random', label: 'disable at random' }], 'test');
    expect(fig.data).toHaveLength(6);
    const [top, bottom, mean] = fig.data as { fill?: string; showlegend?: boolean; name?: string; y: number[] }[];
    expect([top.showlegend, bottom.fill, mean.name]).toEqual([false, 'tonexty', 'disable smallest |H g|']);
    expect(mean.y).toEqual([0.9]);
  });
});
