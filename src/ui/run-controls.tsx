/** Run all, Pause / Resume, Step, Reset and Copy link for a cell. */
import { useState } from 'react';
import type { Experiment } from '../catalog';
import { useRuns } from '../state/runs-store';

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
  const [copied, setCopied] = useState<string | null>(null);
  const running = runs.some((r) => r.status === 'running');
  const paused = runs.some((r) => r.status === 'paused');

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(linkLeavesOut ? `Link copied, without ${linkLeavesOut}.` : 'Link copied.');
    } catch {
      setCopied(`Copy this link${linkLeavesOut ? ` (it leaves out ${linkLeavesOut})` : ''}: ${window.location.href}`);
    }
  };

  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button type="button" className="primary" onClick={() => runAll(experiment)} disabled={blocked !== null} title={blocked ?? 'Start every selected optimizer from the start point'}>
        Run all
      </button>
      {paused && !running ? (
        <button type="button" onClick={resumeAll}>Resume</button>
      ) : (
        <button type="button" onClick={pauseAll} disabled={!running}>Pause</button>
      )}
      <button type="button" onClick={() => stepAll(experiment)} disabled={blocked !== null} title="Take one step with every run">
        Step
      </button>
      <button type="button" onClick={reset} disabled={!runs.length}>Reset</button>
      <button type="button" onClick={copyLink}>Copy link</button>
      <span className="copied" role="status">{copied}</span>
      {blocked && <span className="blocked">{blocked}</span>}
    </div>
  );
}
