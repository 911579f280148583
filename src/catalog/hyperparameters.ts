/** A hyperparameter: its range and how to check a value typed by a person or read from a link. */
export interface HyperparameterSpec {
  name: string;
  label: string;
  /** A few characters that name it in a run's name ("lr", "β1"); the name when omitted. */
  short?: string;
  /** Math shown beside the field (KaTeX). */
  tex: string;
  default: number;
  /** Exclusive or inclusive bounds; omitted means unbounded. */
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
  integer?: boolean;
  logScale?: boolean;
  /**
   * For a setting that picks one of a few forms (Adam's epsilon placement): the only values it
   * takes, each with what it means. Links and configs still hold the number; the page shows the
   * labels. A spec with choices also states them as a range (whole numbers from the least to the
   * greatest), for whatever reads only the range. `short` names the choice in a run's name.
   */
  choices?: readonly { value: number; label: string; short: string }[];
}

/** "0 (TF1) or 1 (paper)": a spec's choices, for its messages. */
const choiceList = (choices: readonly { value: number; label: string }[]) => {
  const items = choices.map((c) => `${c.value} (${c.label})`);
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
};

/** Returns null when the value is acceptable, otherwise the reason in plain words. */
export function checkHyperparameter(spec: HyperparameterSpec, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number.`;
  if (spec.choices && !spec.choices.some((c) => c.value === value)) return `${spec.label} must be ${choiceList(spec.choices)}.`;
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

/** A number as a person types it in a field: 5e-4, -.5, +2, 1.E3 (no hex, no blanks, no words). */
export const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses the text of a field; returns the number or the reason it is refused. */
export function parseHyperparameter(spec: HyperparameterSpec, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `${spec.label} is required.` };
  if (!NUMBER_TEXT.test(trimmed)) return { error: `${spec.label} must be a number, such as 5e-4.` };
  const value = Number(trimmed) + 0; // "-0" is 0, as the link will hold it
  const error = checkHyperparameter(spec, value);
  return error ? { error } : { value };
}

/**
 * The value an arrow key steps a field to (direction +1 up, -1 down; `big` with Shift), or null
 * when that step would leave the spec's range. A spec with choices steps to the nearest choice
 * above or below (`big` changes nothing). Log-scale values (rates, dampings, targets) move by
 * a factor, 2 or 10, and keep three significant digits; whole numbers by 1 or 10; others by 0.1
 * or 1, on that grid (so 0.3 + 0.1 is 0.4, not 0.30000000000000004).
 */
export function stepHyperparameter(spec: HyperparameterSpec, value: number, direction: 1 | -1, big = false): number | null {
  if (spec.choices) {
    const beyond = spec.choices.map((c) => c.value).filter((x) => (x - value) * direction > 0);
    return beyond.length ? (direction > 0 ? Math.min(...beyond) : Math.max(...beyond)) : null;
  }
  let next: number;
  if (spec.logScale && value > 0) next = Number((value * (big ? 10 : 2) ** direction).toPrecision(3));
  else if (spec.integer) next = value + direction * (big ? 10 : 1);
  else {
    // On the grid, one unit along; off it (2.55), to the grid point that way (2.5 down, 2.6 up).
    const unit = big ? 1 : 0.1;
    const k = value / unit;
    const on = Math.abs(k - Math.round(k)) < 1e-9;
    const to = on ? Math.round(k) + direction : direction > 0 ? Math.ceil(k) : Math.floor(k);
    next = Number((to * unit).toPrecision(12));
  }
  return checkHyperparameter(spec, next) === null ? next : null;
}
