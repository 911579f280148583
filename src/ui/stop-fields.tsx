/** The experiment's stop rule: max steps and target loss, checked at the field. */
import { EXPERIMENT_FIELDS } from '../catalog';
import { useExperiment } from '../state/experiment-store';
import { NumberField } from './number-field';

export function StopFields({ report }: { report(key: string): (valid: boolean) => void }) {
  const maxSteps = useExperiment((s) => s.experiment.maxSteps);
  const targetLoss = useExperiment((s) => s.experiment.targetLoss);
  const { setMaxSteps, setTargetLoss } = useExperiment.getState();
  return (
    <>
      <NumberField name="Max steps" spec={EXPERIMENT_FIELDS.maxSteps} value={maxSteps} onCommit={setMaxSteps} onValidity={report('Max steps')} />
      <NumberField name="Target loss" spec={EXPERIMENT_FIELDS.targetLoss} value={targetLoss} onCommit={setTargetLoss} onValidity={report('Target loss')} />
    </>
  );
}
