/**
 * The results table: one row per run, live, its numbers to four significant digits (every digit on
 * hover and in data-value), with CSV and JSON exports of every step each run's record holds.
 */
import { STOP_LABELS, triesSteps } from '../catalog';
import { last, lastParams, RECORD, thinningNote } from '../state/series';
import { useRuns, type RunView } from '../state/runs-store';
import { runsToCsv } from './csv';
import { downloadText } from './download';
import { fullNumber, tableNumber } from './number-format';
import { exportRuns, runsToJson } from './runs-json';

const evalNames = [['evalsF', 'f'], ['evalsGrad', 'grad'], ['evalsHvp', 'Hv'], ['evalsJac', 'J']] as const;

function evaluations(r: RunView): string {
  const parts = evalNames.map(([c, name]) => [last(r.series, c), name] as const).filter(([n]) => n > 0);
  const text = parts.map(([n, name]) => `${n} ${name}`).join(', ') || '0';
  if (!triesSteps(r.optimizer)) return text;
  const rejected = r.series.rejectedTotal;
  return `${text}; ${rejected} rejected trial${rejected === 1 ? '' : 's'}`;
}

const DIGITS_NOTE = 'Four significant digits; hover a number for all its digits.';

/** A number to four significant digits, every digit in its title and data-value; empty before step 0. */
function NumberCell({ value, loss = false }: { value: number | undefined; loss?: boolean }) {
  if (value === undefined) return <td className="num" />;
  const full = fullNumber(value);
  return (
    <td className="num" title={full} data-value={full}>
      {loss && value === 0 ? '0 (exactly)' : tableNumber(value)}
    </td>
  );
}

function status(r: RunView): string {
  if (r.stop) return STOP_LABELS[r.stop.reason];
  return r.status === 'paused' ? 'paused' : 'running';
}

export function ResultsTable({ paramNames, validation = false }: { paramNames: string[]; validation?: boolean }) {
  const runs = useRuns((s) => s.runs);
  useRuns((s) => s.version);

  const downloadCsv = () => downloadText('curvature-runs.csv', runsToCsv(runs, paramNames), 'text/csv');
  const downloadJson = () => downloadText('curvature-runs.json', runsToJson(exportRuns(runs, paramNames)), 'application/json');

  return (
    <div className="results" tabIndex={0} role="region" aria-label="Results, scrollable">
      <table>
        <caption>Results</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Steps</th>
            <th scope="col">Stop reason</th>
            <th scope="col" title={DIGITS_NOTE}>Final loss</th>
            {validation && <th scope="col" title={DIGITS_NOTE}>Validation loss</th>}
            {paramNames.map((p) => (
              <th scope="col" key={p} title={`${p} after the last step. ${DIGITS_NOTE}`}>{p}</th>
            ))}
            <th scope="col" title={`Time the engine spent on the run, in milliseconds. Runs that step together as one batch share each step's time equally. ${DIGITS_NOTE}`}>Wall time (ms)</th>
            <th scope="col">Evaluations</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const held = r.series.length > 0;
            const steps = held ? last(r.series, 'step') : 0;
            const params = held ? lastParams(r.series) : [];
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
                <NumberCell value={held ? last(r.series, 'loss') : undefined} loss />
                {validation && <NumberCell value={held ? last(r.series, 'validation') : undefined} loss />}
                {paramNames.map((p, i) => (
                  <NumberCell key={p} value={params[i]} />
                ))}
                <NumberCell value={held ? last(r.series, 'elapsedMs') : undefined} />
                <td>{r.series.length ? evaluations(r) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs.some((r) => thinningNote(r.series)) && (
        <p className="record-note">
          Past step {RECORD.fullSteps.toLocaleString('en')} a run keeps a thinned record for its charts and the downloads (the CSV&rsquo;s column
          sampled_every, the JSON&rsquo;s thinning); the table&rsquo;s numbers are the last step&rsquo;s, whatever the record keeps.{' '}
          {runs
            .filter((r) => thinningNote(r.series))
            .map((r) => `${r.label}: ${thinningNote(r.series)}.`)
            .join(' ')}
        </p>
      )}
      {runs.length === 0 && <p className="empty">Press Run all to start every selected optimizer.</p>}
      <div className="downloads">
        <button type="button" onClick={downloadCsv} disabled={!runs.length}>Download CSV</button>{' '}
        <button type="button" onClick={downloadJson} disabled={!runs.length} title="Every run's settings, stop and recorded steps, every number at full precision">
          Download JSON
        </button>
      </div>
    </div>
  );
}
