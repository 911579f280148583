/**
 * The live cells of a chapter whose parameters are a net's weights: settings with the data seed,
 * training and validation loss, gradient norm, mu and rejected trials per step, results and log.
 */
import { useMemo, useState } from 'react';
import { EXPERIMENT_FIELDS, OPTIMIZERS, PROBLEMS, triesSteps, type ProblemId } from '../catalog';
import type { XAxis } from '../charts/semilog';
import { useExperiment } from '../state/experiment-store';
import type { RunView } from '../state/runs-store';
import { Cell } from './cell';
import { CurvaturePanel } from './curvature-panel';
import { ExperimentControls } from './experiment-controls';
import { Lab } from './lab';
import { LogPanel } from './log-panel';
import { NumberField } from './number-field';
import { FloorNote } from './precision-control';
import { precisionFloors } from './precision-floors';
import { PredictionView } from './prediction';
import { ResultsTable } from './results-table';
import { RunControls } from './run-controls';
import { LineChart } from './run-charts';
import { useValidity } from './use-validity';
import { stepBudget, useLogX, XAxisSwitch } from './x-axis-switch';

const hasMu = (r: RunView) => OPTIMIZERS[r.optimizer].hasMu;
const hasTrials = (r: RunView) => triesSteps(r.optimizer);

export function NetLab({ problem: id }: { problem: ProblemId }) {
  const problem = PROBLEMS[id];
  const experiment = useExperiment((s) => s.experiment);
  const { setSeed } = useExperiment.getState();
  const { report, blocked } = useValidity();
  const [xAxis, setXAxis] = useState<XAxis>('step');
  const [logX, setLogX] = useLogX(stepBudget(experiment));
  const anyMu = experiment.runs.some((r) => OPTIMIZERS[r.optimizer].hasMu);
  const anyTrials = experiment.runs.some((r) => triesSteps(r.optimizer));
  const floors = useMemo(() => precisionFloors(problem, experiment.precision, experiment.seed), [problem, experiment.precision, experiment.seed]);

  return (
    <>
      <Lab
        bar={<RunControls experiment={experiment} blocked={blocked} />}
        controls={
          <ExperimentControls
            title="Experiment"
            problem={id}
            report={report}
            fields={<NumberField name="Data seed" spec={EXPERIMENT_FIELDS.seed} value={experiment.seed} onCommit={setSeed} onValidity={report('Data seed')} />}
          />
        }
        charts={
          <Cell title="Training">
            <XAxisSwitch value={xAxis} onChange={setXAxis} logX={logX} onLogX={setLogX} />
            <div className="charts">
              <LineChart
                chart="loss"
                title={problem.validation ? 'Training loss and validation loss (dotted), log scale' : 'Loss (log scale)'}
                column="loss"
                yTitle="loss"
                xAxis={xAxis}
                logX={logX}
                validation={problem.validation}
                floors={floors}
              />
              <LineChart chart="grad" title="Gradient norm (log scale)" column="gradNorm" yTitle="‖∇L‖" xAxis={xAxis} logX={logX} />
              {anyMu && <LineChart chart="mu" title="Levenberg-Marquardt damping μ (log scale)" column="mu" yTitle="μ" only={hasMu} xAxis={xAxis} logX={logX} />}
              {anyTrials && <LineChart chart="rejected" title="Rejected trials per step (LM's damping, a line search's)" column="rejected" yTitle="rejected" only={hasTrials} xAxis={xAxis} logX={logX} linear />}
            </div>
            <FloorNote problem={problem} precision={experiment.precision} seed={experiment.seed} />
          </Cell>
        }
      />

      {problem.predictsSurface && (
        <Cell title="What the net learned">
          <PredictionView />
        </Cell>
      )}

      <Cell title="Curvature where a run has got to">
        <CurvaturePanel problem={id} />
      </Cell>

      <Cell title="Results and log">
        <ResultsTable paramNames={problem.paramNames} validation={problem.validation} />
        <LogPanel />
      </Cell>
    </>
  );
}
