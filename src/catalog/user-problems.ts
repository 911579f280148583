/**
 * What the reader brings: a function f(x, y) typed as a formula (the problem 'formula', chapter 7)
 * or a model fitted to a table of data (the problem 'fit', chapter 8). The experiment holds it and
 * each run carries it whole; the engine gets plain text and numbers, which it parses, checks and
 * compiles again: a formula never reaches it as anything but text it checks.
 */

export interface FormulaDefinition {
  problem: 'formula';
  /** f(x, y), as typed: "(1 - x)^2 + 100*(y - x^2)^2". */
  f: string;
}

/** A table of numbers by column, each column named (a model's variables are these names). */
export interface DataTable {
  names: string[];
  columns: number[][];
}

export interface FitDefinition {
  problem: 'fit';
  /** "y = b1*(1-exp[-b2*x])": the response, from the data's columns, equal to an expression of them and of the parameters. */
  model: string;
  data: DataTable;
  /** The column of measurement uncertainties: residuals are divided by it, as curve_fit's sigma. */
  sigma?: string;
  /**
   * Whether sigma is absolute, so the covariance is (J^T J)^-1 as it is; otherwise (the default,
   * as NIST and curve_fit do) it is scaled by the residual variance s^2 = RSS / (n - p).
   */
  absoluteSigma?: boolean;
}

export type ProblemDefinition = FormulaDefinition | FitDefinition;

/**
 * A fit as an experiment holds it: its definition, and how many numbers a link left out when the
 * table was too large for it (the table is then empty until the reader loads it again).
 */
export type FitSettings = Omit<FitDefinition, 'problem' | 'absoluteSigma'> & { absoluteSigma: boolean; omitted?: number };

/** A fit's settings as a run carries them. */
export const fitDefinition = ({ model, data, sigma, absoluteSigma }: FitSettings): FitDefinition => ({
  problem: 'fit',
  model,
  data,
  ...(sigma === undefined ? {} : { sigma }),
  absoluteSigma,
});

/**
 * The least-squares convergence test of a fit (RunSpec.xtol): the Gauss-Newton step below this
 * share of the parameters. float32 cannot resolve a step below about 1e-7 of a parameter.
 */
export const FIT_XTOL = { float32: 1e-6, float64: 1e-12 } as const;
