/** Run names: the chapters' defaults, the settings that tell runs apart, and that no two runs share a name. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { experimentArbitrary } from '../testing/arbitraries';
import { defaultExperiment } from './experiment';
import { OPTIMIZER_IDS, OPTIMIZERS, type OptimizerId } from './optimizers';
import { PROBLEM_IDS } from './problems';
import { compactNumber, numberedName, runName, type NamedRun } from './run-names';

const names = (runs: NamedRun[], maxSteps?: number) => runs.map((_, i) => runName(runs, i, maxSteps));
const gd = (lr: number, maxSteps?: number): NamedRun => ({ optimizer: 'gd', hp: { lr }, ...(maxSteps === undefined ? {} : { maxSteps }) });
const adam = (hp: Partial<Record<'lr' | 'b1' | 'b2' | 'eps', number>> = {}): NamedRun => ({ optimizer: 'adam', hp: { lr: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, ...hp } });

describe('compactNumber', () => {
  it.each([
    [1e-4, '1e-4'], [0.0001, '1e-4'], [5e-4, '5e-4'], [2.5e-3, '2.5e-3'], [0.001, '1e-3'], [0.01, '0.01'], [0.05, '0.05'], [0.2, '0.2'],
    [0.9, '0.9'], [0.999, '0.999'], [0.9999, '1'], [32, '32'], [15, '15'], [1234, '1230'], [12345, '1.23e4'], [1e5, '1e5'],
    [0, '0'], [-0, '0'], [-1e-4, '-1e-4'], [1.23456e-7, '1.23e-7'], [Infinity, 'Infinity'], [NaN, 'NaN'],
  ])('%s is %s', (x, text) => expect(compactNumber(x)).toBe(text));
  it('takes more digits when asked', () => {
    expect(compactNumber(1.23456e-3, 5)).toBe('1.2346e-3');
    expect(compactNumber(0.1 + 0.2, 17)).toBe('0.30000000000000004');
  });
});

describe('numberedName (the settings rows)', () => {
  it('numbers the runs of an optimizer by place, whatever their settings', () => {
    const runs = [gd(1e-4), adam(), gd(1e-3), gd(1e-4)];
    expect(runs.map((_, i) => numberedName(runs, i))).toEqual(['Gradient descent', 'Adam', 'Gradient descent 2', 'Gradient descent 3']);
  });
});

describe('runName', () => {
  it('is the label for a run alone with its optimizer', () => {
    expect(names([gd(5e-4), adam({ lr: 15 })])).toEqual(['Gradient descent', 'Adam']);
  });

  it('adds the settings that differ among the runs of one optimizer, short, to 3 significant digits', () => {
    expect(names([gd(1e-4), gd(1e-3), adam()])).toEqual(['Gradient descent, lr 1e-4', 'Gradient descent, lr 1e-3', 'Adam']);
    expect(names([adam({ lr: 1e-3, b1: 0.8 }), adam({ lr: 1e-2, b1: 0.9 })])).toEqual(['Adam, lr 1e-3, β1 0.8', 'Adam, lr 0.01, β1 0.9']);
    expect(names([adam({ b2: 0.99 }), adam({ b2: 0.9999 })])).toEqual(['Adam, β2 0.99', 'Adam, β2 1']);
    expect(names([{ optimizer: 'psgd', hp: { lr: 0.01, batch: 32, k: 1 } }, { optimizer: 'psgd', hp: { lr: 0.01, batch: 4096, k: 1 } }])).toEqual([
      'Preconditioned SGD, batch 32',
      'Preconditioned SGD, batch 4096',
    ]);
  });

  it('takes more digits where 3 would make two values look the same', () => {
    expect(names([gd(1.234e-3), gd(1.2345e-3), gd(2e-3)])).toEqual(['Gradient descent, lr 1.234e-3', 'Gradient descent, lr 1.2345e-3', 'Gradient descent, lr 2e-3']);
  });

  it('tells runs apart by their step limits, the experiment’s for runs without their own', () => {
    expect(names([gd(1e-3, 200), gd(1e-3)], 3000)).toEqual(['Gradient descent, 200 steps', 'Gradient descent, 3000 steps']);
    expect(names([gd(1e-3, 3000), gd(1e-3)], 3000)).toEqual(['Gradient descent', 'Gradient descent 2']);
    expect(names([gd(1e-4, 200), gd(1e-3, 40000)])).toEqual(['Gradient descent, lr 1e-4, 200 steps', 'Gradient descent, lr 1e-3, 40000 steps']);
  });

  it('numbers runs whose settings are the same', () => {
    expect(names([adam(), adam(), gd(1e-3)])).toEqual(['Adam', 'Adam 2', 'Gradient descent']);
    expect(names([adam(), adam({ lr: 0.1 }), adam()])).toEqual(['Adam, lr 1e-3', 'Adam, lr 0.1', 'Adam 2, lr 1e-3']);
  });

  it('names the chapters’ default runs', () => {
    const expected: Record<(typeof PROBLEM_IDS)[number], string[]> = {
      'rosenbrock-fit': ['Gradient descent', 'Adam', 'Newton', 'Gauss-Newton', 'Levenberg-Marquardt'],
      'rosenbrock-valley': ['Gradient descent', 'Momentum', 'RMSProp', 'Adam', 'Newton', 'Newton-CG', 'Gauss-Newton', 'Levenberg-Marquardt'],
      'net-on-rosenbrock': ['Adam', 'Gauss-Newton', 'Levenberg-Marquardt', 'Newton-CG'],
      'rahimi-linear-net': [
        'Gradient descent, lr 1e-6', 'Gradient descent, lr 1e-5', 'Gradient descent, lr 1e-4', 'Gradient descent, lr 1e-3',
        'Adam, lr 1e-5', 'Adam, lr 1e-4', 'Adam, lr 1e-3', 'Adam, lr 0.01',
        'Gauss-Newton, scale 0.05', 'Gauss-Newton, scale 0.2',
      ],
      'digits-mlp': ['Preconditioned SGD', 'Gradient descent', 'Adam'],
      formula: ['Gradient descent', 'Momentum', 'Adam', 'Newton', 'Newton-CG', 'Levenberg-Marquardt'],
      fit: ['Levenberg-Marquardt', 'Gauss-Newton', 'Adam', 'Gradient descent'],
    };
    for (const problem of PROBLEM_IDS) {
      const e = defaultExperiment(problem);
      expect(names(e.runs, e.maxSteps), problem).toEqual(expected[problem]);
    }
  });

  it('every hyperparameter has a short name of its own, without the separator', () => {
    for (const id of OPTIMIZER_IDS) {
      const shorts = OPTIMIZERS[id].hyperparameters.map((h) => (h as { short?: string }).short);
      shorts.forEach((s) => expect(s, id).toMatch(/^[^,]+$/));
      expect(new Set(shorts).size, id).toBe(shorts.length);
    }
  });

  // Runs drawn from few values, so that equal settings, equal step limits and values alike to 3
  // digits (1e-3, 1.0001e-3) are common.
  const crowded: fc.Arbitrary<NamedRun> = fc.constantFrom<OptimizerId>('gd', 'adam', 'newton', 'psgd').chain((optimizer) =>
    fc.record(
      {
        optimizer: fc.constant(optimizer),
        hp: fc.record(
          Object.fromEntries(OPTIMIZERS[optimizer].hyperparameters.map((h) => [h.name, fc.constantFrom(h.default, h.default * 1.0001, h.default * 10, 1e-3, 1.00001e-3)])),
        ),
        maxSteps: fc.constantFrom(200, 3000),
      },
      { requiredKeys: ['optimizer', 'hp'] },
    ),
  );
  const experimentRuns = fc.oneof(
    fc.tuple(fc.array(crowded, { minLength: 1, maxLength: 16 }), fc.constantFrom(undefined, 200, 3000)),
    experimentArbitrary().map((e) => [e.runs, e.maxSteps] as const),
  );

  test.prop([experimentRuns])('no two runs of an experiment share a name', ([runs, maxSteps]) => {
    const all = names(runs, maxSteps);
    expect(new Set(all).size).toBe(all.length);
  });

  test.prop([experimentRuns])('a name depends only on the runs of its optimizer; alone, it is the label; twins are numbered as the settings rows are', ([runs, maxSteps]) => {
    runs.forEach((run, i) => {
      const group = runs.filter((r) => r.optimizer === run.optimizer);
      const name = runName(runs, i, maxSteps);
      expect(runName(group, group.indexOf(run), maxSteps)).toBe(name);
      if (group.length === 1) expect(name).toBe(OPTIMIZERS[run.optimizer].label);
      const steps = (r: NamedRun) => r.maxSteps ?? maxSteps;
      const twins = group.every((r) => steps(r) === steps(run) && Object.keys(run.hp).every((k) => r.hp[k] === run.hp[k]));
      if (twins) expect(name).toBe(numberedName(runs, i));
    });
  });
});

describe('a setting with choices', () => {
  test("is named by its choice: Adam's epsilon placements read TF1 ε and PyTorch ε", () => {
    const runs = [
      { optimizer: 'adam' as const, hp: { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, epsPlacement: 0 } },
      { optimizer: 'adam' as const, hp: { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, epsPlacement: 1 } },
    ];
    expect([runName(runs, 0), runName(runs, 1)]).toEqual(['Adam, TF1 ε', 'Adam, PyTorch ε']);
  });
});
