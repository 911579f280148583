import { describe, expect, it } from 'vitest';
import { CHAPTERS, sweepSettings } from '../catalog';
import { commandOf, DIGITS_DEFAULT_BACKEND, DIGITS_SWEEP, parseDigitsArgs, type MlpArgs, type SweepArgs } from './digits-args';

function sweep(argv: string[]): SweepArgs {
  const parsed = parseDigitsArgs(['digits-sweep', ...argv]);
  if (!('ok' in parsed) || !parsed.ok || parsed.command !== 'sweep') throw new Error(`expected a sweep, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function mlp(argv: string[]): MlpArgs {
  const parsed = parseDigitsArgs(['digits-mlp', ...argv]);
  if (!('ok' in parsed) || !parsed.ok || parsed.command !== 'mlp') throw new Error(`expected a net, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function error(argv: string[]): string {
  const parsed = parseDigitsArgs(argv);
  if (!('ok' in parsed) || parsed.ok) throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('the digits commands', () => {
  it("name the registry's digits chapter for the sweeps", () => {
    expect(DIGITS_SWEEP).toBe(CHAPTERS.find((c) => c.lab.kind === 'digits')?.id);
    expect(DIGITS_SWEEP).toBe('digits-sweep');
  });

  it('are found as the first positional argument, skipping option values', () => {
    expect(commandOf(['digits-sweep', '--json'])).toBe('digits-sweep');
    expect(commandOf(['--json', '--seed', '3', 'digits-mlp'])).toBe('digits-mlp');
    expect(commandOf(['--seed=3', '-h', 'digits-mlp'])).toBe('digits-mlp');
    expect(commandOf(['--kind', 'digits-mlp'])).toBeUndefined();
    expect(commandOf(['--json'])).toBeUndefined();
  });
});

describe('parseDigitsArgs: digits-sweep', () => {
  it('defaults to the quick pruning sweep of seed 1, float32 on the default backend, as text', () => {
    const parsed = sweep([]);
    expect(parsed).toEqual({
      ok: true,
      command: 'sweep',
      preset: 'quick',
      custom: [],
      settings: sweepSettings('prune', 'quick', 'cross-entropy', 1),
      backend: DIGITS_DEFAULT_BACKEND,
      precision: 'float32',
      json: false,
    });
  });

  it('reads the issue example and every catalog setting', () => {
    expect(sweep(['--kind', 'prune', '--preset', 'quick', '--json']).json).toBe(true);
    const parsed = sweep(['--kind=disable', '--preset', 'full', '--loss', 'seed', '--seed', '7', '--precision', 'float64']);
    expect(parsed.settings).toEqual(sweepSettings('disable', 'full', 'seed', 7));
    expect(parsed.precision).toBe('float64');
    expect(sweep(['--backend', 'cpu']).backend).toBe('cpu');
  });

  it("takes 'correct' for the catalog's 'cross-entropy'", () => {
    expect(sweep(['--loss', 'correct']).settings.loss).toBe('cross-entropy');
    expect(sweep(['--loss', 'cross-entropy']).settings.loss).toBe('cross-entropy');
  });

  it("changes the preset's p, repeats and steps, and says which", () => {
    const parsed = sweep(['--ps', '0, 0.5,1', '--repeats', '1', '--warmup', '0', '--steps', '10']);
    expect(parsed.settings).toEqual({ ...sweepSettings('prune', 'quick', 'cross-entropy', 1), ps: [0, 0.5, 1], repeats: 1, warmup: 0, steps: 10 });
    expect(parsed.custom).toEqual(['ps', 'repeats', 'warmup', 'steps']);
  });

  it('takes the command after its options', () => {
    expect(parseDigitsArgs(['--seed', '2', 'digits-sweep'])).toMatchObject({ ok: true, command: 'sweep', settings: { seed: 2 } });
  });
});

describe('parseDigitsArgs: digits-mlp', () => {
  it('defaults to psgd for the race length, warm-up included', () => {
    expect(mlp([])).toEqual({ ok: true, command: 'mlp', optimizer: 'psgd', loss: 'cross-entropy', seed: 1, maxSteps: 3200, warmup: 200, backend: DIGITS_DEFAULT_BACKEND, precision: 'float32', json: false });
  });

  it('reads the issue example', () => {
    const parsed = mlp(['--optimizer', 'psgd', '--max-steps', '3200', '--json']);
    expect([parsed.optimizer, parsed.maxSteps, parsed.warmup, parsed.json]).toEqual(['psgd', 3200, 200, true]);
  });

  it('shrinks the default warm-up to a short run; one asked for must fit', () => {
    expect(mlp(['--max-steps', '50']).warmup).toBe(50);
    expect(mlp(['--max-steps', '50', '--warmup', '10']).warmup).toBe(10);
    expect(error(['digits-mlp', '--max-steps', '50', '--warmup', '60'])).toBe('--warmup must be a whole number from 0 to 50, got "60"');
  });
});

describe('parseDigitsArgs: help and refusals', () => {
  it('answers --help or -h with the command\'s help', () => {
    expect(parseDigitsArgs(['digits-sweep', '--kind', 'nope', '--help'])).toEqual({ help: 'sweep' });
    expect(parseDigitsArgs(['-h', 'digits-mlp'])).toEqual({ help: 'mlp' });
  });

  it.each([
    [['digits-sweep', '--kind', 'nope'], '--kind must be one of prune, disable, got "nope"'],
    [['digits-sweep', '--preset', 'medium'], '--preset must be one of quick, full, got "medium"'],
    [['digits-sweep', '--loss', 'mse'], '--loss must be one of cross-entropy (or correct), seed, got "mse"'],
    [['digits-sweep', '--precision', 'compare'], '--precision must be one of float32, float64, got "compare"'],
    [['digits-sweep', '--backend', 'webgl'], '--backend must be one of cpu, wasm, got "webgl"'],
    [['digits-sweep', '--precision', 'float64', '--backend', 'wasm'], '--backend is for float32 runs; float64 runs on cpu64'],
    [['digits-sweep', '--seed', '-1'], '--seed must be a whole number from 0 to 2147483647, got "-1"'],
    [['digits-sweep', '--seed', '1.5'], '--seed must be a whole number from 0 to 2147483647, got "1.5"'],
    [['digits-sweep', '--seed', 'one'], '--seed needs a number, got "one"'],
    [['digits-sweep', '--seed'], '--seed needs a value'],
    [['digits-sweep', '--seed', '--json'], '--seed needs a value'],
    [['digits-sweep', '--seed='], '--seed needs a value'],
    [['digits-sweep', '--seed', '1', '--seed', '1'], '--seed given twice'],
    [['digits-sweep', '--json', '--json'], '--json given twice'],
    [['digits-sweep', '--json=yes'], '--json takes no value'],
    [['digits-sweep', '--lr', '1'], 'unknown option "--lr" for digits-sweep'],
    [['digits-sweep', '--max-steps', '1'], 'unknown option "--max-steps" for digits-sweep (it is an option of digits-mlp)'],
    [['digits-mlp', '--kind', 'prune'], 'unknown option "--kind" for digits-mlp (it is an option of digits-sweep)'],
    [['digits-sweep', 'extra'], 'unexpected argument "extra" (the command is "digits-sweep")'],
    [['digits-sweep', 'digits-sweep'], 'unexpected argument "digits-sweep" (the command is "digits-sweep")'],
    [['digits-sweep', '--ps', '0,1.5'], '--ps values must be in [0, 1], got "1.5"'],
    [['digits-sweep', '--ps', '0,,1'], '--ps has an empty value'],
    [['digits-sweep', '--ps', '0.5,0.50'], '--ps has 0.5 twice'],
    [['digits-sweep', '--ps', Array(102).fill(0).join(',')], '--ps takes at most 101 values, got 102'],
    [['digits-sweep', '--repeats', '0'], '--repeats must be a whole number from 1 to 100, got "0"'],
    [['digits-sweep', '--steps', '0'], '--steps must be a whole number from 1 to 1000000, got "0"'],
    [['digits-mlp', '--optimizer', 'adam'], '--optimizer must be psgd, got "adam": only psgd for now (the page\'s race trains adam only beside psgd)'],
    [['digits-mlp', '--optimizer', 'lm'], '--optimizer must be psgd, got "lm": only psgd for now'],
    [['digits-mlp', '--optimizer', 'psgd', '--optimizer', 'psgd'], '--optimizer given twice'],
    [['digits-mlp', '--max-steps', '0'], '--max-steps must be a whole number from 1 to 1000000, got "0"'],
    [['rosenbrock-fit'], 'no digits command: expected digits-sweep or digits-mlp'],
  ])('%j -> %s', (argv, message) => {
    expect(error(argv)).toBe(message);
  });

  it('echoes a huge or multi-line value short, on one line', () => {
    const huge = `bad\n${'x'.repeat(1 << 20)}`;
    for (const argv of [
      ['digits-sweep', huge],
      ['digits-sweep', `--${huge}`],
      ['digits-sweep', `--${huge}=1`],
      ['digits-sweep', '--kind', huge],
      ['digits-sweep', '--ps', `0,${huge}`],
      ['digits-sweep', '--seed', huge],
      ['digits-mlp', '--optimizer', huge],
    ]) {
      const message = error(argv);
      expect(message.length, message.slice(0, 300)).toBeLessThan(300);
      expect(message).not.toContain('\n');
    }
  });
});
