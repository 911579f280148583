/** Step, wall time or evaluations on the x-axis of every line chart: cost, not only steps. */
import { X_AXES, type XAxis } from '../charts/semilog';

export function XAxisSwitch({ value, onChange }: { value: XAxis; onChange(x: XAxis): void }) {
  return (
    <fieldset className="x-axis">
      <legend>x-axis</legend>
      {Object.entries(X_AXES).map(([id, { label }]) => (
        <label key={id}>
          <input type="radio" name="x-axis" value={id} checked={value === id} onChange={() => onChange(id as XAxis)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
