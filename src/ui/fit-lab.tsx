/**
 * Chapter 8's lab: the data and model, the optimizers racing on the least-squares fit (loss,
 * gradient norm and mu per step, the results table and log), and the fit: its charts and report,
 * of the run the reader picks (Levenberg-Marquardt in float64 by default).
 */
import { useEffect, useMemo, useState } from 'react';
import { OPTIMIZERS, STOP_LABELS, certifiedFor, fitDefinition, type FitReport, type RunPrecision } from '../catalog';
import type { XAxis } from '../charts/semilog';
import { useExperiment } from '../state/experiment-store';
import { useFitReports } from '../state/fit-report-store';
import { MAX_LINK_NUMBERS, tableNumbers } from '../state/link-codec';
import { useRuns, type RunView } from '../state/runs-store';
import { last, lastParams } from '../state/series';
import { Cell } from './cell';
import { CurvaturePanel } from './curvature-panel';
import { ExperimentControls } from './experiment-controls';
import { FitCharts } from './fit-charts';
import { FitFields, parametersOf } from './fit-fields';
import { FitReportView, type Certification } from './fit-report-view';
import { curveGrid, defaultReportRun, reportable } from './fit-view';
import { Lab } from './lab';
import { LogPanel } from './log-panel';
import { ResultsTable } from './results-table';
import { RunControls } from './run-controls';
import { LineChart } from './run-charts';
import { useValidity } from './use-validity';
import { stepBudget, useLogX, XAxisSwitch } from './x-axis-switch';

const hasMu = (r: RunView) => OPTIMIZERS[r.optimizer].hasMu;

export function FitLab() {
  const experiment = useExperiment((s) => s.experiment);
  const { report, blocked } = useValidity();
  const runs = useRuns((s) => s.runs);
  const version = useRuns((s) => s.version);
  const reports = useFitReports((s) => s.reports);
  const [chosen, setChosen] = useState<string | null>(null);
  const [xAxis, setXAxis] = useState<XAxis>('step');
  const [logX, setLogX] = useLogX(stepBudget(experiment));
  const fit = experiment.fit;

  // Each run that has finished gets its report, in float64 in the worker, at its last parameters.
  useEffect(() => {
    for (const r of runs.filter(reportable)) useFitReports.getState().request(r.runId, r.definition, Array.from(lastParams(r.series)), () => curveGrid(r.definition)?.grid);
  }, [runs, version]);

  const candidates = runs.filter(reportable);
  const selected = candidates.find((r) => r.runId === chosen) ?? defaultReportRun(runs);
  const held = selected ? reports[selected.runId] : undefined;
  const certification = useMemo<Certification | null>(() => {
    const nist = selected?.definition?.problem === 'fit' ? certifiedFor(selected.definition) : undefined;
    if (!selected || !nist) return null;
    const byPrecision: Partial<Record<RunPrecision, FitReport>> = {};
    for (const r of runs) {
      const rep = reports[r.runId]?.report;
      if (r.index === selected.index && reportable(r) && rep) byPrecision[r.precision] = rep;
    }
    return { nist, byPrecision };
  }, [selected, runs, reports]);

  if (!fit) return null;
  const definition = selected?.definition?.problem === 'fit' ? selected.definition : fitDefinition(fit);
  const title = selected ? `${selected.label}${selected.precision === 'float32' ? ' · float32' : ''}: ${STOP_LABELS[selected.stop?.reason ?? 'cancelled']} at step ${last(selected.series, 'step')}` : '';

  return (
    <>
      <Cell title="Data and model">
        <FitFields report={report} />
      </Cell>

      <Lab
        bar={<RunControls experiment={experiment} blocked={blocked} />}
        controls={
          <ExperimentControls
            title="Optimizers"
            problem="fit"
            report={report}
            linkLeavesOut={tableNumbers(experiment) > MAX_LINK_NUMBERS ? `the table (${tableNumbers(experiment).toLocaleString('en-US')} numbers; a link carries at most ${MAX_LINK_NUMBERS.toLocaleString('en-US')})` : null}
          />
        }
        charts={
          <Cell title="The race">
            <XAxisSwitch value={xAxis} onChange={setXAxis} logX={logX} onLogX={setLogX} />
            <div className="charts">
              <LineChart chart="loss" title="Residual sum of squares (log scale)" column="loss" yTitle="RSS" xAxis={xAxis} logX={logX} />
              <LineChart chart="grad" title="Gradient norm (log scale)" column="gradNorm" yTitle="‖∇RSS‖" xAxis={xAxis} logX={logX} />
              <LineChart chart="mu" title="Levenberg-Marquardt damping μ (log scale)" column="mu" yTitle="μ" only={hasMu} xAxis={xAxis} logX={logX} />
            </div>
            <p className="aside">With compare, each run is drawn twice: float32 solid, float64 dashed. A triangle at the bottom marks a value that is exactly 0; an × marks where a diverged run left the chart.</p>
          </Cell>
        }
      />

      <Cell title="The fit">
        {candidates.length > 1 && (
          <label className="report-choice">
            Report of{' '}
            <select aria-label="Report of" value={selected?.runId ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {candidates.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.label}
                  {r.precision === 'float32' && experiment.precision === 'compare' ? ' · float32' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <FitCharts definition={definition} params={held?.report ? held.params : null} band={held?.band ?? null} />
        {!selected && <p className="empty">Run the optimizers: once one finishes, its fit is drawn and reported here.</p>}
        {held?.pending && <p className="hint" role="status">Computing the report…</p>}
        {held?.error && <p className="field-error" role="alert">No report: {held.error}</p>}
        {held?.report && selected && <FitReportView report={held.report} model={definition.model} title={title} certification={certification} />}
      </Cell>

      <Cell title="Curvature where a run has got to">
        <CurvaturePanel problem={'fit'} kinds={['spectrum']} />
      </Cell>

      <Cell title="Results and log">
        <ResultsTable paramNames={parametersOf(fit)} />
        <LogPanel />
      </Cell>
    </>
  );
}
