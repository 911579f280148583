/** Optimizer ids to implementations. */
import type { OptimizerId } from '../../catalog';
import type { Optimizer } from '../types';
import { adam, adamRule } from './adam';
import { bfgs } from './bfgs';
import type { FirstOrderRule } from './first-order-rule';
import { gaussNewton } from './gauss-newton';
import { gd, gdRule } from './gd';
import { lbfgs } from './lbfgs';
import { lm } from './lm';
import { momentum, momentumRule } from './momentum';
import { newton } from './newton';
import { newtonCG } from './newton-cg';
import { psgd, psgdRule } from './psgd';
import { rmsprop, rmspropRule } from './rmsprop';

// Each optimizer typed by its own id: it reads exactly its catalog hyperparameters.
export const OPTIMIZER_IMPLS: { [Id in OptimizerId]: Optimizer<Id> } = {
  gd,
  momentum,
  rmsprop,
  adam,
  newton,
  'newton-cg': newtonCG,
  'gauss-newton': gaussNewton,
  lm,
  psgd,
  bfgs,
  lbfgs,
};

/** The optimizer of an id, typed by it (so its hyperparameters are its own). */
export const optimizerOf = <Id extends OptimizerId>(id: Id): Optimizer<Id> => OPTIMIZER_IMPLS[id];

/** The optimizers whose update is a shape-agnostic rule: one run, a batch of runs, the race's rows, a sweep's models. */
export const FIRST_ORDER_RULES: { [Id in OptimizerId]?: FirstOrderRule<Id> } = {
  gd: gdRule,
  momentum: momentumRule,
  rmsprop: rmspropRule,
  adam: adamRule,
  psgd: psgdRule,
};
