/** A list of the race's runs by name, to pick the one a view looks at (its prediction, its curvature). */
import type { RunView } from '../state/runs-store';

export function RunSelect({ label, runs, value, onChange }: { label: string; runs: readonly RunView[]; value: string; onChange(runId: string): void }) {
  return (
    <label>
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((r) => (
          <option key={r.runId} value={r.runId}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}
