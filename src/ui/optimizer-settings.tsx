/** One optimizer's row: its toggle, its update rule and its hyperparameter fields. */
import { OPTIMIZERS, type RunConfig } from '../catalog';
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
  return (
    <div className={`optimizer-row${run.enabled ? '' : ' off'}`} style={{ borderLeftColor: runColor(index) }}>
      <label className="toggle">
        <input type="checkbox" checked={run.enabled} onChange={(e) => setEnabled(index, e.target.checked)} />
        {info.label}
      </label>
      <span className="update-rule">
        <TeX tex={info.updateTex} />
      </span>
      <span className="hyperparameters">
        {info.hyperparameters.map((spec) => (
          <NumberField
            key={spec.name}
            name={`${info.label} ${spec.label}`}
            spec={spec}
            value={run.hp[spec.name]}
            onCommit={(v) => setHyperparameter(index, spec.name, v)}
            onValidity={report(`${info.label} ${spec.label}`)}
          />
        ))}
        {info.hyperparameters.length === 0 && <span className="no-hp">no hyperparameters</span>}
      </span>
    </div>
  );
}
