/** Problem ids to constructors; every problem takes the parameters its chapter exposes. */
import { defaultFit, DEFAULT_FORMULA_PRESET, type ProblemDefinition, type ProblemId } from '../../catalog';
import type { Problem } from '../types';
import type { DigitsSplit } from './digits-data';
import { createDigitsMlp } from './digits-mlp';
import { createFitProblem } from './fit-model';
import { createFormulaProblem } from './formula-function';
import { createNetOnRosenbrock } from './net-on-rosenbrock';
import { createRahimiLinearNet } from './rahimi-linear-net';
import { createRosenbrockFit } from './rosenbrock-fit';
import { createRosenbrockValley } from './rosenbrock-valley';

/** The data a problem trains on when it is too large to build: loaded by the caller, who fetches it. */
export interface ProblemData {
  /** The digits data, split (digits-mlp). */
  digits?: DigitsSplit;
}

export interface ProblemOptions extends ProblemData {
  /** Seed of the problem's random data and initialisation. */
  seed: number;
  /** What a problem the reader brings is: the formula of 'formula', the model and data of 'fit'. */
  definition?: ProblemDefinition;
}

export const PROBLEM_FACTORIES: Record<ProblemId, (options: ProblemOptions) => Problem> = {
  'rosenbrock-fit': () => createRosenbrockFit(),
  'rosenbrock-valley': () => createRosenbrockValley(),
  'net-on-rosenbrock': ({ seed }) => createNetOnRosenbrock({ seed }),
  'rahimi-linear-net': ({ seed }) => createRahimiLinearNet({ seed }),
  // A run on 'formula' carries its formula; without one, the chapter's default.
  formula: ({ definition }) => createFormulaProblem(definition?.problem === 'formula' ? definition : { problem: 'formula', f: DEFAULT_FORMULA_PRESET.f }),
  'digits-mlp': ({ seed, digits }) => {
    if (!digits) throw new Error('The digits net needs the digits data, loaded and split.');
    return createDigitsMlp(digits, { seed });
  },
  // A run on 'fit' carries its model and table; without them, the chapter's default fit.
  fit: ({ definition }) => createFitProblem(definition?.problem === 'fit' ? definition : { problem: 'fit', ...defaultFit() }),
};

/** Throws, with the fault, when a reader's definition does not make a problem (the page checks it first). */
export function createProblem(id: ProblemId, options: ProblemOptions = { seed: 1 }): Problem {
  return PROBLEM_FACTORIES[id](options);
}
