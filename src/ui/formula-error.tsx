/** A formula's fault at its field: the parser's message, and the text with a caret under the column it names. */
import type { FormulaError } from '../formula';

export function FormulaErrorView({ id, text, error }: { id: string; text: string; error: FormulaError }) {
  return (
    <div className="field-error" role="alert" id={id}>
      <p>{error.message}</p>
      <pre aria-hidden="true">{`${text}\n${' '.repeat(Math.max(0, error.column - 1))}^`}</pre>
    </div>
  );
}
