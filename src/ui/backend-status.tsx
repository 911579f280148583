/** Which tfjs backend runs (as the worker reports it), and the choice of another. */
import { BACKEND_LABELS, BACKENDS, PROBLEMS, type BackendChoice } from '../catalog';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';

export function BackendStatus() {
  const backend = useRuns((s) => s.backend);
  const requested = useExperiment((s) => s.experiment.backend);
  const problem = useExperiment((s) => s.experiment.problem);
  const choose = (b: BackendChoice) => {
    useExperiment.getState().setBackend(b);
    useRuns.getState().setBackend(b, problem);
  };
  return (
    <div className="backend">
      <label>
        Backend{' '}
        <select aria-label="Backend" value={requested} onChange={(e) => choose(e.target.value as BackendChoice)}>
          <option value="auto">auto ({PROBLEMS[problem].defaultBackend} unless the other measures clearly faster here)</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>{BACKEND_LABELS[b]}</option>
          ))}
        </select>
      </label>{' '}
      <span role="status" className="backend-status">
        {backend ? `Backend: ${backend.id}` : 'Backend: starting…'}
      </span>
      {backend?.measured && <span className="backend-measured"> ({backend.measured})</span>}
      {backend?.notice && <p className="notice-inline">{backend.notice}</p>}
    </div>
  );
}
