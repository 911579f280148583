/**
 * A formula typed in one line (chapter 7's f(x, y), chapter 8's model): its fault is shown under it
 * with a caret at the column, else a line on what it reads as. `beside` sits after the input (a
 * preset list).
 */
import { useId, type ReactNode } from 'react';
import type { FormulaError } from '../formula';
import { FormulaErrorView } from './formula-error';

interface Props {
  /** The visible label ("f(x, y) =") and the accessible name ("f(x, y)"). */
  label: string;
  name: string;
  text: string;
  onText(text: string): void;
  error: FormulaError | null;
  summary: string | null;
  beside?: ReactNode;
}

export function FormulaInput({ label, name, text, onText, error, summary, beside }: Props) {
  const errorId = useId();
  return (
    <div className="formula-field">
      <label className="formula-input">
        <span>{label}</span>
        <input
          type="text"
          aria-label={name}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onText(e.target.value)}
        />
      </label>
      {beside}
      {error ? <FormulaErrorView id={errorId} text={text} error={error} /> : summary && <p className="aside">{summary}</p>}
    </div>
  );
}
