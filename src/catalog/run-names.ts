/**
 * What a run of an experiment is called: one home for the two rules, so that the settings, the
 * charts, the table and the exports cannot disagree.
 *
 * - numberedName: "Adam", "Adam 2", by place among the runs of its optimizer. The settings rows
 *   name their fields with it, and a field's name must not change while the reader types into it.
 * - runName: what charts, legends, tables and exports call a run. A run alone with its optimizer
 *   is the optimizer's label; runs of one optimizer are told apart by the settings that differ
 *   among them ("Gradient descent, lr 1e-4"; "Adam, lr 1e-3, β1 0.8"), so a legend reads without
 *   the settings beside it. Runs with the same settings are numbered ("Adam", "Adam 2").
 *
 * Every run of an experiment gets a name of its own: values are written to 3 significant digits,
 * more where 3 would make two different values look the same.
 */
import type { HyperparameterSpec } from './hyperparameters';
import { OPTIMIZERS, type Hyperparameters, type OptimizerId } from './optimizers';

/** What naming needs of a run (an experiment's RunConfig is one). */
export interface NamedRun {
  optimizer: OptimizerId;
  hp: Hyperparameters;
  /** The run's own step limit; without it, the experiment's. */
  maxSteps?: number;
}

/** "Adam", or "Adam 2" for the second Adam of the list, whatever its settings. */
export function numberedName(runs: readonly { optimizer: OptimizerId }[], index: number): string {
  const { optimizer } = runs[index];
  const before = runs.slice(0, index).filter((r) => r.optimizer === optimizer).length;
  return before ? `${OPTIMIZERS[optimizer].label} ${before + 1}` : OPTIMIZERS[optimizer].label;
}

/**
 * A number as a run's name writes it: `digits` significant digits, trailing zeros dropped, in
 * exponent form below 0.01 and from 10,000 (1e-4, 2.5e-3, 0.05, 0.9, 32, 1e5), as the chapters
 * write learning rates.
 */
export function compactNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const r = Number(x.toPrecision(digits));
  const a = Math.abs(r);
  return a >= 0.01 && a < 1e4 ? String(r) : r.toExponential().replace('e+', 'e');
}

const same = (a: number | undefined, b: number | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

const whole = (x: number | undefined) => (x === undefined ? 'default' : String(x));

/**
 * The values of one setting across a group, written with the fewest significant digits (3 or
 * more) that keep different values different. At 17 digits every double reads back as itself.
 */
function compactWriter(values: (number | undefined)[]): (x: number | undefined) => string {
  const distinct = values.filter((x, i) => values.findIndex((y) => same(x, y)) === i);
  for (let digits = 3; ; digits++) {
    const text = (x: number | undefined) => (x === undefined ? 'default' : compactNumber(x, digits));
    if (digits >= 17 || new Set(distinct.map(text)).size === distinct.length) return text;
  }
}

interface Setting {
  of(r: NamedRun): number | undefined;
  /** "lr 1e-3", "200 steps". */
  part(text: string): string;
  /** Whole numbers (step limits, a minibatch size) are written in full. */
  integer: boolean;
}

/**
 * The name of run `index` (see the header). `maxSteps` is the experiment's step limit, for runs
 * without their own: two runs that stop at different step limits are told apart by them too.
 */
export function runName(runs: readonly NamedRun[], index: number, maxSteps?: number): string {
  const run = runs[index];
  const info = OPTIMIZERS[run.optimizer];
  const group = runs.filter((r) => r.optimizer === run.optimizer);
  if (group.length === 1) return info.label;
  // The optimizer's settings in its own order, then any its specs do not list (none once parsed).
  const specs: readonly HyperparameterSpec[] = info.hyperparameters;
  const known = specs.map((h) => h.name);
  const extra = [...new Set(group.flatMap((r) => Object.keys(r.hp)))].filter((k) => !known.includes(k)).sort();
  const settings: Setting[] = [...known, ...extra].map((key) => {
    const spec = specs.find((h) => h.name === key);
    const choice = (text: string) => spec?.choices?.find((c) => String(c.value) === text)?.short;
    return {
      of: (r) => (Object.hasOwn(r.hp, key) ? r.hp[key] : undefined),
      // A choice by its own name ("PyTorch ε"), a number after the setting's ("lr 1e-3").
      part: (text) => choice(text) ?? `${spec?.short ?? key} ${text}`,
      integer: spec?.integer === true,
    };
  });
  settings.push({ of: (r) => r.maxSteps ?? maxSteps, part: (text) => `${text} steps`, integer: true });
  const differing = settings.filter((s) => group.some((r) => !same(s.of(r), s.of(group[0]))));
  const parts = differing.map((s) => s.part((s.integer ? whole : compactWriter(group.map(s.of)))(s.of(run))));
  // Runs whose settings are all the same are numbered by place among themselves.
  const twins = runs.slice(0, index).filter((r) => r.optimizer === run.optimizer && settings.every((s) => same(s.of(r), s.of(run)))).length;
  return [twins ? `${info.label} ${twins + 1}` : info.label, ...parts].join(', ');
}
