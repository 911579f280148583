/**
 * The engine's contracts. Parameters are a flat float32 tensor of length `dim`; every number that
 * crosses into JavaScript (losses, dense systems, step records) is a float64 JS number.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Capability, HyperparametersOf, OptimizerId, ProblemId, Stop } from '../catalog';

/** A differentiable objective, written only with the second-order-safe ops of `autodiff/ops`. */
export interface Problem {
  id: ProblemId;
  dim: number;
  provides: Capability[];
  /** Scalar loss at parameters p ([dim]). */
  loss(p: tf.Tensor1D): tf.Scalar;
  /**
   * Residuals r (length m, seed convention r = z - zhat) for parameters P of shape [rows, dim],
   * rows = 1 (every residual uses the same parameters) or rows = m (residual i uses row i): the
   * second form gives the m x dim Jacobian in one backward pass. loss = residualScale * sum(r^2).
   */
  residuals?(P: tf.Tensor2D): tf.Tensor1D;
  /**
   * J^T J and J^T r (float64) from the parameters and the residuals r at them, for problems whose
   * Jacobian has a closed form far cheaper than its m x dim rows (chapter 4's Kronecker blocks).
   * Without it the oracle forms J by autodiff.
   */
  normalEquations?(p: ArrayLike<number>, r: ArrayLike<number>): { JtJ: Float64Array; Jtr: Float64Array };
  /** Number of residuals m, when residuals exist. */
  residualCount?: number;
  /** loss = residualScale * sum(r^2): 1/m for a mean squared error, 1 for a sum of squares. */
  residualScale?: number;
  /**
   * The losses of R parameter vectors at once, P [R, dim] -> [R], summed in float32: runs that
   * share the problem and differ only in hyperparameters step together through it (a batch).
   */
  lossBatch?(P: tf.Tensor2D): tf.Tensor1D;
  /**
   * The start when the experiment gives none: a seeded random initialisation, for nets. Drawn from
   * `uniform` when given (a run's own stream, which then draws its minibatches), except by problems
   * whose start is part of their seeded data (chapters 3 and 4, as their seeds drew it).
   */
  initialParams?(uniform?: () => number): number[];
  /**
   * The model's output over an n x n grid of its inputs, beside the true function, for models of
   * two inputs (the net of chapter 3). Row-major: z[j * n + i] is at (x[i], y[j]).
   */
  predictSurface?(p: number[], n: number): { x: Float64Array; y: Float64Array; truth: Float64Array; prediction: Float64Array };
  /**
   * The model's outputs at inputs X [N, inputs] for parameters P [rows, dim], rows = 1 (one model
   * for every point) or rows = N (point i uses row i, so one backward pass gives every point's
   * parameter gradient): [N, outputs]. For models with inputs (the nets of chapters 3 and 5).
   */
  predict?(P: tf.Tensor2D, X: tf.Tensor2D): tf.Tensor2D;
  /**
   * For problems with a training set ('minibatches'): per entry of `counts`, the losses [R] and
   * gradients [R, dim] of the rows of P [R, dim] on that many examples drawn with replacement by
   * `uniform` (one draw after another), the same examples for every row, so rows that race see the
   * same minibatches. First order only.
   */
  sample?(P: tf.Tensor2D, counts: readonly number[], uniform: () => number): { loss: tf.Tensor1D; grad: tf.Tensor2D }[];
  /** Loss on held-out data, for problems with a validation set (float64 JS number). */
  validationLoss?(p: tf.Tensor1D): number;
  /** Frees the problem's constant tensors. */
  dispose(): void;
}

/** Counts of what a run asked the problem for; compared across methods as cost. */
export interface EvalCounts {
  f: number;
  grad: number;
  hvp: number;
  jac: number;
}

/** What an optimizer may ask of a problem; every call is counted. */
export interface Oracle {
  dim: number;
  counts: EvalCounts;
  /** The loss as a float64 JS number (from float64 sums of float32 residuals where they exist). */
  loss(p: tf.Tensor1D): number;
  valueAndGrad(p: tf.Tensor1D): { loss: number; grad: tf.Tensor1D };
  /** Gradients on `counts[i]` training examples, drawn in turn from the run's seeded stream ('minibatches'). */
  sample(p: tf.Tensor1D, counts: readonly number[]): tf.Tensor1D[];
  /** The run's seeded source in [0, 1): its minibatches, and a rule's random start (PSGD's C). */
  uniform: () => number;
  hvp(p: tf.Tensor1D, v: tf.Tensor1D): tf.Tensor1D;
  /** Dense Hessian (dim x dim, row-major, float64) by double backprop. */
  hessian(p: tf.Tensor1D): Float64Array;
  /** Residuals (float64), row-major m x dim Jacobian J = dr/dp, and the loss = scale * sum(r^2). */
  residualsAndJacobian(p: tf.Tensor1D): { r: Float64Array; J: Float64Array; m: number; scale: number; loss: number };
  /** J^T J, J^T r (float64), scale and loss at p: the problem's closed form when it has one, else from the Jacobian. */
  normalEquations(p: tf.Tensor1D): { JtJ: Float64Array; Jtr: Float64Array; scale: number; loss: number };
}

/** Every optimizer's state carries the evaluation at its parameters; the rest is its own. */
export interface OptimizerState {
  params: tf.Tensor1D;
  /** Loss at params. */
  loss: number;
  /** Euclidean norm of the loss gradient at params. */
  gradNorm: number;
  /** Damping, for methods that have one. */
  mu?: number;
  /** Trial steps rejected during the step that produced this state. */
  rejected?: number;
}

/**
 * init evaluates the start; step returns a new state (nothing changed in place) or a stop, such as
 * 'singular' when the step's linear system cannot be solved. Both run inside tf.tidy.
 */
export interface Optimizer<Id extends OptimizerId = OptimizerId, S extends OptimizerState = OptimizerState> {
  id: Id;
  init(params: tf.Tensor1D, oracle: Oracle, hp: HyperparametersOf<Id>): S;
  step(state: S, oracle: Oracle, hp: HyperparametersOf<Id>): S | Stop;
}

/** One row of the streamed columns. Step 0 is the start. */
export interface StepRecord {
  step: number;
  loss: number;
  gradNorm: number;
  /** NaN when the method has no mu. */
  mu: number;
  rejected: number;
  /** Loss on the validation set; NaN when the problem has none. */
  validation: number;
  /**
   * BFGS's inverse-Hessian estimate against the true inverse Hessian at the step's parameters,
   * ||B - H^-1||_F / ||H^-1||_F (curvature/inverse-hessian-error); NaN for other methods.
   */
  inverseHessianError: number;
  elapsedMs: number;
  evals: EvalCounts;
  params: Float64Array;
}
