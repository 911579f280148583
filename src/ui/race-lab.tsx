/**
 * Chapter 5's training race: one net from one start, trained by preconditioned SGD, plain SGD and
 * Adam on the same minibatches for 3,200 steps, drawn as it happens: minibatch loss, gradient norm,
 * test accuracy every 100 steps, and the spread of the preconditioner H (min, median, max).
 */
import { RACE_LABELS, RACE_OPTIMIZERS, RACE_STEPS, STOP_LABELS } from '../catalog';
import { runColor } from '../charts/palette';
import { semilogFigure, type LineRun } from '../charts/semilog';
import { isLive } from '../state/job';
import { runRace, useRace } from '../state/race-store';
import { useRuns } from '../state/runs-store';
import { useSweep } from '../state/sweep-store';
import { Cell } from './cell';
import { Lab, showLab } from './lab';
import { PlotlyFigure } from './plotly-figure';
import { LogXToggle, useLogX } from './x-axis-switch';

const line = (runId: string, label: string, color: string, step: number[], values: number[]): LineRun => ({
  runId,
  label,
  color,
  length: values.length,
  step,
  values: Float64Array.from(values),
  stopReason: null,
});

export function RaceLab() {
  const { job, record: columns, version } = useRace();
  const backend = useRuns((s) => s.backend);
  const { cancel } = useRace.getState();
  const sweep = useSweep((s) => s.job);
  const sweepLive = isLive(sweep);
  const live = isLive(job);
  const [logX, setLogX] = useLogX(RACE_STEPS);
  const perOptimizer = (values: number[][], step: number[]) => RACE_OPTIMIZERS.map((o, m) => line(o, RACE_LABELS[o], runColor(m), step, values[m]));
  const steps = columns.step.length;
  const status = !job
    ? null
    : job.status === 'queued'
      ? 'Loading the digits…'
      : job.status !== 'stopped'
        ? `Step ${steps} of ${RACE_STEPS}.`
        : job.stop?.reason === 'max-steps'
          ? `Finished: ${RACE_STEPS} steps.`
          : job.stop?.reason === 'cancelled'
            ? `Cancelled at step ${steps}.`
            : `The race stopped (${job.stop ? STOP_LABELS[job.stop.reason] : 'unknown'}): ${job.stop?.message ?? ''}`;

  return (
    <Lab
      bar={
        <div className="run-controls" role="group" aria-label="Race controls">
          <button
            type="button"
            className="primary"
            data-shortcut="run"
            onClick={() => {
              runRace();
              showLab();
            }}
            disabled={live || sweepLive}
            title={sweepLive ? 'A sweep is running' : 'Train the three optimizers side by side'}
          >
            Train
          </button>
          <button type="button" data-shortcut="pause" onClick={cancel} disabled={!live}>Stop</button>
          {job && (
            <>
              <progress aria-label="Race progress" max={RACE_STEPS} value={steps} />
              <span role="status" aria-label="Race status">{status}</span>
              {backend && job.status !== 'queued' && <span className="backend-measured"> Backend: {backend.id}.</span>}
            </>
          )}
        </div>
      }
      charts={
        <Cell title="One net, three optimizers">
          <p className="aside">
            The same start and the same minibatches for all three, with the loss, data seed, backend and precision chosen in the Sweep cell below; the charts fill in as the
            steps are taken. Preconditioned SGD&rsquo;s first step only estimates <em>C</em>, as in the seed.
          </p>
          <LogXToggle value={logX} onChange={setLogX} />
          <div className="charts">
            <PlotlyFigure chart="race-loss" title="Minibatch loss (log scale)" version={version} build={() => semilogFigure(perOptimizer(columns.loss, columns.step), { yTitle: 'loss', logX, xBudget: RACE_STEPS })} />
            <PlotlyFigure
              chart="race-accuracy"
              title="Test accuracy"
              version={version}
              build={() => semilogFigure(perOptimizer(columns.accuracy.test, columns.accuracy.step), { yTitle: 'test accuracy', linear: true, logX, xBudget: RACE_STEPS })}
            />
            <PlotlyFigure chart="race-grad" title="Gradient norm (log scale)" version={version} build={() => semilogFigure(perOptimizer(columns.gradNorm, columns.step), { yTitle: '‖∇L‖', logX, xBudget: RACE_STEPS })} />
            <PlotlyFigure
              chart="race-h"
              title="Preconditioner H = 2B / (N C): min, median, max (log scale)"
              version={version}
              build={() =>
                semilogFigure(
                  [
                    line('h-max', 'H max', runColor(9), columns.step, columns.h.max),
                    line('h-median', 'H median', runColor(0), columns.step, columns.h.median),
                    line('h-min', 'H min', runColor(6), columns.step, columns.h.min),
                  ],
                  { yTitle: 'H', logX, xBudget: RACE_STEPS },
                )
              }
            />
          </div>
        </Cell>
      }
    />
  );
}
