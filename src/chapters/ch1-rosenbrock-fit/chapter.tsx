/**
 * Chapter 1: fitting Rosenbrock's (a, b) to nine samples, after seed 000. Five optimizers race from
 * (5, 5); the page shows their paths on the loss contour, the loss, gradient norm and mu per step,
 * a results table and the seed-style log.
 */
import { useEffect } from 'react';
import { EXPERIMENT_FIELDS, OPTIMIZERS, PROBLEMS } from '../../catalog';
import { BackendStatus } from '../../ui/backend-status';
import { Cell } from '../../ui/cell';
import { LogPanel } from '../../ui/log-panel';
import { TeX } from '../../ui/math';
import { NumberField } from '../../ui/number-field';
import { OptimizerSettings } from '../../ui/optimizer-settings';
import { ResultsTable } from '../../ui/results-table';
import { RunControls } from '../../ui/run-controls';
import { ContourChart, LineChart } from '../../ui/run-charts';
import { useValidity } from '../../ui/use-validity';
import { useExperiment } from '../../state/experiment-store';
import { useRuns, type RunView } from '../../state/runs-store';

const problem = PROBLEMS['rosenbrock-fit'];
const floor = problem.float32Floor!;
const X_RANGE: [number, number] = [-1, 8];
const Y_RANGE: [number, number] = [-1, 8];
const FLOOR_LINE = { y: floor.loss, label: `float32 floor ${floor.loss.toExponential(0)}` };
const hasMu = (r: RunView) => OPTIMIZERS[r.optimizer].hasMu;

export function RosenbrockFitChapter() {
  const experiment = useExperiment((s) => s.experiment);
  const { setMaxSteps, setTargetLoss, setStart } = useExperiment.getState();
  const { report, blocked } = useValidity();

  useEffect(() => {
    useRuns.getState().requestSurface(experiment, X_RANGE, Y_RANGE);
    // The surface depends only on the problem.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [experiment.problem]);

  return (
    <article className="chapter" id="ch1">
      <h2>1. Fitting Rosenbrock's parameters</h2>
      <p>
        Rosenbrock&rsquo;s function has two parameters. We sample it at the nine grid points{' '}
        <TeX tex="(x, y) \in \{-2, 0, 2\}^2" /> with the true values <TeX tex="a = b = 2.5" />, forget them, and ask each
        optimizer to recover them from the guess <TeX tex="(a, b) = (5, 5)" />:
      </p>
      <TeX block tex="z = (a - x)^2 + b\,(y - x^2)^2, \qquad r_i = z_i - \hat z_i(a, b), \qquad L(a, b) = \frac{1}{9}\sum_{i=1}^{9} r_i^2" />
      <p>
        Each method below turns the same derivatives into a step. First-order methods use only the gradient{' '}
        <TeX tex="\nabla L" />; Newton uses the exact Hessian <TeX tex="H" />; Gauss-Newton and Levenberg-Marquardt use the residual
        Jacobian <TeX tex="J = \partial r / \partial p" /> and approximate <TeX tex="H \approx \tfrac{2}{9} J^\top J" />.
        Levenberg-Marquardt adds <TeX tex="\mu I" /> and adapts <TeX tex="\mu" />: a trial that raises the loss is rejected and{' '}
        <TeX tex="\mu" /> grows tenfold; an accepted one divides it by ten.
      </p>
      <p className="aside">
        Everything runs in your browser, in a Web Worker, with TensorFlow.js in float32. Gradient descent therefore stops near{' '}
        <TeX tex="9 \times 10^{-10}" />, short of the <TeX tex="10^{-10}" /> target the float64 original reached at step 582: once{' '}
        <TeX tex="\eta\,\lVert\nabla L\rVert" /> falls below half the gap between float32 numbers near 2.5 (about{' '}
        <TeX tex="1.2 \times 10^{-7}" />), <TeX tex="p - \eta \nabla L" /> rounds back to <TeX tex="p" /> and the run is marked stalled.
      </p>

      <Cell title="Experiment">
        <div className="settings">
          {experiment.runs.map((run, i) => (
            <OptimizerSettings key={run.optimizer} index={i} run={run} report={report} />
          ))}
        </div>
        <div className="experiment-fields">
          <NumberField name="Max steps" spec={EXPERIMENT_FIELDS.maxSteps} value={experiment.maxSteps} onCommit={setMaxSteps} onValidity={report('Max steps')} />
          <NumberField name="Target loss" spec={EXPERIMENT_FIELDS.targetLoss} value={experiment.targetLoss} onCommit={setTargetLoss} onValidity={report('Target loss')} />
          {problem.paramNames.map((p, i) => (
            <NumberField
              key={p}
              name={`Start ${p}`}
              spec={{ ...EXPERIMENT_FIELDS.start, label: `Start ${p}`, tex: `${p}_0` }}
              value={experiment.start[i]}
              onCommit={(v) => setStart(i, v)}
              onValidity={report(`Start ${p}`)}
            />
          ))}
          <BackendStatus />
        </div>
        <RunControls experiment={experiment} blocked={blocked} />
      </Cell>

      <Cell title="Paths and losses">
        <div className="charts">
          <ContourChart problem={problem} start={experiment.start} xRange={X_RANGE} yRange={Y_RANGE} />
          <LineChart chart="loss" title="Loss against step (log scale)" column="loss" yTitle="loss" floor={FLOOR_LINE} />
          <LineChart chart="grad" title="Gradient norm against step (log scale)" column="gradNorm" yTitle="‖∇L‖" />
          <LineChart chart="mu" title="Levenberg-Marquardt damping μ against step (log scale)" column="mu" yTitle="μ" only={hasMu} />
        </div>
        <p className="aside">
          The dashed line is the float32 floor. {floor.why} A triangle at the bottom of a chart marks a value that is exactly 0; an
          × marks where a diverged run left the chart.
        </p>
      </Cell>

      <Cell title="Results and log">
        <ResultsTable paramNames={problem.paramNames} />
        <LogPanel />
      </Cell>
    </article>
  );
}
