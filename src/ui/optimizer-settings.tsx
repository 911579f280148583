/**
 * One optimizer's row, on one line: its toggle and colour, its name, its key hyperparameter (and
 * its own step budget, if it has one) inline, "More" and remove. The update rule and the other
 * hyperparameters open on demand under the row; they stay mounted when closed, so a value typed
 * there is never lost, and the panel opens by itself while one of them is refused.
 */
import { useId, useRef, useState } from 'react';
import { EXPERIMENT_FIELDS, numberedName, OPTIMIZERS, type HyperparameterSpec, type RunConfig } from '../catalog';
import { runColor } from '../charts/palette';
import { useExperiment } from '../state/experiment-store';
import { useView } from '../state/view-store';
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
  // The fields' names number the runs of one optimizer by place: unlike the run's name on the
  // charts, which carries its hyperparameters, they do not change while the reader types.
  const name = useExperiment((s) => numberedName(s.experiment.runs, index));
  const theme = useView((s) => s.theme);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<ReadonlySet<string>>(new Set());
  const panelId = useId();
  const [key, ...others] = info.hyperparameters;

  /**
   * A field of the panel reports to the cell as any field does, and opens the panel when refused.
   * One reporter per field for the row's life: a new one on every render would re-run the field's
   * report effect on every render.
   */
  const hiddenReporters = useRef(new Map<string, (valid: boolean) => void>());
  const reportHidden = (field: string) => {
    let f = hiddenReporters.current.get(field);
    if (!f) {
      const toCell = report(field);
      f = (valid: boolean) => {
        toCell(valid);
        setRefused((s) => (valid === !s.has(field) ? s : valid ? new Set([...s].filter((x) => x !== field)) : new Set([...s, field])));
      };
      hiddenReporters.current.set(field, f);
    }
    return f;
  };

  const field = (spec: HyperparameterSpec, compact: boolean, reportTo = report) => (
    <NumberField
      key={spec.name}
      name={`${name} ${spec.label}`}
      spec={spec}
      value={run.hp[spec.name]}
      onCommit={(v) => setHyperparameter(index, spec.name, v)}
      onValidity={reportTo(`${name} ${spec.label}`)}
      compact={compact}
    />
  );
  const shown = open || refused.size > 0;

  return (
    <div className={`optimizer-row${run.enabled ? '' : ' off'}`} style={{ borderLeftColor: runColor(index, theme) }}>
      <label className="toggle">
        <input type="checkbox" checked={run.enabled} onChange={(e) => setEnabled(index, e.target.checked)} />
        {name}
      </label>
      <span className="hyperparameters">
        {key ? field(key, true) : <span className="no-hp">no hyperparameters</span>}
        {run.maxSteps !== undefined && (
          <NumberField
            name={`${name} Max steps`}
            spec={{ ...EXPERIMENT_FIELDS.maxSteps, tex: '\\text{steps}' }}
            value={run.maxSteps}
            onCommit={(v) => useExperiment.getState().setRunMaxSteps(index, v)}
            onValidity={report(`${name} Max steps`)}
            compact
          />
        )}
      </span>
      <button
        type="button"
        className="small more"
        aria-expanded={shown}
        aria-controls={panelId}
        onClick={() => setOpen(!shown)}
        aria-label={`${name}: update rule${others.length ? ' and more settings' : ''}`}
        title={`${shown ? 'Hide' : 'Show'} the update rule${others.length ? ` and ${others.map((s) => s.label).join(', ')}` : ''}`}
      >
        {shown ? 'Less' : 'More'}
      </button>
      <button type="button" className="small remove" onClick={() => useExperiment.getState().removeRun(index)} aria-label={`Remove ${name}`} title={`Remove ${name} from the experiment`}>
        ×
      </button>
      <div className="optimizer-more" id={panelId} hidden={!shown}>
        <span className="update-rule">
          <TeX tex={info.updateTex} />
        </span>
        {others.length > 0 && <span className="hyperparameters">{others.map((spec) => field(spec, false, reportHidden))}</span>}
      </div>
    </div>
  );
}
