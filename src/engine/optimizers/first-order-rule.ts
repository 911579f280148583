/**
 * A first-order update rule written once for any shape, so one rule serves a single run (p and g
 * [dim], hyperparameters float32 scalars) and a batch of runs stepping together (p and g [R, dim],
 * hyperparameters [R, 1] columns that broadcast along each row).
 */
import type { HyperparametersOf, OptimizerId } from '../../catalog';
import { stalled, unchangedRows } from '../run/stop-rule';
import { tf } from '../tf';
import type { Optimizer } from '../types';
import { evaluateAt, unchanged, type GradientState } from './first-order-state';

export type Tensors = Record<string, tf.Tensor>;

export interface FirstOrderRule<Id extends OptimizerId = OptimizerId> {
  /** The numbers the update reads, from the run's hyperparameters (each becomes a float32 tensor). */
  coefficients(hp: HyperparametersOf<Id>): Record<string, number>;
  /**
   * For a rule that steps on sampled gradients: the examples of its minibatch. Its g is then the
   * minibatch gradient, and g1 the gradient on one more example drawn beside it (two independent
   * estimates, from which a rule can estimate the gradient's noise). Without it, g is the full one.
   */
  minibatch?(hp: HyperparametersOf<Id>): number;
  /**
   * The rule's state at the start: zeros like p, `one()` (1 shaped like a coefficient), or draws
   * from `uniform` (a seeded source in [0, 1), row after row).
   */
  init(p: tf.Tensor, one: () => tf.Tensor, uniform: () => number): Tensors;
  update(p: tf.Tensor, g: tf.Tensor, state: Tensors, c: Tensors, g1?: tf.Tensor): { next: tf.Tensor; state: Tensors };
}

/**
 * One step of a rule, single or batched alike, with what it changed: the parameters and each
 * tensor of the rule's state as [before, after] pairs, for the stall test (unchangedRows).
 */
export function stepRule(rule: FirstOrderRule, p: tf.Tensor, g: tf.Tensor, state: Tensors, c: Tensors, g1?: tf.Tensor) {
  const { next, state: after } = rule.update(p, g, state, c, g1);
  const changes: [tf.Tensor, tf.Tensor][] = [[p, next], ...Object.entries(after).map(([name, x]): [tf.Tensor, tf.Tensor] => [state[name], x])];
  return { next, state: after, changes };
}

/** A run's state: the gradient, and the rule's tensors beside it (where tidyState finds them). */
export type RuleState = GradientState & Record<string, unknown>;

/**
 * The single-run optimizer of a rule: a step that changes nothing stops the run as stalled. A rule
 * on minibatches steps on gradients the oracle samples; what the run records at each step is still
 * the full loss and gradient at the new parameters, comparable with every other method's.
 */
export function firstOrderOptimizer<Id extends OptimizerId>(id: Id, rule: FirstOrderRule<Id>): Optimizer<Id, RuleState> {
  return {
    id,
    init: (p, oracle) => ({ ...evaluateAt(p, oracle), ...rule.init(p, () => tf.scalar(1), oracle.uniform) }),
    step(state, oracle, hp) {
      const c = Object.fromEntries(Object.entries(rule.coefficients(hp)).map(([k, x]) => [k, tf.scalar(x)]));
      const batch = rule.minibatch?.(hp);
      const [g, g1] = batch === undefined ? [state.grad] : oracle.sample(state.params, [batch, 1]);
      const { next, state: ruleState, changes } = stepRule(rule, state.params, g, state as unknown as Tensors, c, g1);
      // Most steps move p, seen on the two arrays the run reads anyway; the full test costs tensor ops.
      if (unchanged(next as tf.Tensor1D, state.params) && unchangedRows(changes, 1).dataSync()[0]) return stalled();
      return { ...evaluateAt(next as tf.Tensor1D, oracle), ...ruleState };
    },
  };
}
