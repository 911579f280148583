/** One optimizer's row: its toggle, its update rule and its hyperparameter fields. */
import { EXPERIMENT_FIELDS, OPTIMIZERS, type RunConfig } from '../catalog';
import { runColor } from '../charts/palette';
import { useExperiment } from '../state/experiment-store';
import { TeX } from './math';
import { NumberField } from './number-field';

interface Props {
  index: number;
  run: RunConfig;
  report(key: string): (valid: boolean) => void;
}

export function OptimizerSettings({ index, run, report }: Props) {
  const info = OPTIMIZERS[run.optimizer];
  const { setEnabled, setHyperparameter } = useExperiment.getState();
  // Two runs of one optimizer (say, two learning rates) are told apart by their place.
  const sameBefore = useExperiment((s) => s.experiment.runs.slice(0, index).filter((r) => r.optimizer === run.optimizer).length);
  const name = sameBefore ? `${info.label} ${sameBefore + 1}` : info.label;
  return (
    <div className={`optimizer-row${run.enabled ? '' : ' off'}`} style={{ borderLeftColor: runColor(index) }}>
      <label className="toggle">
        <input type="checkbox" checked={run.enabled} onChange={(e) => setEnabled(index, e.target.checked)} />
        {name}
      </label>
      <span className="update-rule">
        <TeX tex={info.updateTex} />
      </span>
      <span className="hyperparameters">
        {info.hyperparameters.map((spec) => (
          <NumberField
            key={spec.name}
            name={`${name} ${spec.label}`}
            spec={spec}
            value={run.hp[spec.name]}
            onCommit={(v) => setHyperparameter(index, spec.name, v)}
            onValidity={report(`${name} ${spec.label}`)}
          />
        ))}
        {run.maxSteps !== undefined && (
          <NumberField
            name={`${name} Max steps`}
            spec={EXPERIMENT_FIELDS.maxSteps}
            value={run.maxSteps}
            onCommit={(v) => useExperiment.getState().setRunMaxSteps(index, v)}
            onValidity={report(`${name} Max steps`)}
          />
        )}
        {info.hyperparameters.length === 0 && <span className="no-hp">no hyperparameters</span>}
      </span>
      <button type="button" className="small remove" onClick={() => useExperiment.getState().removeRun(index)} aria-label={`Remove ${name}`} title={`Remove ${name} from the experiment`}>
        ×
      </button>
    </div>
  );
}
