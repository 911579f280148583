import { describe, expect, it } from 'vitest';
import { defaultExperiment, parseExperiment, runSpecs } from './experiment';
import { DEFAULT_FORMULA_PRESET } from './formula-presets';

describe('parseExperiment', () => {
  it('fills the seed defaults for chapter 1', () => {
    const e = defaultExperiment();
    expect(e.start).toEqual([5, 5]);
    expect(e.maxSteps).toBe(40_000);
    expect(e.targetLoss).toBe(1e-10);
    expect(e.runs.map((r) => r.optimizer)).toEqual(['gd', 'adam', 'newton', 'gauss-newton', 'lm']);
    expect(e.runs[0].hp).toEqual({ lr: 5e-4 });
    expect(e.runs[1].hp).toEqual({ lr: 15, b1: 0.9, b2: 0.999, eps: 1e-8, epsPlacement: 0 });
    expect(e.runs[4].hp).toEqual({ mu0: 3 });
  });

  it('keeps given hyperparameters and round-trips through JSON', () => {
    const parsed = parseExperiment({ problem: 'rosenbrock-fit', start: [1, 2], runs: [{ optimizer: 'adam', hp: { lr: 0.5 } }] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.experiment.runs[0].hp).toEqual({ lr: 0.5, b1: 0.9, b2: 0.999, eps: 1e-8, epsPlacement: 0 });
    const again = parseExperiment(JSON.parse(JSON.stringify(parsed.experiment)));
    expect(again).toEqual(parsed);
  });

  it.each([
    [{ problem: 'nope', runs: [{ optimizer: 'gd' }] }, /problem/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'sgd9' }] }, /optimizer/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd', hp: { lr: -1 } }] }, /Learning rate must be positive/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'adam', hp: { b1: 1 } }] }, /beta1 must be less than 1/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'adam', hp: { epsPlacement: 0.5 } }] }, /^runs\.0: Adam: epsilon placement must be 0 \(TF1: before bias correction\) or 1 \(paper \/ PyTorch: after bias correction\)\.$/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'lbfgs', hp: { memory: 0 } }] }, /^runs\.0: L-BFGS: memory must be at least 1\.$/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'bfgs', hp: { lr: 1 } }] }, /BFGS has no hyperparameter "lr"\.$/],
    [{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd', hp: { momentum: 0.9 } }] }, /no hyperparameter "momentum"/],
    [{ problem: 'rosenbrock-fit', maxSteps: 2.5, runs: [{ optimizer: 'gd' }] }, /maxSteps/],
    [{ problem: 'rosenbrock-fit', maxSteps: 0, runs: [{ optimizer: 'gd' }] }, /maxSteps/],
    [{ problem: 'rosenbrock-fit', targetLoss: -1, runs: [{ optimizer: 'gd' }] }, /targetLoss/],
    [{ problem: 'rosenbrock-fit', start: [1], runs: [{ optimizer: 'gd' }] }, /start must have 2 numbers/],
    [{ problem: 'rosenbrock-fit', runs: [] }, /runs/],
    [null, /.+/],
    ['{"problem"', /.+/],
  ])('refuses %j with a reason', (input, reason) => {
    const parsed = parseExperiment(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it('turns enabled runs into run specs, keeping their indices', () => {
    const e = defaultExperiment();
    e.runs[1].enabled = false;
    const specs = runSpecs(e);
    expect(specs.map((s) => s.index)).toEqual([0, 2, 3, 4]);
    expect(specs[0].spec).toEqual({ problem: 'rosenbrock-fit', optimizer: 'gd', hp: { lr: 5e-4 }, start: [5, 5], maxSteps: 40_000, targetLoss: 1e-10, seed: 1, precision: 'float32' });
  });

  it("'compare' runs every enabled run in float32 and again in float64; a bad precision is refused", () => {
    const e = { ...defaultExperiment(), precision: 'compare' as const };
    e.runs[1].enabled = false;
    expect(runSpecs(e).map((s) => [s.index, s.precision, s.spec.precision])).toEqual(
      [0, 2, 3, 4].flatMap((i) => [[i, 'float32', 'float32'], [i, 'float64', 'float64']]),
    );
    const parsed = parseExperiment({ problem: 'rosenbrock-fit', precision: 'float16', runs: [{ optimizer: 'gd' }] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^precision: /);
  });
});

describe('parseExperiment: hostile keys and values', () => {
  // valibot's record drops these keys silently (to avoid prototype pollution), where an unknown
  // key is refused: they must be refused the same way.
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the hyperparameter %j as it refuses "foo"', (key) => {
    const config = (hp: string) => JSON.parse(`{"problem":"rosenbrock-fit","runs":[{"optimizer":"gd","hp":${hp}}]}`);
    expect(parseExperiment(config('{"foo":1}'))).toEqual({ ok: false, error: 'runs.0: Gradient descent has no hyperparameter "foo" (it takes lr).' });
    const refusal = { ok: false, error: `runs.0: Gradient descent has no hyperparameter "${key}" (it takes lr).` };
    expect(parseExperiment(config(`{"${key}":1}`))).toEqual(refusal);
    expect(parseExperiment(config(`{"lr":0.1,"${key}":{"lr":-1,"polluted":1}}`))).toEqual(refusal);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores "__proto__" elsewhere without taking anything from it', () => {
    const parsed = parseExperiment(
      JSON.parse('{"problem":"rosenbrock-fit","__proto__":{"maxSteps":7,"polluted":1},"runs":[{"optimizer":"gd","__proto__":{"hp":{"lr":9},"enabled":false}}]}'),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const e = parsed.experiment;
    expect([e.maxSteps, e.runs[0].enabled, e.runs[0].hp]).toEqual([40_000, true, { lr: 5e-4 }]);
    for (const o of [e, e.runs[0], e.runs[0].hp]) {
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expect(Object.hasOwn(o, '__proto__')).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [[], 'an array'],
    [[{ problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd' }] }], 'an array'],
    [null, 'null'],
    [3, 'a number'],
    ['x', 'a string'],
    [true, 'a boolean'],
    [undefined, 'nothing'],
  ])('refuses %j: the settings must be an object', (input, got) => {
    expect(parseExperiment(input)).toEqual({ ok: false, error: `the settings must be a JSON object, got ${got}.` });
  });

  it('echoes a huge or multi-line value short, on one line', () => {
    const huge = `bad\n${'x'.repeat(1 << 20)}`;
    for (const input of [
      { problem: huge, runs: [{ optimizer: 'gd' }] },
      { problem: 'rosenbrock-fit', runs: [{ optimizer: huge }] },
      { problem: 'rosenbrock-fit', precision: huge, runs: [{ optimizer: 'gd' }] },
      { problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd', hp: { [huge]: 1 } }] },
      { problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd', hp: { lr: huge } }] },
    ]) {
      const parsed = parseExperiment(input);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.length).toBeLessThan(300);
      expect(parsed.error).not.toContain('\n');
      expect(parsed.error).toContain('"bad\\nxxx');
    }
  });
});

describe("chapter 7's formula in the experiment", () => {
  it('the problem formula has its formula (the default preset unless given), and its runs carry it; no other problem keeps one', () => {
    const own = parseExperiment({ problem: 'formula', formula: 'x^2 + y^2', runs: [{ optimizer: 'newton' }] });
    expect(own.ok && own.experiment.formula).toBe('x^2 + y^2');
    expect(own.ok && runSpecs(own.experiment)[0].spec.definition).toEqual({ problem: 'formula', f: 'x^2 + y^2' });
    const preset = parseExperiment({ problem: 'formula', runs: [{ optimizer: 'gd' }] });
    expect(preset.ok && preset.experiment.formula).toBe(DEFAULT_FORMULA_PRESET.f);
    const other = parseExperiment({ problem: 'rosenbrock-fit', formula: 'x', runs: [{ optimizer: 'gd' }] });
    expect(other.ok && 'formula' in other.experiment).toBe(false);
    expect(other.ok && runSpecs(other.experiment)[0].spec.definition).toBeUndefined();
  });

  it('a formula longer than the parser reads is refused', () => {
    const parsed = parseExperiment({ problem: 'formula', formula: 'x+'.repeat(500) + 'y', runs: [{ optimizer: 'gd' }] });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^formula: Invalid length: Expected <=1000/);
  });
});
