/**
 * Chapter 5's lab: choose the sweep (prune or disable, the loss, quick or full, the data seed,
 * the backend), run it with a progress bar and the time left, cancel it keeping what is done, and
 * watch test and train accuracy against p fill in, repeat by repeat. The results export as CSV.
 */
import { useCallback, useMemo, useState } from 'react';
import { BACKEND_LABELS, BACKENDS, EXPERIMENT_FIELDS, STOP_LABELS, SWEEP_MODE_LABELS, SWEEP_MODES, sweepSettings, type BackendChoice, type RunPrecision, type SweepResult } from '../catalog';
import { accuracyByP, accuracyFigure } from '../charts/accuracy-bands';
import { isLive } from '../state/job';
import type { Job } from '../state/job-store';
import { useRace } from '../state/race-store';
import { useRuns } from '../state/runs-store';
import { runSweep, useSweep, useSweepChoice, type SweepRecord } from '../state/sweep-store';
import { Cell } from './cell';
import { NumberField } from './number-field';
import { PlotlyFigure } from './plotly-figure';
import { CopyLink } from './copy-link';
import { downloadText } from './download';

const seconds = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

function progressText(job: Job, record: SweepRecord): string {
  const { startedAt, updatedAt } = record;
  const results = record.results.length;
  const share = record.total ? record.done / record.total : 0;
  switch (job.status) {
    case 'queued':
      return 'Loading the digits and measuring the backends…';
    case 'running':
    case 'paused': {
      const elapsed = startedAt !== null && updatedAt !== null ? updatedAt - startedAt : 0;
      const left = share > 0.01 && elapsed > 0 ? `, about ${seconds((elapsed * (1 - share)) / share)} left` : '';
      return `${Math.floor(share * 100)}% done${left}.`;
    }
    case 'stopped':
      if (job.stop?.reason === 'max-steps') return `Finished: ${results} models trained${startedAt !== null && updatedAt !== null ? ` in ${seconds(updatedAt - startedAt)}` : ''}.`;
      if (job.stop?.reason === 'cancelled') return `Cancelled at ${Math.floor(share * 100)}%: the ${results} models finished before are kept.`;
      return `The sweep stopped (${job.stop ? STOP_LABELS[job.stop.reason] : 'unknown'}): ${job.stop?.message ?? ''}`;
  }
}

function toCsv(results: SweepResult[]): string {
  return ['mode,p,repeat,train_accuracy,test_accuracy', ...results.map((r) => [r.mode, r.p, r.repeat, r.train, r.test].join(','))].join('\r\n') + '\r\n';
}

