/**
 * Adds another optimizer of the catalog to the experiment. Those that cannot run on this problem
 * are listed greyed out with the reason (a missing capability, a size limit).
 */
import { OPTIMIZER_IDS, OPTIMIZERS, pairingProblem, PROBLEMS, type Capability, type OptimizerId, type ProblemId } from '../catalog';
import { useExperiment } from '../state/experiment-store';

/** `provides`: what this problem gives when it depends on the reader's formula (else the catalog's). */
export function AddOptimizer({ problem, provides }: { problem: ProblemId; provides?: Capability[] }) {
  const info = { ...PROBLEMS[problem], provides: provides ?? PROBLEMS[problem].provides };
  return (
    <div className="add-optimizer">
      <label>
        Add an optimizer{' '}
        <select
          aria-label="Add an optimizer"
          value=""
          onChange={(e) => {
            if (e.target.value) useExperiment.getState().addRun(e.target.value as OptimizerId);
          }}
        >
          <option value="">choose…</option>
          {OPTIMIZER_IDS.map((id) => {
            const why = pairingProblem(info, OPTIMIZERS[id]);
            return (
              <option key={id} value={id} disabled={why !== null} title={why ?? undefined}>
                {OPTIMIZERS[id].label}
                {why ? ` (unavailable: ${why})` : ''}
              </option>
            );
          })}
        </select>
      </label>
    </div>
  );
}
