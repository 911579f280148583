/** The experiment's optimizer rows, and the list to add another. */
import type { Capability, ProblemId } from '../catalog';
import { useExperiment } from '../state/experiment-store';
import { AddOptimizer } from './add-optimizer';
import { OptimizerSettings } from './optimizer-settings';

export function OptimizerList({ problem, provides, report }: { problem: ProblemId; provides?: Capability[]; report(key: string): (valid: boolean) => void }) {
  const runs = useExperiment((s) => s.experiment.runs);
  return (
    <>
      <div className="settings">
        {runs.map((run, i) => (
          <OptimizerSettings key={`${i}-${run.optimizer}`} index={i} run={run} report={report} />
        ))}
      </div>
      <AddOptimizer problem={problem} provides={provides} />
    </>
  );
}
