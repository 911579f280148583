/** The results table: one row per run, live, with a CSV export of every step each run's record holds. */
import { OPTIMIZERS, STOP_LABELS, formatLoss } from '../catalog';
import { last, lastParams, RECORD, thinningNote } from '../state/series';
import { useRuns, type RunView } from '../state/runs-store';
import { runsToCsv } from './csv';
import { downloadText } from './download';

const evalNames = [['evalsF', 'f'], ['evalsGrad', 'grad'], ['evalsHvp', 'Hv'], ['evalsJac', 'J']] as const;

function evaluations(r: RunView): string {
  const parts = evalNames.map(([c, name]) => [last(r.series, c), name] as const).filter(([n]) => n > 0);
  const text = parts.map(([n, name]) => `${n} ${name}`).join(', ') || '0';
  if (!OPTIMIZERS[r.optimizer].hasMu) return text;
  const rejected = r.series.rejectedTotal;
  return `${text}; ${rejected} rejected trial${rejected === 1 ? '' : 's'}`;
}

function status(r: RunView): string {
  if (r.stop) return STOP_LABELS[r.stop.reason];
  return r.status === 'paused' ? 'paused' : 'running';
}

export function ResultsTable({ paramNames, validation = false }: { paramNames: string[]; validation?: boolean }) {
  const runs = useRuns((s) => s.runs);
  useRuns((s) => s.version);

  const download = () => downloadText('curvature-runs.csv', runsToCsv(runs, paramNames), 'text/csv');

  return (
    <div className="results" tabIndex={0} role="region" aria-label="Results, scrollable">
      <table>
        <caption>Results</caption>
        <thead>
          <tr>
            <th scope="col">Optimizer</th>
            <th scope="col">Steps</th>
            <th scope="col">Stop reason</th>
            <th scope="col">Final loss</th>
            {validation && <th scope="col">Validation loss</th>}
            {paramNames.map((p) => (
              <th scope="col" key={p}>{p}</th>
            ))}
            <th scope="col" title="Time the engine spent on the run. Runs that step together as one batch share each step's time equally.">Wall time (ms)</th>
            <th scope="col">Evaluations</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const steps = r.series.length ? last(r.series, 'step') : 0;
            const loss = last(r.series, 'loss');
            return (
              <tr key={r.runId} data-run={r.runId} data-stop={r.stop?.reason ?? ''}>
                <th scope="row">{r.label}</th>
                <td>
                  <span className="steps">{steps}</span>
                  {!r.stop && <progress max={r.maxSteps} value={steps} aria-label={`${r.label} progress`} />}
                  {!r.stop && (
                    <button type="button" className="small" onClick={() => useRuns.getState().cancel(r.runId)} aria-label={`Stop ${r.label}`}>
                      Stop
                    </button>
                  )}
                </td>
                <td title={r.stop?.message}>
                  <span className={`stop stop-${r.stop?.reason ?? 'live'}`}>{status(r)}</span>
                  {r.stop && r.stop.reason !== 'converged' && <span className="stop-message">{r.stop.message}</span>}
                </td>
                <td className="num">{r.series.length ? (loss === 0 ? '0 (exactly)' : formatLoss(loss)) : ''}</td>
                {validation && <td className="num">{r.series.length ? formatLoss(last(r.series, 'validation')) : ''}</td>}
                {paramNames.map((p, i) => (
                  <td className="num" key={p}>{r.series.length ? lastParams(r.series)[i].toPrecision(8) : ''}</td>
                ))}
                <td className="num">{r.series.length ? last(r.series, 'elapsedMs').toFixed(1) : ''}</td>
                <td>{r.series.length ? evaluations(r) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs.some((r) => thinningNote(r.series)) && (
        <p className="record-note">
          Past step {RECORD.fullSteps.toLocaleString('en')} a run keeps a thinned record for its charts and the CSV (column sampled_every); the table&rsquo;s
          numbers are exact.{' '}
          {runs
            .filter((r) => thinningNote(r.series))
            .map((r) => `${r.label}: ${thinningNote(r.series)}.`)
            .join(' ')}
        </p>
      )}
      {runs.length === 0 && <p className="empty">Press Run all to start every selected optimizer.</p>}
      <button type="button" onClick={download} disabled={!runs.length}>Download CSV</button>
    </div>
  );
}
