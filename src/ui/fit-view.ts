/**
 * What chapter 8's page shows of a run's fit, computed on the page from the run's own definition:
 * which runs have a report, which one the page opens, where the curve is drawn and each
 * observation's fitted value and residual (in float64, by the formula's plain evaluator).
 */
import type { FitDefinition, StopReason } from '../catalog';
import { evaluate } from '../formula';
import { checkFit } from '../formula/fit-check';
import { checkModel } from '../formula/problems';
import { lastParams } from '../state/series';
import type { RunView } from '../state/runs-store';

/** Stops after which a run's parameters are not a fit's: a failure of the machine, or numbers that are not finite. */
const NO_REPORT: readonly StopReason[] = ['diverged', 'error', 'engine-lost', 'context-lost'];

/** A run whose fit has a report: stopped, on its own definition, with parameters that are numbers. */
export function reportable(r: RunView): r is RunView & { definition: FitDefinition } {
  return r.definition?.problem === 'fit' && r.stop !== null && !NO_REPORT.includes(r.stop.reason) && r.series.length > 0 && lastParams(r.series).every(Number.isFinite);
}

/** The report the page opens with: Levenberg-Marquardt's in float64 when it has one, else the reportable run of lowest loss. */
export function defaultReportRun(runs: RunView[]): RunView | undefined {
  const candidates = runs.filter(reportable);
  const lm = candidates.find((r) => r.optimizer === 'lm' && r.precision === 'float64');
  if (lm) return lm;
  const loss = (r: RunView) => r.series.columns.loss[r.series.length - 1];
  return candidates.reduce<RunView | undefined>((best, r) => (best === undefined || loss(r) < loss(best) ? r : best), undefined);
}

/** The points of the fitted curve's grid: across the one predictor's range. */
export const BAND_POINTS = 200;

/** The model's one predictor, its values and the grid the curve is drawn on; null with several (or none). */
export function curveGrid(definition: FitDefinition): { name: string; values: number[]; grid: number[] } | null {
  const checked = checkModel(definition.model, definition.data.names);
  if (!checked.ok || checked.value.predictors.length !== 1) return null;
  const name = checked.value.predictors[0];
  const values = definition.data.columns[definition.data.names.indexOf(name)];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const grid = lo === hi ? [lo] : Array.from({ length: BAND_POINTS }, (_, i) => lo + ((hi - lo) * i) / (BAND_POINTS - 1));
  return { name, values, grid };
}

export interface Residuals {
  /** The response as the model reads it (y, or log(y)...). */
  target: Float64Array;
  fitted: Float64Array;
  /** w (target - fitted), w = 1/sigma or 1: what the fit squares and sums. */
  residuals: Float64Array;
}

/** Each observation's fitted value and residual at `params` (null when the definition does not check). */
export function residualsAt(definition: FitDefinition, params: readonly number[]): Residuals | null {
  const checked = checkFit(definition);
  if (!checked.ok) return null;
  const { model, rows, target, weight } = checked.value;
  const { names, columns } = definition.data;
  const values: Record<string, number> = Object.fromEntries(model.parameters.map((p, k) => [p, params[k]]));
  const predictors = model.predictors.map((p) => [p, columns[names.indexOf(p)]] as const);
  const fitted = new Float64Array(rows);
  const residuals = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (const [p, column] of predictors) values[p] = column[i];
    fitted[i] = evaluate(model.expression, values);
    residuals[i] = weight[i] * (target[i] - fitted[i]);
  }
  return { target, fitted, residuals };
}
