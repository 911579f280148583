/**
 * The net's predicted surface beside the true one, for a run picked from the list, refreshed about
 * once a second while that run trains (each refresh is one forward pass on a 41 x 41 grid).
 */
import { useCallback, useEffect, useState } from 'react';
import { surfacesFigure } from '../charts/surfaces';
import { useExperiment } from '../state/experiment-store';
import { useRuns } from '../state/runs-store';
import { last } from '../state/series';
import { PlotlyFigure } from './plotly-figure';
import { RunSelect } from './run-select';

const REFRESH_MS = 1000;

export function PredictionView() {
  const runs = useRuns((s) => s.runs);
  const prediction = useRuns((s) => s.prediction);
  const [chosen, setChosen] = useState<string | null>(null);
  // Levenberg-Marquardt by default: the chapter's point is what it learns.
  const run = runs.find((r) => r.runId === chosen) ?? runs.find((r) => r.optimizer === 'lm') ?? runs[0];

  useEffect(() => {
    if (!run) return;
    let sentAt = -1;
    const refresh = () => {
      const current = useRuns.getState().runs.find((r) => r.runId === run.runId);
      if (!current || !current.series.length) return;
      const step = last(current.series, 'step');
      if (step === sentAt) return;
      sentAt = step;
      useRuns.getState().requestPrediction(useExperiment.getState().experiment, current);
    };
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [run]);

  const shown = prediction && run && prediction.runId === run.runId ? prediction : null;
  const build = useCallback(() => (shown ? surfacesFigure(shown, `${run?.label ?? ''}: prediction`) : { data: [], layout: {} }), [shown, run]);

  if (!runs.length) return <p className="empty">Run the experiment to see what each net learns.</p>;
  return (
    <div className="prediction">
      <RunSelect label="Show the net of" runs={runs} value={run?.runId ?? ''} onChange={setChosen} />
      <PlotlyFigure chart="prediction" title="The true surface and the net's prediction, on one colour scale" build={build} version={shown} height={380} />
    </div>
  );
}
