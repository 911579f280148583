/** Optimizer ids to implementations. */
import type { OptimizerId } from '../../catalog';
import type { Optimizer, OptimizerState } from '../types';
import { adam } from './adam';
import { gaussNewton } from './gauss-newton';
import { gd } from './gd';
import { lm } from './lm';
import { newton } from './newton';

export const OPTIMIZER_IMPLS: Record<OptimizerId, Optimizer<OptimizerState>> = {
  gd,
  adam,
  newton,
  'gauss-newton': gaussNewton,
  lm,
};