export function SweepLab() {
  const { job, record } = useSweep();
  const { results } = record;
  const choice = useSweepChoice((s) => s.choice);
  const { choose } = useSweepChoice.getState();
  const { cancel } = useSweep.getState();
  const backend = useRuns((s) => s.backend);
  const race = useRace((s) => s.job);
  const raceLive = isLive(race);
  const [seedValid, setSeedValid] = useState(true);
  const live = isLive(job);
  const settings = sweepSettings(choice.kind, choice.preset, choice.loss, choice.seed);
  const models = settings.modes.length * settings.ps.length * settings.repeats;
  // The figure shows the sweep that ran (its kind), not the one being chosen.
  const shownKind = record.choice?.kind ?? choice.kind;
  const modes = useMemo(() => SWEEP_MODES[shownKind].map((mode) => ({ mode, label: SWEEP_MODE_LABELS[shownKind][mode] })), [shownKind]);
  // Stable builds: a new one each render would redraw both charts on every progress message.
  const buildTest = useCallback(() => accuracyFigure(results, modes, 'test'), [results, modes]);
  const buildTrain = useCallback(() => accuracyFigure(results, modes, 'train'), [results, modes]);

  const download = () => downloadText(`curvature-${shownKind}-sweep.csv`, toCsv(results), 'text/csv');

  return (
    <>
      <Cell title="Sweep">
        <div className="sweep-controls">
          <fieldset disabled={live}>
            <legend>Intervention after the warm-up</legend>
            {(['prune', 'disable'] as const).map((kind) => (
              <label key={kind}>
                <input type="radio" name="sweep-kind" checked={choice.kind === kind} onChange={() => choose({ kind })} />{' '}
                {kind === 'prune' ? 'prune weights (set to 0 and freeze)' : 'disable optimization (freeze where they are)'}
              </label>
            ))}
          </fieldset>
          <label>
            Loss{' '}
            <select value={choice.loss} disabled={live} onChange={(e) => choose({ loss: e.target.value as typeof choice.loss })}>
              <option value="cross-entropy">cross-entropy (correct)</option>
              <option value="seed">the seed&rsquo;s (softmax applied twice)</option>
            </select>
          </label>
          <label>
            Size{' '}
            <select value={choice.preset} disabled={live} onChange={(e) => choose({ preset: e.target.value as typeof choice.preset })}>
              <option value="quick">quick: 4-5 values of p, 2 repeats</option>
              <option value="full">full: 50-51 values of p, 5 repeats (the seed&rsquo;s)</option>
            </select>
          </label>
          <NumberField name="Data seed" spec={EXPERIMENT_FIELDS.seed} value={choice.seed} onCommit={(seed) => choose({ seed })} onValidity={setSeedValid} disabled={live} />
          <label>
            Backend{' '}
            <select aria-label="Backend" value={choice.backend} disabled={live} onChange={(e) => choose({ backend: e.target.value as BackendChoice })}>
              <option value="auto">auto (wasm unless another measures clearly faster on this sweep)</option>
              {BACKENDS.map((b) => (
                <option key={b} value={b}>{BACKEND_LABELS[b]}</option>
              ))}
            </select>
          </label>
          <label>
            Precision{' '}
            <select aria-label="Precision" value={choice.precision} disabled={live} onChange={(e) => choose({ precision: e.target.value as RunPrecision })}>
              <option value="float32">float32</option>
              <option value="float64">float64 (our JavaScript backend, several times slower)</option>
            </select>
          </label>
        </div>
        <p className="aside">
          {models} models, each {settings.warmup} + {settings.steps.toLocaleString('en')} steps of preconditioned SGD (lr 0.01, batch 32), trained
          together in groups of {settings.modes.length * settings.ps.length}.
        </p>
        <div className="run-controls" role="group" aria-label="Sweep controls">
          <button type="button" className="primary" onClick={runSweep} disabled={live || raceLive || !seedValid} title={!seedValid ? 'Fix the data seed first' : raceLive ? 'The race is running' : 'Train every model of the sweep'}>
            Run sweep
          </button>
          <button type="button" onClick={cancel} disabled={!live}>Cancel</button>
          <CopyLink />
        </div>
        {job && (
          <div className="sweep-progress">
            <progress aria-label="Sweep progress" max={record.total || 1} value={record.done} />
            <span role="status" aria-label="Sweep status">{progressText(job, record)}</span>
            {backend && <span className="backend-measured"> Backend: {backend.id}{backend.measured ? ` (${backend.measured})` : ''}.</span>}
          </div>
        )}
      </Cell>
      <Cell title="Accuracy against p">
        <div className="charts">
          <PlotlyFigure chart="test-accuracy" title="Test accuracy" build={buildTest} version={results.length + shownKind} />
          <PlotlyFigure chart="train-accuracy" title="Train accuracy" build={buildTrain} version={results.length + shownKind} />
        </div>
        <p className="aside">Lines are the mean over the repeats done so far; bands run from the lowest to the highest.</p>
        <ResultsByP results={results} modes={modes} />
        <button type="button" onClick={download} disabled={!results.length}>Download CSV (every model)</button>
      </Cell>
    </>
  );
}

function ResultsByP({ results, modes }: { results: SweepResult[]; modes: { mode: SweepResult['mode']; label: string }[] }) {
  if (!results.length) return <p className="empty">Press Run sweep: results appear here as each group of models finishes.</p>;
  return (
    <table aria-label="Sweep results">
      <thead>
        <tr>
          <th scope="col">Mode</th>
          <th scope="col">p</th>
          <th scope="col">Test accuracy (mean)</th>
          <th scope="col">Train accuracy (mean)</th>
          <th scope="col">Repeats</th>
        </tr>
      </thead>
      <tbody>
        {modes.flatMap(({ mode, label }) => {
          const train = accuracyByP(results, mode, 'train');
          return accuracyByP(results, mode, 'test').map((pt, i) => (
            <tr key={`${mode}-${pt.p}`}>
              <th scope="row">{label}</th>
              <td className="num">{pt.p.toFixed(2)}</td>
              <td className="num">{pt.mean.toFixed(3)}</td>
              <td className="num">{train[i].mean.toFixed(3)}</td>
              <td className="num">{pt.count}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
