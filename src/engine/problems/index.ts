/** Problem ids to constructors; every problem takes the parameters its chapter exposes. */
import type { ProblemId } from '../../catalog';
import type { Problem } from '../types';
import { createRosenbrockFit } from './rosenbrock-fit';

export const PROBLEM_FACTORIES: Record<ProblemId, () => Problem> = {
  'rosenbrock-fit': () => createRosenbrockFit(),
};

export function createProblem(id: ProblemId): Problem {
  return PROBLEM_FACTORIES[id]();
}
