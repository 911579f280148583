/** Problem ids to constructors; every problem takes the parameters its chapter exposes. */
import type { ProblemId } from '../../catalog';
import type { Problem } from '../types';
import { createNetOnRosenbrock } from './net-on-rosenbrock';
import { createRahimiLinearNet } from './rahimi-linear-net';
import { createRosenbrockFit } from './rosenbrock-fit';
import { createRosenbrockValley } from './rosenbrock-valley';

export interface ProblemOptions {
  /** Seed of the problem's random data and initialisation. */
  seed: number;
}

export const PROBLEM_FACTORIES: Record<ProblemId, (options: ProblemOptions) => Problem> = {
  'rosenbrock-fit': () => createRosenbrockFit(),
  'rosenbrock-valley': () => createRosenbrockValley(),
  'net-on-rosenbrock': ({ seed }) => createNetOnRosenbrock({ seed }),
  'rahimi-linear-net': ({ seed }) => createRahimiLinearNet({ seed }),
};

export function createProblem(id: ProblemId, options: ProblemOptions = { seed: 1 }): Problem {
  return PROBLEM_FACTORIES[id](options);
}
