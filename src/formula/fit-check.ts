/**
 * Whether a model and a table make a fit, shared by the page (each fault shown at its field as
 * the reader types) and the engine (which checks again what it is sent): the model against the
 * table's columns, at least as many rows as parameters, a finite response on every row and a
 * positive, finite uncertainty where a sigma column weights the residuals. Never throws.
 */
import { evaluate } from './evaluate';
import type { FormulaError } from './errors';
import { checkModel, type CheckedModel } from './problems';

/** A fit as the page and a run hold it (the catalog's FitSettings). */
export interface FitInput {
  model: string;
  data: { names: readonly string[]; columns: readonly (readonly number[])[] };
  sigma?: string;
}

/** The first fault of a fit, and the field it belongs to: the model (with its column), the table or sigma (with the 0-based index of the row at fault, when one is). */
export type FitFault = { field: 'model'; error: FormulaError } | { field: 'data' | 'sigma'; message: string; row?: number };

export interface CheckedFit {
  model: CheckedModel;
  rows: number;
  /** g(data_i): the response's transform of each row (y itself, or log(y)...), in float64. */
  target: Float64Array;
  /** 1 / sigma_i, or 1 everywhere without a sigma column. */
  weight: Float64Array;
}

export type FitCheck = { ok: true; value: CheckedFit } | { ok: false; fault: FitFault };

const rowOf = (data: FitInput['data'], i: number) => Object.fromEntries(data.names.map((name, c) => [name, data.columns[c][i]]));

/**
 * `rowName` names row i (0-based) in messages: "Row 3" by default; the page, which shows the text
 * the table was read from, names the line instead.
 */
export function checkFit({ model, data, sigma }: FitInput, rowName = (i: number) => `Row ${i + 1}`): FitCheck {
  const checked = checkModel(model, data.names);
  if (!checked.ok) return { ok: false, fault: { field: 'model', error: checked.error } };
  const rows = data.columns[0]?.length ?? 0;
  const dim = checked.value.parameters.length;
  if (rows < dim) return { ok: false, fault: { field: 'data', message: `The data has ${rows} row${rows === 1 ? '' : 's'} for ${dim} parameters: a fit needs at least as many rows as parameters.` } };
  const sigmaColumn = sigma === undefined ? null : data.columns[data.names.indexOf(sigma)];
  if (sigma !== undefined && !sigmaColumn) return { ok: false, fault: { field: 'sigma', message: `There is no column '${sigma}' for the uncertainties.` } };
  const target = new Float64Array(rows);
  const weight = new Float64Array(rows).fill(1);
  for (let i = 0; i < rows; i++) {
    target[i] = evaluate(checked.value.response, rowOf(data, i));
    if (!Number.isFinite(target[i])) return { ok: false, fault: { field: 'data', message: `${rowName(i)}: the response is not a finite number there.`, row: i } };
    if (sigmaColumn) {
      const s = sigmaColumn[i];
      if (!(s > 0) || !Number.isFinite(s)) return { ok: false, fault: { field: 'sigma', message: `${rowName(i)}, column '${sigma}': an uncertainty must be a positive number, got ${s}.`, row: i } };
      weight[i] = 1 / s;
    }
  }
  return { ok: true, value: { model: checked.value, rows, target, weight } };
}

/** A fault as one line of text (the engine's and the command line's message). */
export const faultMessage = (fault: FitFault): string => (fault.field === 'model' ? fault.error.message : fault.message);
