/** Run all, Pause / Resume, Step, Reset and Copy link for a cell. */
import type { Experiment } from '../catalog';
import { useRuns } from '../state/runs-store';
import { CopyLink } from './copy-link';

interface Props {
  experiment: Experiment;
  /** Why the cell cannot run now (an invalid field), or null. */
  blocked: string | null;
  /** What the link leaves out, when it leaves something out (a fit's large table). */
  linkLeavesOut?: string | null;
}

export function RunControls({ experiment, blocked, linkLeavesOut = null }: Props) {
  const runs = useRuns((s) => s.runs);
  const { runAll, pauseAll, resumeAll, stepAll, reset } = useRuns.getState();
  const running = runs.some((r) => r.status === 'running');
  const paused = runs.some((r) => r.status === 'paused');

  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button type="button" className="primary" data-shortcut="run" onClick={() => runAll(experiment)} disabled={blocked !== null} title={blocked ?? 'Start every selected optimizer from the start point (Space)'}>
        Run all
      </button>
      {paused && !running ? (
        <button type="button" data-shortcut="pause" onClick={resumeAll} title="Resume (Space)">Resume</button>
      ) : (
        <button type="button" data-shortcut="pause" onClick={pauseAll} disabled={!running} title="Pause (Space)">Pause</button>
      )}
      <button type="button" data-shortcut="step" onClick={() => stepAll(experiment)} disabled={blocked !== null} title="Take one step with every run (S)">
        Step
      </button>
      <button type="button" data-shortcut="reset" onClick={reset} disabled={!runs.length} title="Reset (R)">Reset</button>
      <CopyLink leavesOut={linkLeavesOut} />
      {blocked && <span className="blocked">{blocked}</span>}
    </div>
  );
}
