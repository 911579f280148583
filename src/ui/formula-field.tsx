/**
 * f(x, y) typed by the reader: checked as it is typed (the parser's message, with a caret under
 * the column it names), committed to the experiment only when it checks, so a formula never
 * reaches the worker unparsed; the presets; and whether the least-squares methods can run on it.
 */
import { useEffect, useState } from 'react';
import { FORMULA_PRESETS, type Capability, type FormulaPreset } from '../catalog';
import { checkFunction, functionCapabilities } from '../formula/problems';
import { useExperiment } from '../state/experiment-store';
import { FormulaInput } from './formula-input';

/** What the problem 'formula' gives with this formula (a formula that does not check gives its derivatives, and runs are blocked anyway). */
export function formulaCapabilities(formula: string): Capability[] {
  const checked = checkFunction(formula);
  return checked.ok ? [...functionCapabilities(checked.value)] : ['grad', 'hvp', 'hessian'];
}

interface Props {
  onValidity(valid: boolean): void;
  onPreset(preset: FormulaPreset): void;
}

export function FormulaField({ onValidity, onPreset }: Props) {
  const formula = useExperiment((s) => s.experiment.formula ?? '');
  const [text, setText] = useState(formula);
  // A preset or a link changes the formula from outside the field.
  useEffect(() => setText(formula), [formula]);
  const checked = checkFunction(text);
  useEffect(() => onValidity(checked.ok), [checked.ok, onValidity]);
  const preset = FORMULA_PRESETS.find((p) => p.f === text);

  const type = (value: string) => {
    setText(value);
    if (checkFunction(value).ok) useExperiment.getState().setFormula(value);
  };
  const choose = (name: string) => {
    const chosen = FORMULA_PRESETS.find((p) => p.name === name);
    if (!chosen) return;
    setText(chosen.f);
    useExperiment.getState().setFormula(chosen.f, [...chosen.start]);
    onPreset(chosen);
  };

  return (
    <FormulaInput
      label="f(x, y) ="
      name="f(x, y)"
      text={text}
      onText={type}
      error={checked.ok ? null : checked.error}
      summary={
        checked.ok
          ? checked.value.residuals
            ? `A sum of ${checked.value.residuals.length} squares: Gauss-Newton and Levenberg-Marquardt run on its residuals.`
            : 'Not written as a sum of squares, so the least-squares methods cannot run on it (write it as (…)^2 + (…)^2 for them).'
          : null
      }
      beside={
        <label>
          Preset{' '}
          <select aria-label="Preset" value={preset?.name ?? ''} onChange={(e) => choose(e.target.value)}>
            <option value="">{preset ? '' : 'your own'}</option>
            {FORMULA_PRESETS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
