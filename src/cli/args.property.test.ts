/**
 * The runner's arguments, property-based: any argument list gives help, an experiment the schema
 * takes back unchanged, or a short one-line refusal, never a throw; and valid short-form lists give
 * exactly the experiment they spell out.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  chapterHyperparameters,
  checkHyperparameter,
  EXPERIMENT_FIELDS,
  INSPECTIONS,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  parseExperiment,
  PRECISIONS,
  DEFAULT_FORMULA_PRESET,
  PROBLEM_IDS,
  PROBLEMS,
  type HyperparameterSpec,
  type Inspection,
  type OptimizerId,
  type ProblemId,
} from '../catalog';
import { compatibleOptimizers, specValue } from '../testing/arbitraries';
import { NODE_BACKENDS, parseArgs, type ParsedArgs } from './args';

const HP_NAMES = [...new Set(OPTIMIZER_IDS.flatMap((id) => OPTIMIZERS[id].hyperparameters.map((h) => h.name)))];
const VALUE_FLAGS = ['config', 'backend', 'precision', 'optimizer', 'max-steps', 'target-loss', 'start', 'seed', 'report', ...HP_NAMES];

/** A refusal must fit a terminal line, whatever it was given. */
function expectShortRefusal(error: string) {
  expect(error.length).toBeLessThan(300);
  expect(error).not.toMatch(/[\n\r\u2028\u2029]/);
}

function expectWellFormed(parsed: ParsedArgs) {
  if ('help' in parsed) return;
  if (!parsed.ok) return expectShortRefusal(parsed.error);
  expect(parseExperiment(parsed.experiment)).toEqual({ ok: true, experiment: parsed.experiment });
  expect(NODE_BACKENDS).toContain(parsed.backend);
  expect(parsed.experiment.runs.some((r) => r.enabled)).toBe(true);
}

const HUGE = 'x'.repeat(1 << 16);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
/** Text no JSON generator would make: huge, deeply nested, or valid but for one deep field. */
const hostileJson = fc.constantFrom(
  HUGE,
  JSON.stringify(HUGE),
  '['.repeat(5000),
  deep(5000),
  `{"problem":${JSON.stringify(HUGE)},"runs":[{"optimizer":"gd"}]}`,
  `{"problem":"rosenbrock-fit","runs":${deep(5000)}}`,
  `{"problem":"rosenbrock-fit","start":${deep(5000)},"runs":[{"optimizer":"gd"}]}`,
  `{"problem":"rosenbrock-fit","runs":[{"optimizer":"gd","hp":{"lr":${deep(5000)}}}]}`,
  `{"problem":"rosenbrock-fit","runs":[{"optimizer":"gd","hp":{${JSON.stringify(HUGE)}:1}}]}`,
  `{"problem":"rosenbrock-fit","runs":[{"optimizer":"gd","hp":{"__proto__":{"lr":1}}}]}`,
  `{"problem":"rosenbrock-fit","runs":[{"optimizer":"gd","enabled":false}]}`,
);

/** Anything of a config's shape, every field often right and often wrong. */
const configLike = fc.record(
  {
    v: fc.oneof(fc.constant(1), fc.jsonValue()),
    problem: fc.oneof(fc.constantFrom(...PROBLEM_IDS), fc.string(), fc.jsonValue()),
    start: fc.oneof(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 3 }), fc.jsonValue()),
    maxSteps: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.jsonValue()),
    targetLoss: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.jsonValue()),
    backend: fc.oneof(fc.constantFrom('auto', 'cpu', 'wasm', 'webgl'), fc.string()),
    precision: fc.oneof(fc.constantFrom(...PRECISIONS), fc.string()),
    seed: fc.oneof(fc.integer(), fc.jsonValue()),
    runs: fc.oneof(
      fc.array(
        fc.record(
          {
            optimizer: fc.oneof(fc.constantFrom(...OPTIMIZER_IDS, 'constructor', '__proto__'), fc.string()),
            enabled: fc.oneof(fc.boolean(), fc.jsonValue()),
            hp: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...HP_NAMES, '__proto__', 'constructor', 'prototype'), fc.string()), fc.oneof(fc.double(), fc.jsonValue()), { maxKeys: 4 }), fc.jsonValue()),
            maxSteps: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 18 },
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);

/** Config text: JSON of any shape, of a config's shape, broken JSON, or hostile text. */
const configText = fc.oneof(
  fc.json({ maxDepth: 4 }),
  configLike.map((c) => JSON.stringify(c)),
  configLike.map((c) => JSON.stringify(c).slice(0, -1)),
  fc.string({ unit: 'binary', maxLength: 50 }),
  hostileJson,
);

