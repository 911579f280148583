/**
 * The live cells of a two-parameter chapter: settings, the contour with every path (click it to
 * restart every run from that point), semilog loss / gradient norm / mu with a switchable x-axis,
 * the results table and the seed-style log.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ESTIMATE_CHECK_MAX, EXPERIMENT_FIELDS, OPTIMIZERS, PROBLEMS, triesSteps, type Capability, type ProblemId } from '../catalog';
import type { XAxis } from '../charts/semilog';
import { useExperiment } from '../state/experiment-store';
import { useRuns, type RunView } from '../state/runs-store';
import { Cell } from './cell';
import { CurvaturePanel } from './curvature-panel';
import { ExperimentControls } from './experiment-controls';
import { Lab } from './lab';
import { LogPanel } from './log-panel';
import { NumberField } from './number-field';
import { FloorNote } from './precision-control';
import { precisionFloors } from './precision-floors';
import { ResultsTable } from './results-table';
import { RunControls } from './run-controls';
import { ContourChart, LineChart } from './run-charts';
import { useValidity } from './use-validity';
import { stepBudget, useLogX, XAxisSwitch } from './x-axis-switch';

interface Props {
  problem: ProblemId;
  xRange: [number, number];
  yRange: [number, number];
  /** For a problem the reader types: its minima, what it provides, and its field (first in the cell; an invalid one blocks the runs). */
  minima?: number[][];
  provides?: Capability[];
  field?: (report: (key: string) => (valid: boolean) => void) => ReactNode;
}

const hasMu = (r: RunView) => OPTIMIZERS[r.optimizer].hasMu;
const isBfgs = (r: RunView) => r.optimizer === 'bfgs';
const hasTrials = (r: RunView) => triesSteps(r.optimizer);

export function TwoParameterLab({ problem: id, xRange, yRange, minima, provides, field }: Props) {
  const problem = PROBLEMS[id];
  const experiment = useExperiment((s) => s.experiment);
  // The estimate is compared where a dense Hessian every step is affordable.
  // LM's rejections show in its mu; the chart of trials appears once a line search runs.
  const anyLineSearch = experiment.runs.some((r) => r.optimizer === 'bfgs' || r.optimizer === 'lbfgs');
  const anyBfgs = experiment.runs.some((r) => r.optimizer === 'bfgs') && PROBLEMS[experiment.problem].dim <= ESTIMATE_CHECK_MAX;
  const { setStart } = useExperiment.getState();
  const { report, blocked } = useValidity();
  const [xAxis, setXAxis] = useState<XAxis>('step');
  const [logX, setLogX] = useLogX(stepBudget(experiment));
  const floors = useMemo(() => precisionFloors(problem, experiment.precision, experiment.seed), [problem, experiment.precision, experiment.seed]);

  useEffect(() => {
    useRuns.getState().requestSurface(experiment, xRange, yRange);
    // The surface depends only on the problem (and its formula) and the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [experiment.problem, experiment.formula, xRange, yRange]);

  /** A click on the contour moves the start there and restarts every selected run from it. */
  const restartFrom = useCallback(
    (x: number, y: number) => {
      if (blocked) return;
      const round = (v: number) => Number(v.toPrecision(4));
      useExperiment.getState().setStart(0, round(x));
      useExperiment.getState().setStart(1, round(y));
      useRuns.getState().runAll(useExperiment.getState().experiment);
    },
    [blocked],
  );

  return (
    <>
      {field && <Cell title="Your function">{field(report)}</Cell>}
      <Lab
        bar={<RunControls experiment={experiment} blocked={blocked} />}
        controls={
          <ExperimentControls
            title="Experiment"
            problem={id}
            provides={provides}
            report={report}
            fields={problem.paramNames.map((p, i) => (
              <NumberField
                key={p}
                name={`Start ${p}`}
                spec={{ ...EXPERIMENT_FIELDS.start, label: `Start ${p}`, tex: `${p}_0` }}
                value={experiment.start[i]}
                onCommit={(v) => setStart(i, v)}
                onValidity={report(`Start ${p}`)}
              />
            ))}
          />
        }
        charts={
          <Cell title="Paths and losses">
            <XAxisSwitch value={xAxis} onChange={setXAxis} logX={logX} onLogX={setLogX} />
            <p className="hint">Click anywhere on the contour to restart every run from that point.</p>
            <div className="charts">
              <ContourChart problem={problem} start={experiment.start} xRange={xRange} yRange={yRange} onPick={restartFrom} minima={minima} />
              <LineChart chart="loss" title="Loss (log scale)" column="loss" yTitle="loss" floors={floors} xAxis={xAxis} logX={logX} />
              <LineChart chart="grad" title="Gradient norm (log scale)" column="gradNorm" yTitle="‖∇L‖" xAxis={xAxis} logX={logX} />
              <LineChart chart="mu" title="Levenberg-Marquardt damping μ (log scale)" column="mu" yTitle="μ" only={hasMu} xAxis={xAxis} logX={logX} />
              {anyLineSearch && <LineChart chart="rejected" title="Rejected trials per step (LM's damping, a line search's)" column="rejected" yTitle="rejected" only={hasTrials} xAxis={xAxis} logX={logX} linear />}
              {anyBfgs && <LineChart chart="inverse-hessian" title="BFGS's H⁻¹ estimate: relative distance to the true H⁻¹ (log scale)" column="inverseHessianError" yTitle="‖B − H⁻¹‖ / ‖H⁻¹‖" only={isBfgs} xAxis={xAxis} logX={logX} />}
            </div>
            <FloorNote problem={problem} precision={experiment.precision} seed={experiment.seed} />
            <p className="aside">A triangle at the bottom of a chart marks a value that is exactly 0; an × marks where a diverged run left the chart.</p>
          </Cell>
        }
      />

      <Cell title="Curvature where a run has got to">
        <CurvaturePanel problem={problem.id} />
      </Cell>

      <Cell title="Results and log">
        <ResultsTable paramNames={problem.paramNames} />
        <LogPanel />
      </Cell>
    </>
  );
}
