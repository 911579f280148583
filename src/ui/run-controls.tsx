/** Run all, Pause / Resume, Step and Reset for a lab, and how far its runs have gone. */
import type { Experiment } from '../catalog';
import { useRuns } from '../state/runs-store';
import { last } from '../state/series';
import { showLab } from './lab';

interface Props {
  experiment: Experiment;
  /** Why the cell cannot run now (an invalid field), or null. */
  blocked: string | null;
}

export function RunControls({ experiment, blocked }: Props) {
  const runs = useRuns((s) => s.runs);
  const { runAll, pauseAll, resumeAll, stepAll, reset } = useRuns.getState();
  const running = runs.some((r) => r.status === 'running');
  const paused = runs.some((r) => r.status === 'paused');
  useRuns((s) => s.version);
  // The furthest run's step: large in presentation mode, where the table is out of sight.
  const step = Math.max(0, ...runs.map((r) => (r.series.length ? last(r.series, 'step') : 0)));

  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button type="button" className="primary" data-shortcut="run" onClick={() => {
          runAll(experiment);
          showLab();
        }} disabled={blocked !== null} title={blocked ?? 'Start every selected optimizer from the start point (Space)'}>
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
      {runs.length > 0 && (
        <span className="step-counter">
          step {step.toLocaleString('en-US')}
        </span>
      )}
      {blocked && <span className="blocked">{blocked}</span>}
    </div>
  );
}
