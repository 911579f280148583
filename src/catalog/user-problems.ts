/**
 * What the reader brings: a function f(x, y) typed as a formula (the problem 'formula', chapter 6,
 * whose experiment holds the text), or a model fitted to a table of data ('fit', a problem each run
 * carries the whole definition of). Either way the engine gets plain text and numbers, which it
 * parses, checks and compiles again: a formula never reaches it as anything but text it checks.
 */
export const USER_PROBLEM_IDS = ['fit'] as const;
export type UserProblemId = (typeof USER_PROBLEM_IDS)[number];

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
 * The least-squares convergence test of a fit (RunSpec.xtol): the Gauss-Newton step below this
 * share of the parameters. float32 cannot resolve a step below about 1e-7 of a parameter.
 */
export const FIT_XTOL = { float32: 1e-6, float64: 1e-12 } as const;

/**
 * A fit's hyperparameters where they differ from the optimizers' own: Levenberg-Marquardt starts
 * with little damping. From NIST's Eckerle4 start 1 (b3 = 500 against a certified 451.5) the
 * catalog's mu0 = 3 (chapter 1's, from the seed) leads our LM, whose damping mu I is not scaled to
 * the parameters, to another local minimum (LRE 0, measured); mu0 = 1e-3 certifies all seven.
 */
export const FIT_HYPERPARAMETERS = { lm: { mu0: 1e-3 } } as const;

export const isUserProblem = (id: string): id is UserProblemId => (USER_PROBLEM_IDS as readonly string[]).includes(id);
