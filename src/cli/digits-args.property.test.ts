/**
 * Chapter 5's command arguments, property-based: any list gives help, a run or a short one-line
 * refusal, never a throw; valid lists in any order and either flag form give exactly what they say.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { DIGITS_LOSSES, sweepSettings, SWEEP_KINDS, SWEEP_PRESETS } from '../catalog';
import { NODE_BACKENDS } from './args';
import { DIGITS_DEFAULT_BACKEND, parseDigitsArgs, type DigitsParsedArgs } from './digits-args';

const FLAGS = ['kind', 'preset', 'loss', 'seed', 'precision', 'backend', 'ps', 'repeats', 'warmup', 'steps', 'optimizer', 'max-steps', 'lr', 'json', 'help'];

function expectWellFormed(parsed: DigitsParsedArgs) {
  if ('help' in parsed) return;
  if (!parsed.ok) {
    expect(parsed.error.length).toBeLessThan(300);
    expect(parsed.error).not.toMatch(/[\n\r\u2028\u2029]/);
    return;
  }
  expect(NODE_BACKENDS).toContain(parsed.backend);
  if (parsed.command === 'sweep') {
    const s = parsed.settings;
    expect(s.ps.length).toBeGreaterThan(0);
    expect(s.ps.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(new Set(s.ps).size).toBe(s.ps.length);
    expect(Number.isInteger(s.repeats) && s.repeats >= 1).toBe(true);
    expect(Number.isInteger(s.steps) && s.steps >= 1).toBe(true);
    expect(Number.isInteger(s.warmup) && s.warmup >= 0).toBe(true);
  } else {
    expect(parsed.warmup).toBeLessThanOrEqual(parsed.maxSteps);
    expect(parsed.optimizer).toBe('psgd');
  }
}

const value = fc.oneof(
  fc.integer({ min: -5, max: 5000 }).map(String),
  fc.double().map(String),
  fc.constantFrom(...SWEEP_KINDS, ...SWEEP_PRESETS, ...DIGITS_LOSSES, 'correct', 'float32', 'float64', 'compare', 'cpu', 'wasm', 'webgl', 'psgd', 'adam', '0,0.5,1', '0,0,1', ''),
  fc.stringMatching(/^[-+0-9.eE, ]{0,10}$/),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const argument = fc.oneof(
  { arbitrary: fc.constantFrom(...FLAGS).map((f) => `--${f}`), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...FLAGS), value).map(([f, v]) => `--${f}=${v}`), weight: 2 },
  { arbitrary: value, weight: 4 },
  { arbitrary: fc.constantFrom('digits-sweep', 'digits-mlp', '-h', '--', '-'), weight: 1 },
);

describe('parseDigitsArgs, property-based', () => {
  test.prop([fc.constantFrom('digits-sweep', 'digits-mlp'), fc.array(argument, { maxLength: 10 }), fc.nat()], { numRuns: 1000 })('real flags with any values: help, a run or a short refusal', (command, rest, at) => {
    const argv = [...rest];
    argv.splice(at % (argv.length + 1), 0, command);
    expectWellFormed(parseDigitsArgs(argv));
  });
});

/** `--flag value` or `--flag=value`. */
const flag = (name: string, v: string): fc.Arbitrary<string[]> => fc.constantFrom([`--${name}`, v], [`--${name}=${v}`]);
const optionally = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const validSweep = fc
  .record({
    kind: optionally(fc.constantFrom(...SWEEP_KINDS)),
    preset: optionally(fc.constantFrom(...SWEEP_PRESETS)),
    loss: optionally(fc.constantFrom(...DIGITS_LOSSES, 'correct')),
    seed: optionally(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    ps: optionally(fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }).map((xs) => xs.map((x) => x / 100))),
    repeats: optionally(fc.integer({ min: 1, max: 100 })),
    warmup: optionally(fc.integer({ min: 0, max: 1_000_000 })),
    steps: optionally(fc.integer({ min: 1, max: 1_000_000 })),
    backend: optionally(fc.constantFrom(...NODE_BACKENDS)),
    json: fc.boolean(),
  })
  .chain((f) => {
    const groups: fc.Arbitrary<string[]>[] = [fc.constant(['digits-sweep'])];
    for (const name of ['kind', 'preset', 'loss', 'seed', 'repeats', 'warmup', 'steps', 'backend'] as const) if (f[name] !== undefined) groups.push(flag(name, String(f[name])));
    if (f.ps) groups.push(flag('ps', f.ps.join(',')));
    if (f.json) groups.push(fc.constant(['--json']));
    return fc
      .tuple(...groups)
      .chain((gs) => fc.shuffledSubarray(gs, { minLength: gs.length, maxLength: gs.length }))
      .map((gs) => ({ f, argv: gs.flat() }));
  });

describe('parseDigitsArgs on valid sweeps, property-based', () => {
  test.prop([validSweep], { numRuns: 300 })('gives exactly the sweep asked for', ({ f, argv }) => {
    const parsed = parseDigitsArgs(argv);
    if (!('ok' in parsed) || !parsed.ok || parsed.command !== 'sweep') throw new Error(`refused ${JSON.stringify(argv)}: ${JSON.stringify(parsed)}`);
    const loss = f.loss === 'correct' || f.loss === undefined ? 'cross-entropy' : f.loss;
    const base = sweepSettings(f.kind ?? 'prune', f.preset ?? 'quick', loss, f.seed ?? 1);
    expect(parsed.settings).toEqual({ ...base, ps: f.ps ?? base.ps, repeats: f.repeats ?? base.repeats, warmup: f.warmup ?? base.warmup, steps: f.steps ?? base.steps });
    expect(parsed.backend).toBe(f.backend ?? DIGITS_DEFAULT_BACKEND);
    expect(parsed.json).toBe(f.json);
    expect(parsed.custom).toEqual(['ps', 'repeats', 'warmup', 'steps'].filter((k) => f[k as 'ps'] !== undefined));
  });
});
