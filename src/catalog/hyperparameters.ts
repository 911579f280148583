/** A hyperparameter: its range and how to check a value typed by a person or read from a link. */
export interface HyperparameterSpec {
  name: string;
  label: string;
  /** Math shown beside the field (KaTeX). */
  tex: string;
  default: number;
  /** Exclusive or inclusive bounds; omitted means unbounded. */
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
  integer?: boolean;
  logScale?: boolean;
}

/** Returns null when the value is acceptable, otherwise the reason in plain words. */
export function checkHyperparameter(spec: HyperparameterSpec, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number.`;
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be a whole number.`;
  const { min, max } = spec;
  if (min && (min.inclusive ? value < min.value : value <= min.value)) {
    if (min.value === 0 && !min.inclusive) return `${spec.label} must be positive.`;
    return `${spec.label} must be ${min.inclusive ? 'at least' : 'greater than'} ${min.value}.`;
  }
  if (max && (max.inclusive ? value > max.value : value >= max.value)) {
    return `${spec.label} must be ${max.inclusive ? 'at most' : 'less than'} ${max.value}.`;
  }
  return null;
}

/** Parses the text of a field; returns the number or the reason it is refused. */
export function parseHyperparameter(spec: HyperparameterSpec, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `${spec.label} is required.` };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return { error: `${spec.label} must be a number, such as 5e-4.` };
  const value = Number(trimmed) + 0; // "-0" is 0, as the link will hold it
  const error = checkHyperparameter(spec, value);
  return error ? { error } : { value };
}
