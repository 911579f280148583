import type { BackendId, Precision } from './backends';
import type { Capability, Hyperparameters, OptimizerId } from './optimizers';

export const PROBLEM_IDS = ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'digits-mlp', 'formula', 'fit'] as const;
export type ProblemId = (typeof PROBLEM_IDS)[number];

export interface ProblemInfo {
  id: ProblemId;
  label: string;
  provides: Capability[];
  /** Number of parameters (dense methods are refused above their limit); for a fit, the most a model may have. */
  dim: number;
  /** Whether the model the reader writes decides the parameters (their names and the start's length). */
  modelParameters?: boolean;
  /** The precision the chapter opens in, when not float32. */
  defaultPrecision?: Precision;
  /** Max steps of the chapter's default experiment (the schema's default otherwise). */
  maxSteps?: number;
  /** Whether the problem keeps a validation set, whose loss is streamed beside the training loss. */
  validation?: boolean;
  /** Whether the model maps two inputs to one output, so its prediction can be drawn as a surface. */
  predictsSurface?: boolean;
  /** The optimizers the chapter runs by default, in order. */
  optimizers: OptimizerId[];
  /** The default runs when they are more than one per optimizer (several learning rates, say). */
  runs?: { optimizer: OptimizerId; hp?: Hyperparameters; maxSteps?: number }[];
  /** Hyperparameters for this problem that differ from the optimizers' own defaults. */
  defaults: Partial<Record<OptimizerId, Hyperparameters>>;
  /** Names of the parameters, in order (a path is drawn for 2-parameter problems). */
  paramNames: string[];
  defaultStart: number[];
  /** The known minimiser, when there is one, marked on the contour. */
  solution?: number[];
  /**
   * Where 'auto' starts: the backend `npm run bench` measured faster for this problem. 'auto' moves
   * to the other only when it measures clearly cheaper on the reader's machine, so that the same
   * link runs on the same backend (and rounds the same way) unless the machine is really different.
   */
  defaultBackend: BackendId;
  /** The smallest nonzero loss float32 parameters can reach near the minimum, and why. */
  float32Floor?: PrecisionFloor;
  /** The same for float64 (the cpu64 backend). */
  float64Floor?: PrecisionFloor;
}

/** A precision's floor, drawn as a line on the loss chart. */
export interface PrecisionFloor {
  loss: number;
  why: string;
  /** The data seed it was measured on, when it depends on the data: not drawn for other seeds. */
  seed?: number;
}

/**
 * The fixed damping of chapter 4's least-squares steps: 7 orders below the smallest nonzero
 * eigenvalue of J^T J (12.5) and 2 above Cholesky's pivot cut-off; see rahimi-linear-net.test.ts.
 */
const RAHIMI_DAMPING = 1e-6;

