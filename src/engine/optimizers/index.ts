/** Optimizer ids to implementations. */
import type { OptimizerId } from '../../catalog';
import type { Optimizer, OptimizerState } from '../types';
import { adam } from './adam';
import { gaussNewton } from './gauss-newton';
import { gd } from './gd';
import { lm } from './lm';
import { momentum } from './momentum';
import { newton } from './newton';
import { newtonCG } from './newton-cg';
import { rmsprop } from './rmsprop';

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
