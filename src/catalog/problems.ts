import type { Capability } from './optimizers';

export const PROBLEM_IDS = ['rosenbrock-fit'] as const;
export type ProblemId = (typeof PROBLEM_IDS)[number];

export interface ProblemInfo {
  id: ProblemId;
  label: string;
  provides: Capability[];
  /** Names of the parameters, in order (a path is drawn for 2-parameter problems). */
  paramNames: string[];
  defaultStart: number[];
  /** The known minimiser, when there is one, marked on the contour. */
  solution?: number[];
}

export const PROBLEMS: Record<ProblemId, ProblemInfo> = {
  'rosenbrock-fit': {
    id: 'rosenbrock-fit',
    label: "Fitting Rosenbrock's parameters",
    provides: ['grad', 'hessian', 'residuals'],
    paramNames: ['a', 'b'],
    defaultStart: [5, 5],
    solution: [2.5, 2.5],
  },
};

/** Why an optimizer cannot run on a problem, or null when it can. */
export function pairingProblem(
  problem: { provides: Capability[]; dim: number },
  optimizer: { label: string; needs: Capability[]; maxParams?: number },
): string | null {
  const missing = optimizer.needs.filter((c) => !problem.provides.includes(c));
  if (missing.length) return `${optimizer.label} needs ${missing.join(' and ')}, which this problem does not provide.`;
  if (optimizer.maxParams !== undefined && problem.dim > optimizer.maxParams) {
    return `${optimizer.label} solves a dense ${problem.dim} x ${problem.dim} system; it is limited to ${optimizer.maxParams} parameters.`;
  }
  return null;
}
