/**
 * Adds another optimizer of the catalog to the experiment: choose it, then Add (or Enter), so that
 * arrowing through the list adds nothing. Those that cannot run on this problem are listed greyed
 * out with the reason (a missing capability, a size limit).
 */
import { useState } from 'react';
import { OPTIMIZER_IDS, OPTIMIZERS, pairingProblem, PROBLEMS, type Capability, type OptimizerId, type ProblemId } from '../catalog';
import { useExperiment } from '../state/experiment-store';

/** `provides`: what this problem gives when it depends on the reader's formula (else the catalog's). */
export function AddOptimizer({ problem, provides }: { problem: ProblemId; provides?: Capability[] }) {
  const info = { ...PROBLEMS[problem], provides: provides ?? PROBLEMS[problem].provides };
  const [choice, setChoice] = useState<OptimizerId | ''>('');
  const add = () => {
    if (!choice) return;
    useExperiment.getState().addRun(choice);
    setChoice('');
  };
  return (
    <div className="add-optimizer">
      <label>
        Add an optimizer{' '}
        <select
          aria-label="Add an optimizer"
          value={choice}
          onChange={(e) => setChoice(e.target.value as OptimizerId | '')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
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
      </label>{' '}
      <button type="button" onClick={add} disabled={!choice}>
        Add
      </button>
    </div>
  );
}
