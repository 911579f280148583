/** Page-level problems: a link that could not be read, an engine that failed. Never silent. */
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';

export function Notices() {
  const notice = useExperiment((s) => s.notice);
  const error = useRuns((s) => s.error);
  return (
    <>
      {notice && (
        <div role="alert" className="notice">
          {notice}{' '}
          <button type="button" onClick={() => useExperiment.getState().setNotice(null)}>Dismiss</button>
        </div>
      )}
      {error && (
        <div role="alert" className="notice error">
          The engine reported a problem: {error}
        </div>
      )}
    </>
  );
}