export const PROBLEMS: Record<ProblemId, ProblemInfo> = {
  'rosenbrock-fit': {
    id: 'rosenbrock-fit',
    label: "Fitting Rosenbrock's parameters",
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    dim: 2,
    // The seed's five methods and settings (seed 000, cells 8-11).
    optimizers: ['gd', 'adam', 'newton', 'gauss-newton', 'lm'],
    defaults: { gd: { lr: 5e-4 }, adam: { lr: 15 } },
    paramNames: ['a', 'b'],
    defaultStart: [5, 5],
    defaultBackend: 'cpu',
    solution: [2.5, 2.5],
    float32Floor: {
      loss: 1e-13,
      why: 'Parameters are float32: the nearest float32 points to (2.5, 2.5) are 2.4e-7 away, and the smallest nonzero loss float32 computes there is 1.0e-13, so below the dashed line only an exact 0 is possible.',
    },
    float64Floor: {
      loss: 3.5e-31,
      why: 'In float64 the nearest points to (2.5, 2.5) are 4.4e-16 away; the smallest nonzero loss float64 computes within 8 of them is 3.5e-31.',
    },
  },
  'rosenbrock-valley': {
    id: 'rosenbrock-valley',
    label: 'The Rosenbrock valley',
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    dim: 2,
    optimizers: ['gd', 'momentum', 'rmsprop', 'adam', 'newton', 'newton-cg', 'gauss-newton', 'lm'],
    // Step sizes that stay stable from (-1.2, 1): gd diverges above ~2e-3 here.
    defaults: { gd: { lr: 1e-3 }, momentum: { lr: 2e-4 }, rmsprop: { lr: 1e-3 }, adam: { lr: 2e-2 }, lm: { mu0: 1 } },
    paramNames: ['x', 'y'],
    defaultStart: [-1.2, 1],
    defaultBackend: 'cpu',
    solution: [1, 1],
    float32Floor: {
      loss: 3.6e-15,
      why: 'Parameters are float32: the float32 points near (1, 1) give losses of 3.6e-15 and more (the lowest one step along x and two along y, following the valley), so below the dashed line only an exact 0 is possible.',
    },
    float64Floor: {
      loss: 1.2e-32,
      why: 'In float64 the points near (1, 1) give losses of 1.2e-32 and more (the lowest one step along x and two along y, following the valley).',
    },
  },
  'net-on-rosenbrock': {
    id: 'net-on-rosenbrock',
    label: 'A neural net on Rosenbrock data',
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    dim: 41,
    maxSteps: 5000,
    validation: true,
    predictsSurface: true,
    // The seed's methods (seed 000, cells 12-20), with Newton-CG beside them.
    optimizers: ['adam', 'gauss-newton', 'lm', 'newton-cg'],
    defaults: { adam: { lr: 1e-2 }, 'newton-cg': { cgIters: 20, damping: 1e-2 } },
    paramNames: [],
    // No start to type: the net starts from a seeded Xavier initialisation.
    defaultStart: [],
    defaultBackend: 'wasm',
  },
  'rahimi-linear-net': {
    id: 'rahimi-linear-net',
    label: "Rahimi's ill-conditioned linear net",
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    dim: 96,
    maxSteps: 3000,
    optimizers: ['gd', 'adam', 'gauss-newton'],
    defaults: { gd: { lr: 1e-5 }, momentum: { lr: 1e-6 }, rmsprop: { lr: 1e-3 }, adam: { lr: 1e-3 }, 'gauss-newton': { lr: 0.2, damping: RAHIMI_DAMPING } },
    // Seed 002's ten runs: four learning rates each for gradient descent and Adam (3,000 steps),
    // and least-squares steps scaled by 0.05 and 0.2 (200 steps). J^T J has rank 60 of 96, so the
    // least-squares step needs a small damping to be (nearly) the minimum-norm one.
    runs: [
      ...[1e-6, 1e-5, 1e-4, 1e-3].map((lr) => ({ optimizer: 'gd' as const, hp: { lr } })),
      ...[1e-5, 1e-4, 1e-3, 1e-2].map((lr) => ({ optimizer: 'adam' as const, hp: { lr } })),
      ...[0.05, 0.2].map((lr) => ({ optimizer: 'gauss-newton' as const, hp: { lr, damping: RAHIMI_DAMPING }, maxSteps: 200 })),
    ],
    paramNames: [],
    defaultStart: [],
    defaultBackend: 'wasm',
    float32Floor: {
      seed: 1,
      loss: 3e-10,
      why: 'In float32 the least-squares run at step scale 0.2 comes down to 3e-10 to 7e-10 and stops there as stalled, its step rounded to nothing (step 180 for seed 1, measured): the round-off of 10,000 residuals whose data carry seven significant digits.',
    },
    float64Floor: {
      seed: 1,
      loss: 1.7e-27,
      why: 'In float64 the same run comes down to 1.7e-27 in its 200 steps (seed 1, measured; the seed notebook reached about 1e-26).',
    },
  },
  'digits-mlp': {
    id: 'digits-mlp',
    label: 'A classifier of handwritten digits',
    provides: ['grad', 'hvp', 'minibatches'],
    // 61 inputs (the pixels that vary on the training split of seed 1), 32 hidden units, 10 classes.
    // The engine counts the pixels of the split it is given; this number only decides refusals.
    dim: 2314,
    maxSteps: 3200,
    validation: true,
    // Chapter 5's training race: preconditioned SGD against plain SGD at its learning rate and
    // Adam at the usual 1e-3, every one on the same minibatches.
    optimizers: ['psgd', 'gd', 'adam'],
    defaults: { gd: { lr: 0.01 }, adam: { lr: 1e-3 } },
    paramNames: [],
    defaultStart: [],
    defaultBackend: 'wasm',
  },
  formula: {
    id: 'formula',
    label: 'Your own function',
    // The most a formula gives: residuals only when it is written as a sum of squares (the page
    // and the engine check which it is).
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    dim: 2,
    maxSteps: 5000,
    optimizers: ['gd', 'momentum', 'adam', 'newton', 'newton-cg', 'lm'],
    // Step sizes that stay stable on the presets from their starts (Himmelblau from (0, 0): gd
    // diverges above about 2e-2).
    defaults: { gd: { lr: 5e-3 }, momentum: { lr: 1e-3 }, rmsprop: { lr: 1e-2 }, adam: { lr: 5e-2 }, lm: { mu0: 1 } },
    paramNames: ['x', 'y'],
    defaultStart: [0, 0],
    defaultBackend: 'cpu',
  },
  fit: {
    id: 'fit',
    label: 'Your own data',
    provides: ['grad', 'hvp', 'hessian', 'residuals'],
    // The start holds at most 64 numbers: the most parameters a model may have.
    dim: 64,
    modelParameters: true,
    maxSteps: 5000,
    // Certified digits are a float64 matter; float32 beside it shows what single precision keeps.
    defaultPrecision: 'compare',
    optimizers: ['lm', 'gauss-newton', 'adam', 'gd'],
    // LM starts with little damping: from NIST's Eckerle4 start 1 (b3 = 500 against a certified
    // 451.5) chapter 1's mu0 = 3 leads our LM, whose damping mu I is not scaled to the parameters,
    // to another local minimum (LRE 0, measured); mu0 = 1e-3 certifies all seven. The first-order
    // rates are ones that do not blow up on Misra1a from start 1, in float64 over 5,000 steps
    // (measured: Adam 1e-4, gradient descent and momentum 1e-12 and RMSProp 1e-6 end near an RSS of
    // 19.5, far from the certified 0.1246; gradient descent at 3e-12 and RMSProp at 1e-5 end higher).
    defaults: { lm: { mu0: 1e-3 }, adam: { lr: 1e-4 }, gd: { lr: 1e-12 }, momentum: { lr: 1e-12 }, rmsprop: { lr: 1e-6 } },
    paramNames: [],
    // Misra1a's start 1, the default fit's (catalog/fit-presets).
    defaultStart: [500, 1e-4],
    defaultBackend: 'cpu',
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
    return `${optimizer.label} works on a dense ${problem.dim} x ${problem.dim} matrix; it is limited to ${optimizer.maxParams} parameters (Newton-CG and L-BFGS need none).`;
  }
  return null;
}
