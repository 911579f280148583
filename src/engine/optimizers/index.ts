/** Optimizer ids to implementations. */
import type { OptimizerId } from '../../catalog';
import type { Optimizer, OptimizerState } from '../types';
import { adam, adamRule } from './adam';
import type { FirstOrderRule } from './first-order-rule';
import { gaussNewton } from './gauss-newton';
import { gd, gdRule } from './gd';
import { lm } from './lm';
import { momentum, momentumRule } from './momentum';
import { newton } from './newton';
import { newtonCG } from './newton-cg';
import { rmsprop, rmspropRule } from './rmsprop';

export const OPTIMIZER_IMPLS: Record<OptimizerId, Optimizer<OptimizerState>> = {
  gd,
  momentum,
  rmsprop,
  adam,
  newton,
  'newton-cg': newtonCG,
  'gauss-newton': gaussNewton,
  lm,
};

/** The optimizers whose update is a shape-agnostic rule, so their runs can step as a batch. */
export const FIRST_ORDER_RULES: Partial<Record<OptimizerId, FirstOrderRule>> = {
  gd: gdRule,
  momentum: momentumRule,
  rmsprop: rmspropRule,
  adam: adamRule,
};
