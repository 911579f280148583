/**
 * A number typed by a person, checked as it is typed. A refused value is marked invalid with its
 * reason beside the field and never committed; the last good value stays in force. ArrowUp and
 * ArrowDown step it (by a factor for rates; Shift for a bigger step), within its range. A setting
 * with choices (Adam's epsilon placement) is a list of them instead.
 */
import { useEffect, useId, useState } from 'react';
import { parseHyperparameter, stepHyperparameter, type HyperparameterSpec } from '../catalog';
import { TeX } from './math';

interface Props {
  /** The accessible name, e.g. "Gradient descent Learning rate". */
  name: string;
  spec: HyperparameterSpec;
  value: number;
  onCommit(value: number): void;
  /** Told whether the field holds a valid value, so the cell can refuse to run otherwise. */
  onValidity?(valid: boolean): void;
  disabled?: boolean;
  /** Inline in a run's row: the symbol beside the input instead of the label above it. */
  compact?: boolean;
}

const format = (x: number) => String(x);

export function NumberField({ name, spec, value, onCommit, onValidity, disabled, compact = false }: Props) {
  const [text, setText] = useState(format(value));
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  // A new value from outside (a link, a reset) replaces the text unless the text already means it.
  useEffect(() => {
    setText((t) => {
      const parsed = parseHyperparameter(spec, t);
      return 'value' in parsed && parsed.value === value ? t : format(value);
    });
    setError(null);
  }, [value, spec]);

  useEffect(() => onValidity?.(error === null), [error, onValidity]);

  const change = (t: string) => {
    setText(t);
    const parsed = parseHyperparameter(spec, t);
    if ('error' in parsed) setError(parsed.error);
    else {
      setError(null);
      if (parsed.value !== value) onCommit(parsed.value);
    }
  };

  // A setting that picks one of a few forms: a list of them, by what each means.
  if (spec.choices) {
    return (
      <span className={compact ? 'field compact' : 'field'}>
        <label title={compact ? spec.label : undefined}>
          <span className="field-label">{spec.label} </span>
          <select aria-label={name} value={value} disabled={disabled} onChange={(e) => onCommit(Number(e.target.value))}>
            {spec.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </span>
    );
  }

  return (
    <span className={compact ? 'field compact' : 'field'}>
      <label title={compact ? spec.label : undefined}>
        <span className="field-label">
          {!compact && `${spec.label} `}
          <TeX tex={spec.tex} />
        </span>
        <input
          type="text"
          inputMode="decimal"
          spellCheck={false}
          aria-label={name}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          value={text}
          disabled={disabled}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
            e.preventDefault();
            const next = stepHyperparameter(spec, error ? value : Number(text), e.key === 'ArrowUp' ? 1 : -1, e.shiftKey);
            if (next !== null) change(format(next));
          }}
        />
      </label>
      {error && (
        <span role="alert" id={errorId} className="field-error">
          {error}
        </span>
      )}
    </span>
  );
}
