/** The live charts of a cell: runs from the store turned into chart-builder inputs. */
import { useCallback } from 'react';
import type { ProblemInfo } from '../catalog';
import { contourFigure } from '../charts/contour';
import { runColor } from '../charts/palette';
import { COST_WEIGHTS, defaultLogX, semilogFigure, stepBudget, type Floor, type LineRun, type XAxis } from '../charts/semilog';
import { useExperiment } from '../state/experiment-store';
import { useRuns, type RunView } from '../state/runs-store';
import type { ColumnName, Series } from '../state/series';
import { PlotlyFigure } from './plotly-figure';
import { surfaceImage } from './surface-image';

/** The x of every step of a run for the chosen axis. */
function xColumn(s: Series, axis: XAxis): ArrayLike<number> {
  if (axis === 'step') return s.columns.step;
  if (axis === 'time') return s.columns.elapsedMs;
  const { evalsF, evalsGrad, evalsHvp, evalsJac } = s.columns;
  return Float64Array.from({ length: s.length }, (_, i) =>
    COST_WEIGHTS.f * evalsF[i] + COST_WEIGHTS.grad * evalsGrad[i] + COST_WEIGHTS.hvp * evalsHvp[i] + COST_WEIGHTS.jac * evalsJac[i],
  );
}

const lineRun = (r: RunView, column: ColumnName, axis: XAxis, validation: boolean): LineRun => ({
  runId: r.runId,
  label: r.label,
  color: runColor(r.index),
  length: r.series.length,
  step: xColumn(r.series, axis),
  values: r.series.columns[column],
  validation: validation ? r.series.columns.validation : undefined,
  stopReason: r.stop?.reason ?? null,
  dashed: r.precision === 'float64',
  precision: r.precision,
});

interface LineProps {
  chart: string;
  title: string;
  column: ColumnName;
  yTitle: string;
  floors?: Floor[];
  /** Only runs whose optimizer has this column (mu). */
  only?: (r: RunView) => boolean;
  xAxis?: XAxis;
  /** Draw each run's validation loss dashed beside it. */
  validation?: boolean;
  linear?: boolean;
  /** A log x-axis; without it, the default for the experiment's step budget (defaultLogX). */
  logX?: boolean;
}

export function LineChart({ chart, title, column, yTitle, floors, only, xAxis = 'step', validation = false, linear = false, logX }: LineProps) {
  const version = useRuns((s) => s.version);
  const budget = useExperiment((s) => stepBudget(s.experiment));
  const log = logX ?? defaultLogX(budget);
  const build = useCallback(() => {
    const runs = useRuns.getState().runs.filter(only ?? (() => true));
    return semilogFigure(runs.map((r) => lineRun(r, column, xAxis, validation)), { yTitle, floors, xAxis, linear, logX: log, xBudget: xAxis === 'step' ? budget : undefined });
  }, [column, yTitle, floors, only, xAxis, validation, linear, log, budget]);
  return <PlotlyFigure chart={chart} title={title} build={build} version={version} />;
}

interface ContourProps {
  problem: ProblemInfo;
  start: number[];
  xRange: [number, number];
  yRange: [number, number];
  /** Called with the parameters under a click on the plot area. */
  onPick?: (x: number, y: number) => void;
  /** The minima to mark, when not the problem's own solution (a formula's). */
  minima?: number[][];
}

export function ContourChart({ problem, start, xRange, yRange, onPick, minima }: ContourProps) {
  const version = useRuns((s) => s.version);
  const surface = useRuns((s) => s.surface);
  const build = useCallback(
    () =>
      contourFigure(
        useRuns.getState().runs.map((r) => ({
          runId: r.runId,
          label: r.label,
          color: runColor(r.index),
          length: r.series.length,
          params: r.series.params,
          dashed: r.precision === 'float64',
          precision: r.precision,
        })),
        { surface, surfaceImage: surface && surfaceImage(surface), paramNames: [problem.paramNames[0], problem.paramNames[1]], start, minima: minima ?? (problem.solution ? [problem.solution] : undefined), xRange, yRange },
      ),
    [surface, problem, start, xRange, yRange, minima],
  );
  return (
    <PlotlyFigure
      chart="contour"
      title={`log10 of the loss over (${problem.paramNames.join(', ')}), with every path`}
      build={build}
      version={version}
      height={440}
      onPlotClick={onPick}
    />
  );
}