/** A value for some flag: numbers, ids, lists, JSON and junk. */
const flagValue = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.stringMatching(/^[-+0-9.eE,x ]{0,12}$/),
  fc.uniqueArray(fc.constantFrom(...OPTIMIZER_IDS, 'nope', ''), { maxLength: 3 }).map((ids) => ids.join(',')),
  fc.uniqueArray(fc.constantFrom(...INSPECTIONS, 'nope', ''), { maxLength: 3 }).map((ids) => ids.join(',')),
  fc.constantFrom(...PRECISIONS, ...NODE_BACKENDS, 'webgl', 'auto', ...PROBLEM_IDS),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  configText,
  fc.constant(HUGE),
);

const argument = fc.oneof(
  { arbitrary: fc.constantFrom(...VALUE_FLAGS, 'json').map((f) => `--${f}`), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...VALUE_FLAGS, 'json'), flagValue).map(([f, v]) => `--${f}=${v}`), weight: 2 },
  { arbitrary: flagValue, weight: 4 },
  { arbitrary: fc.constantFrom(...PROBLEM_IDS), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.constantFrom('--help', '-h', '--', '-', '--=', '---lr'), weight: 1 },
);

describe('parseArgs, property-based', () => {
  test.prop([fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), { maxLength: 8 })], { numRuns: 300 })('random strings: help, an experiment or a short refusal', (argv) => {
    expectWellFormed(parseArgs(argv));
  });

  test.prop([fc.array(argument, { maxLength: 10 })], { numRuns: 1000 })('real flags with any values: help, an experiment or a short refusal', (argv) => {
    expectWellFormed(parseArgs(argv));
  });

  test.prop([configText, fc.subarray(['--json', '--backend=cpu', '--precision=compare'])], { numRuns: 600 })('any --config: an experiment or a short refusal', (config, rest) => {
    expectWellFormed(parseArgs(['--config', config, ...rest]));
  });
});

describe('parseExperiment on random JSON, property-based', () => {
  test.prop([fc.oneof(configText.map((t) => tryParse(t)), configLike, fc.jsonValue())], { numRuns: 600 })('never throws: an experiment it takes back unchanged, or a short refusal', (input) => {
    const parsed = parseExperiment(input);
    if (parsed.ok) expect(parseExperiment(parsed.experiment)).toEqual(parsed);
    else expectShortRefusal(parsed.error);
  });
});

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A valid short-form argument list, in any order and either flag form, with what it asks for. */
interface ShortForm {
  argv: string[];
  problem: ProblemId;
  optimizers: OptimizerId[];
  hp: Record<string, number>;
  maxSteps?: number;
  targetLoss?: number;
  seed?: number;
  start?: number[];
  backend?: (typeof NODE_BACKENDS)[number];
  precision?: (typeof PRECISIONS)[number];
  json: boolean;
  /** --report, each a report the problem gives (by the catalog's data, not the parser's rule). */
  reports: Inspection[];
}

/** `--flag value` or `--flag=value`. */
const flag = (name: string, value: string): fc.Arbitrary<string[]> => fc.constantFrom([`--${name}`, value], [`--${name}=${value}`]);
const optionally = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** The number as typed: -0 reads back as 0. */
const typed = (x: number) => String(x);

function hpArbitrary(optimizers: OptimizerId[]): fc.Arbitrary<Record<string, number>> {
  const specs = new Map<string, HyperparameterSpec[]>();
  for (const id of optimizers) for (const h of OPTIMIZERS[id].hyperparameters) specs.set(h.name, [...(specs.get(h.name) ?? []), h]);
  // One value per name for every selected optimizer that takes it, so within all their ranges.
  const values = [...specs].map(([name, all]) => [name, specValue(all[0]).filter((x) => all.every((s) => checkHyperparameter(s, x) === null))] as const);
  return fc.record(Object.fromEntries(values), { requiredKeys: [] }) as fc.Arbitrary<Record<string, number>>;
}

