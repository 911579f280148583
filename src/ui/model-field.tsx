/** A fit's model `response = expression`, typed in one line; its fault is shown under it with a caret at the column. */
import { useId } from 'react';
import type { FormulaError } from '../formula';
import { FormulaErrorView } from './formula-error';

interface Props {
  text: string;
  onText(text: string): void;
  error: FormulaError | null;
  /** One line on the model as read (its parameters and predictors), when it reads. */
  summary: string | null;
}

export function ModelField({ text, onText, error, summary }: Props) {
  const errorId = useId();
  return (
    <div className="formula-field">
      <label className="formula-input">
        <span>Model</span>
        <input
          type="text"
          aria-label="Model"
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onText(e.target.value)}
        />
      </label>
      {error ? <FormulaErrorView id={errorId} text={text} error={error} /> : summary && <p className="aside">{summary}</p>}
    </div>
  );
}
