/**
 * The data chapter 8 offers to fit: NIST's seven certified problems (their model, table, two
 * starts and certified answers) and chapter 1's nine Rosenbrock samples. A fit is a preset's when
 * its table is the preset's, number for number; only then, and with NIST's model, are its digits
 * scored against the certified values.
 */
import { loadNist, NIST_DATASETS, type NistProblem } from '../data/nist';
import type { FitSettings } from './user-problems';

export interface FitPreset {
  name: string;
  model: string;
  data: FitSettings['data'];
  /** NIST's start 1 (far) and start 2 (near); chapter 1's one start. */
  starts: number[][];
  /** NIST's certified answers, for a NIST dataset. */
  nist?: NistProblem;
}

/** Chapter 1's samples: z = (a - x)^2 + b (y - x^2)^2 with a = b = 2.5 on the grid {-2, 0, 2}^2, x outer. */
function rosenbrockSamples(): FitPreset {
  const grid = [-2, 0, 2];
  const points = grid.flatMap((x) => grid.map((y) => [x, y, (2.5 - x) ** 2 + 2.5 * (y - x * x) ** 2]));
  return {
    name: 'Rosenbrock (chapter 1)',
    model: 'z = (a - x)^2 + b*(y - x^2)^2',
    data: { names: ['x', 'y', 'z'], columns: [0, 1, 2].map((c) => points.map((p) => p[c])) },
    starts: [[5, 5]],
  };
}

function nistPreset(name: (typeof NIST_DATASETS)[number]['name']): FitPreset {
  const nist = loadNist(name);
  return { name, model: nist.model, data: { names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) }, starts: [[...nist.start1], [...nist.start2]], nist };
}

let presets: readonly FitPreset[] | null = null;

/** The presets, NIST's in the README's order (easiest first), then chapter 1's (parsed once, when first asked for). */
export function fitPresets(): readonly FitPreset[] {
  presets ??= [...NIST_DATASETS.map((d) => nistPreset(d.name)), rosenbrockSamples()];
  return presets;
}

/** The fit chapter 8 opens with: Misra1a from NIST's start 1. */
export const DEFAULT_FIT_PRESET = 'Misra1a';

export function fitPreset(name: string): FitPreset | undefined {
  return fitPresets().find((p) => p.name === name);
}

/** Whether two tables are the same, name for name and number for number (-0 and 0 differ, NaN is NaN). */
export const sameTable = (a: FitSettings['data'], b: FitSettings['data']) =>
  a.names.length === b.names.length &&
  a.names.every((n, i) => n === b.names[i]) &&
  a.columns.every((c, i) => c.length === b.columns[i].length && c.every((x, r) => Object.is(x, b.columns[i][r])));

/** The preset whose table this is, if any. */
export function presetOfData(data: FitSettings['data']): FitPreset | undefined {
  return fitPresets().find((p) => sameTable(p.data, data));
}

const squeeze = (model: string) => model.replace(/\s+/g, '');

/**
 * NIST's certified answers for this fit: its table is a NIST dataset's, its model NIST's (blanks
 * aside) and it is not weighted. Otherwise the certified values answer another question.
 */
export function certifiedFor(fit: Pick<FitSettings, 'model' | 'data' | 'sigma'>): NistProblem | undefined {
  const preset = presetOfData(fit.data);
  return preset?.nist && squeeze(preset.model) === squeeze(fit.model) && fit.sigma === undefined ? preset.nist : undefined;
}

/** A preset's fit settings (unweighted, scaled covariance). */
export const presetFit = (p: FitPreset): FitSettings => ({ model: p.model, data: { names: [...p.data.names], columns: p.data.columns.map((c) => [...c]) }, absoluteSigma: false });
