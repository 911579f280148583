/**
 * Hyperparameters are typed by the catalog's specs: each optimizer reads exactly its own names. The
 * lines marked @ts-expect-error are compile-time tests: `npm run typecheck` fails if any of them
 * compiles (a misspelt, foreign or missing name would then go unnoticed until it read as NaN).
 */
import { describe, expect, test } from 'vitest';
import { defaultHyperparameters, hyperparametersOf, OPTIMIZER_IDS, OPTIMIZERS, type HyperparametersOf } from '../../catalog';
import type { FirstOrderRule } from './first-order-rule';
import { OPTIMIZER_IMPLS } from '.';

// A misspelt hyperparameter in an update rule does not compile.
// @ts-expect-error: Adam has no 'bta1' (it is b1)
const misspelt: FirstOrderRule<'adam'>['coefficients'] = ({ lr, bta1 }) => ({ lr, bta1 });

// Another optimizer's hyperparameter does not compile either.
// @ts-expect-error: gradient descent takes no momentum
const foreign: HyperparametersOf<'gd'> = { lr: 1e-3, momentum: 0.9 };

// Nor does one left out.
// @ts-expect-error: Adam needs eps
const missing: HyperparametersOf<'adam'> = { lr: 1e-3, b1: 0.9, b2: 0.999 };

describe('typed hyperparameters', () => {
  test('every optimizer is registered under its own id', () => {
    expect(OPTIMIZER_IDS.map((id) => OPTIMIZER_IMPLS[id].id)).toEqual([...OPTIMIZER_IDS]);
  });

  test("an optimizer's defaults carry exactly its specs' names", () => {
    for (const id of OPTIMIZER_IDS) {
      const hp: HyperparametersOf<typeof id> = hyperparametersOf(id, defaultHyperparameters(id));
      expect(Object.keys(hp)).toEqual(OPTIMIZERS[id].hyperparameters.map((h) => h.name));
    }
    expect([misspelt, foreign, missing].every(Boolean)).toBe(true);
  });
});
