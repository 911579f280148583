/**
 * Step, wall time or evaluations on the x-axis of every line chart (cost, not only steps), and the
 * x scale: log or linear. The scale defaults by the step budget (defaultLogX: log from 1,000 steps)
 * and follows the budget until the reader ticks or unticks "log x".
 */
import { useState } from 'react';
import { defaultLogX, X_AXES, type XAxis } from '../charts/semilog';

export { stepBudget } from '../charts/semilog';

/** A lab's x scale: the reader's choice once made, else the default for the step budget. */
export function useLogX(budget: number): [boolean, (log: boolean) => void] {
  const [chosen, setChosen] = useState<boolean | null>(null);
  return [chosen ?? defaultLogX(budget), setChosen];
}

interface Props {
  value: XAxis;
  onChange(x: XAxis): void;
  /** The x scale; the "log x" box shows when onLogX is given. */
  logX?: boolean;
  onLogX?(log: boolean): void;
}

export function XAxisSwitch({ value, onChange, logX = false, onLogX }: Props) {
  return (
    <fieldset className="x-axis">
      <legend>x-axis</legend>
      {Object.entries(X_AXES).map(([id, { label }]) => (
        <label key={id}>
          <input type="radio" name="x-axis" value={id} checked={value === id} onChange={() => onChange(id as XAxis)} />
          {label}
        </label>
      ))}
      {onLogX && <LogXToggle value={logX} onChange={onLogX} />}
    </fieldset>
  );
}

/** The "log x" box alone, for charts without the x-axis choice (chapter 5's race). */
export function LogXToggle({ value, onChange }: { value: boolean; onChange(log: boolean): void }) {
  return (
    <label className="log-x" title="A log x-axis spreads the first steps, where Newton-type methods finish, over as much room as the last thousands">
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} />
      log x
    </label>
  );
}