// `fit` on the command line is the fit command, with flags of its own (reader-problems.ts).
const shortForm: fc.Arbitrary<ShortForm> = fc
  .constantFrom(...PROBLEM_IDS.filter((p) => p !== 'fit'))
  .chain((problem) => fc.tuple(fc.constant(problem), fc.shuffledSubarray(compatibleOptimizers(problem), { minLength: 1 })))
  .chain(([problem, optimizers]) =>
    fc.record({
      problem: fc.constant(problem),
      optimizers: fc.constant(optimizers),
      hp: hpArbitrary(optimizers),
      maxSteps: optionally(specValue(EXPERIMENT_FIELDS.maxSteps)),
      targetLoss: optionally(specValue(EXPERIMENT_FIELDS.targetLoss)),
      seed: optionally(specValue(EXPERIMENT_FIELDS.seed)),
      start: PROBLEMS[problem].defaultStart.length
        ? optionally(fc.array(specValue(EXPERIMENT_FIELDS.start), { minLength: PROBLEMS[problem].defaultStart.length, maxLength: PROBLEMS[problem].defaultStart.length }))
        : fc.constant(undefined),
      backend: optionally(fc.constantFrom(...NODE_BACKENDS)),
      precision: optionally(fc.constantFrom(...PRECISIONS)),
      json: fc.boolean(),
      reports: fc.shuffledSubarray(
        INSPECTIONS.filter((what) => (what === 'input-jacobian' ? PROBLEMS[problem].predictsSurface : what === 'covariance' ? PROBLEMS[problem].provides.includes('residuals') : true)),
      ),
      argv: fc.constant([] as string[]),
      /** Whether the optimizers are one comma list or one flag each (kept together, in order). */
      commaList: fc.boolean(),
      /** rosenbrock-fit is the default problem: it may go unsaid. */
      sayProblem: fc.boolean(),
    }),
  )
  .chain(({ commaList, sayProblem, ...f }) => {
    const groups: fc.Arbitrary<string[]>[] = [];
    if (sayProblem || f.problem !== 'rosenbrock-fit') groups.push(fc.constant([f.problem]));
    groups.push(commaList ? flag('optimizer', f.optimizers.join(',')) : fc.tuple(...f.optimizers.map((id) => flag('optimizer', id))).map((xs) => xs.flat()));
    for (const [name, x] of Object.entries(f.hp)) groups.push(flag(name, typed(x)));
    if (f.maxSteps !== undefined) groups.push(flag('max-steps', typed(f.maxSteps)));
    if (f.targetLoss !== undefined) groups.push(flag('target-loss', typed(f.targetLoss)));
    if (f.seed !== undefined) groups.push(flag('seed', typed(f.seed)));
    if (f.start !== undefined) groups.push(flag('start', f.start.map(typed).join(',')));
    if (f.backend !== undefined) groups.push(flag('backend', f.backend));
    if (f.precision !== undefined) groups.push(flag('precision', f.precision));
    if (f.json) groups.push(fc.constant(['--json']));
    // One flag each, or one comma list.
    if (f.reports.length) groups.push(fc.boolean().map((list) => (list ? [`--report=${f.reports.join(',')}`] : f.reports.flatMap((what) => ['--report', what]))));
    return fc
      .tuple(...groups)
      .chain((gs) => fc.shuffledSubarray(gs, { minLength: gs.length, maxLength: gs.length }))
      .map((gs) => ({ ...f, argv: gs.flat() }));
  });

describe('parseArgs on valid short forms, property-based', () => {
  test.prop([shortForm], { numRuns: 500 })('gives exactly the experiment asked for', (f) => {
    const parsed = parseArgs(f.argv);
    if ('help' in parsed || !parsed.ok) throw new Error(`refused ${JSON.stringify(f.argv)}: ${JSON.stringify(parsed)}`);
    const zero = (x: number) => x + 0;
    const takes = (id: OptimizerId, name: string) => OPTIMIZERS[id].hyperparameters.some((h) => h.name === name);
    expect(parsed.experiment).toEqual({
      v: 1,
      problem: f.problem,
      start: f.start?.map(zero) ?? PROBLEMS[f.problem].defaultStart,
      maxSteps: f.maxSteps ?? PROBLEMS[f.problem].maxSteps ?? 40_000,
      targetLoss: zero(f.targetLoss ?? 1e-10),
      backend: 'auto',
      precision: f.precision ?? 'float32',
      seed: f.seed ?? 1,
      ...(f.problem === 'formula' ? { formula: DEFAULT_FORMULA_PRESET.f } : {}),
      runs: f.optimizers.map((optimizer) => ({
        optimizer,
        enabled: true,
        hp: { ...chapterHyperparameters(f.problem, optimizer), ...Object.fromEntries(Object.entries(f.hp).filter(([name]) => takes(optimizer, name))) },
      })),
    });
    expect(parsed.backend).toBe(f.backend ?? 'cpu');
    expect(parsed.json).toBe(f.json);
    expect(parsed.reports).toEqual(f.reports);
  });
});
