/** Problem ids to constructors; every problem takes the parameters its chapter exposes. */
import type { ProblemId } from '../../catalog';
import type { Problem } from '../types';
import type { DigitsSplit } from './digits-data';
import { createDigitsMlp } from './digits-mlp';
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

export function createProblem(id: ProblemId, options: ProblemOptions = { seed: 1 }): Problem {
  return PROBLEM_FACTORIES[id](options);
}
