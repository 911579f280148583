/** What the fit lab shows of a run: which runs have a report, which opens first, where the curve is drawn, and each observation's residual. */
import { describe, expect, test } from 'vitest';
import type { FitDefinition, StopReason } from '../catalog';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import type { RunView } from '../state/runs-store';
import { appendBatch, emptySeries } from '../state/series';
import { BAND_POINTS, curveGrid, defaultReportRun, reportable, residualsAt } from './fit-view';

const definition: FitDefinition = { problem: 'fit', model: 'log(y) = a + b*x', data: { names: ['x', 'y', 's'], columns: [[3, 1, 2], [2, 5, 9], [0.5, 2, 4]] }, sigma: 's' };

/** A run of `optimizer` in `precision`, stopped for `reason`, whose one step ends at loss and params. */
function run(optimizer: 'lm' | 'adam', precision: 'float32' | 'float64', reason: StopReason | null, loss: number, params = [1, 2]): RunView {
  const series = emptySeries(2);
  const columns = Object.fromEntries(COLUMN_NAMES.map((c) => [c, Float64Array.of(c === 'loss' ? loss : 0)])) as unknown as StepColumns;
  columns.params = Float64Array.from(params);
  appendBatch(series, columns);
  return { runId: `${optimizer}-${precision}`, index: 0, optimizer, label: optimizer, precision, hp: {}, maxSteps: 10, definition, status: reason ? 'stopped' : 'running', stop: reason ? { reason, message: '' } : null, series };
}

describe('fit view', () => {
  test('residuals are w (g(y) - f(x; b)), as the fit squares them, in float64', () => {
    const [a, b] = [0.25, 0.7];
    const r = residualsAt(definition, [a, b])!;
    definition.data.columns[0].forEach((x, i) => {
      const y = definition.data.columns[1][i];
      const s = definition.data.columns[2][i];
      expect(r.target[i]).toBe(Math.log(y));
      expect(r.fitted[i]).toBeCloseTo(a + b * x, 15);
      expect(r.residuals[i]).toBeCloseTo((Math.log(y) - (a + b * x)) / s, 15);
    });
  });

  test('the curve is drawn over the one predictor’s range; with two predictors there is no curve', () => {
    const grid = curveGrid(definition)!;
    expect(grid.name).toBe('x');
    expect(grid.values).toEqual([3, 1, 2]);
    expect(grid.grid).toHaveLength(BAND_POINTS);
    expect([grid.grid[0], grid.grid[BAND_POINTS - 1]]).toEqual([1, 3]);
    expect(curveGrid({ ...definition, model: 'y = a*x + b*s' })).toBeNull();
    expect(curveGrid({ ...definition, data: { ...definition.data, columns: [[2, 2, 2], ...definition.data.columns.slice(1)] } })!.grid).toEqual([2]);
  });

  test('a report is made for stopped runs with numbers for parameters, not for a failure of the machine or a divergence', () => {
    expect(reportable(run('lm', 'float64', 'converged', 1))).toBe(true);
    expect(reportable(run('lm', 'float64', 'cancelled', 1))).toBe(true);
    expect(reportable(run('lm', 'float64', null, 1))).toBe(false);
    for (const reason of ['diverged', 'error', 'engine-lost', 'context-lost'] as const) expect(reportable(run('lm', 'float64', reason, 1)), reason).toBe(false);
    expect(reportable(run('lm', 'float64', 'max-steps', 1, [1, NaN]))).toBe(false);
  });

  test("the report opens on Levenberg-Marquardt's float64 run, else on the lowest loss", () => {
    const runs = [run('adam', 'float64', 'max-steps', 0.5), run('lm', 'float32', 'converged', 0.9), run('lm', 'float64', 'converged', 0.7)];
    expect(defaultReportRun(runs)?.runId).toBe('lm-float64');
    expect(defaultReportRun(runs.slice(0, 2))?.runId).toBe('adam-float64');
    expect(defaultReportRun([run('lm', 'float64', 'diverged', 0)])).toBeUndefined();
  });
});
