/** Problem ids to constructors; every problem takes the parameters its chapter exposes. */
import type { ProblemDefinition, ProblemId, UserProblemId } from '../../catalog';
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
  /** What a problem the reader brings is ('formula', 'fit'). */
  definition?: ProblemDefinition;
}

export const PROBLEM_FACTORIES: Record<ProblemId, (options: ProblemOptions) => Problem> = {
  'rosenbrock-fit': () => createRosenbrockFit(),
  'rosenbrock-valley': () => createRosenbrockValley(),
  'net-on-rosenbrock': ({ seed }) => createNetOnRosenbrock({ seed }),
  'rahimi-linear-net': ({ seed }) => createRahimiLinearNet({ seed }),
  'digits-mlp': ({ seed, digits }) => {
    if (!digits) throw new Error('The digits net needs the digits data, loaded and split.');
    return createDigitsMlp(digits, { seed });
  },
};

/** Throws, with the fault, when a reader's definition does not make a problem (the page checks it first). */
export function createProblem(id: ProblemId | UserProblemId, options: ProblemOptions = { seed: 1 }): Problem {
  if (id !== 'formula' && id !== 'fit') return PROBLEM_FACTORIES[id](options);
  const { definition } = options;
  if (definition?.problem !== id) throw new Error(`A '${id}' problem needs its definition.`);
  return definition.problem === 'formula' ? createFormulaProblem(definition) : createFitProblem(definition);
}
