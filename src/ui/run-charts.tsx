/** The live charts of a cell: runs from the store turned into chart-builder inputs. */
import { useCallback } from 'react';
import { OPTIMIZERS, type ProblemInfo } from '../catalog';
import { contourFigure } from '../charts/contour';
import { runColor } from '../charts/palette';
import { semilogFigure, type LineRun } from '../charts/semilog';
import { useRuns, type RunView } from '../state/runs-store';
import type { ColumnName } from '../state/series';
import { PlotlyFigure } from './plotly-figure';

const lineRun = (r: RunView, column: ColumnName): LineRun => ({
  runId: r.runId,
  label: OPTIMIZERS[r.optimizer].label,
  color: runColor(r.index),
  length: r.series.length,
  step: r.series.columns.step,
  values: r.series.columns[column],
  stopReason: r.stop?.reason ?? null,
});

interface LineProps {
  chart: string;
  title: string;
  column: ColumnName;
  yTitle: string;
  floor?: { y: number; label: string };
  /** Only runs whose optimizer has this column (mu). */
  only?: (r: RunView) => boolean;
}

export function LineChart({ chart, title, column, yTitle, floor, only }: LineProps) {
  const version = useRuns((s) => s.version);
  const build = useCallback(() => {
    const runs = useRuns.getState().runs.filter(only ?? (() => true));
    return semilogFigure(runs.map((r) => lineRun(r, column)), { yTitle, floor });
  }, [column, yTitle, floor, only]);
  return <PlotlyFigure chart={chart} title={title} build={build} version={version} />;
}

interface ContourProps {
  problem: ProblemInfo;
  start: number[];
  xRange: [number, number];
  yRange: [number, number];
}

export function ContourChart({ problem, start, xRange, yRange }: ContourProps) {
  const version = useRuns((s) => s.version);
  const surface = useRuns((s) => s.surface);
  const build = useCallback(
    () =>
      contourFigure(
        useRuns.getState().runs.map((r) => ({
          runId: r.runId,
          label: OPTIMIZERS[r.optimizer].label,
          color: runColor(r.index),
          length: r.series.length,
          params: r.series.params,
        })),
        { surface, paramNames: [problem.paramNames[0], problem.paramNames[1]], start, solution: problem.solution, xRange, yRange },
      ),
    [surface, problem, start, xRange, yRange],
  );
  return <PlotlyFigure chart="contour" title={`log10 of the loss over (${problem.paramNames.join(', ')}), with every path`} build={build} version={version} height={440} />;
}
