/** The log in the seed's style: the loss before steps 1, 2, 4, 8, ..., then the last step. */
import { seedLogLines } from '../catalog';
import { useRuns } from '../state/runs-store';

export function LogPanel() {
  const runs = useRuns((s) => s.runs);
  useRuns((s) => s.version);
  return (
    <section className="log" aria-label="Log">
      {runs.map((r) => {
        const { columns, length } = r.series;
        const lines = seedLogLines(columns.step, columns.loss, length, r.status === 'stopped');
        const hp = Object.entries(r.hp).map(([k, v]) => `${k}=${v}`).join(', ');
        return (
          <pre key={r.runId} aria-label={`${r.label} log`} tabIndex={0}>
            {`# ${r.label}${hp ? ` (${hp})` : ''}\n${lines.join('\n')}${r.stop ? `\n# ${r.stop.message}` : ''}`}
          </pre>
        );
      })}
    </section>
  );
}
