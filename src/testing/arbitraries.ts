/**
 * fast-check generators of valid settings, built from the catalog so that a new problem, optimizer
 * or hyperparameter is covered without touching the tests: every value is one the page's fields or
 * a link could hold.
 */
import { fc } from '@fast-check/vitest';
import {
  BACKENDS,
  CG_ITERATIONS,
  EXPERIMENT_FIELDS,
  POINT_PRESETS,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  pairingProblem,
  parseExperiment,
  PRECISIONS,
  FORMULA_PRESETS,
  fitPresets,
  presetFit,
  PROBLEM_IDS,
  PROBLEMS,
  type Experiment,
  type FitSettings,
  type HyperparameterSpec,
  type OptimizerId,
  type PointSettings,
  type ProblemId,
} from '../catalog';

/** Any number a spec accepts: integers in range, or doubles (log-spread where the spec is log-scale). */
export function specValue(spec: HyperparameterSpec): fc.Arbitrary<number> {
  const lo = spec.min?.value ?? -1e6;
  const hi = spec.max?.value ?? 1e6;
  if (spec.integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  const inRange = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true, minExcluded: spec.min?.inclusive === false, maxExcluded: spec.max?.inclusive === false });
  if (!spec.logScale || lo < 0) return inRange;
  // Learning rates and dampings span decades: draw the exponent too, so 1e-9 is as likely as 0.5.
  const decades = fc.tuple(fc.double({ min: 1, max: 10, noNaN: true, maxExcluded: true }), fc.integer({ min: -12, max: 5 })).map(([m, e]) => m * 10 ** e);
  return fc.oneof(inRange, decades.filter((x) => x > lo && x <= hi));
}

/** The optimizers a problem can run (the page offers only these). */
export const compatibleOptimizers = (problem: ProblemId): OptimizerId[] =>
  OPTIMIZER_IDS.filter((id) => pairingProblem(PROBLEMS[problem], OPTIMIZERS[id]) === null);

function runArbitrary(problem: ProblemId) {
  return fc.constantFrom(...compatibleOptimizers(problem)).chain((optimizer) =>
    fc.record(
      {
        optimizer: fc.constant(optimizer),
        enabled: fc.boolean(),
        hp: fc.record(Object.fromEntries(OPTIMIZERS[optimizer].hyperparameters.map((h) => [h.name, specValue(h)])), { requiredKeys: [] }),
        maxSteps: specValue(EXPERIMENT_FIELDS.maxSteps),
      },
      { requiredKeys: ['optimizer', 'enabled', 'hp'] },
    ),
  );
}

/** Models of a table whose first column is the response and second a predictor, and how many parameters each has. */
const MODELS: [(r: string, p: string) => string, number][] = [
  [(r, p) => `${r} = b1*exp(-b2*${p}) + b3`, 3],
  [(r, p) => `${r} = b1*(1-exp[-b2*${p}])`, 2],
  [(r, p) => `${r} = a + b*${p} + c*${p}^2`, 3],
  [(r) => `${r} = k`, 1],
];

/**
 * A fit the page would hold (its model checks against its table): a preset with one of its starts,
 * or a random table of 2-4 named columns and 3-30 rows of any finite numbers, a model of its first
 * two, and perhaps a column of positive uncertainties.
 */
export const fitArbitrary: fc.Arbitrary<{ fit: FitSettings; start: number[] }> = fc.oneof(
  fc.constantFrom(...fitPresets()).chain((p) => fc.record({ fit: fc.constant(presetFit(p)), start: fc.constantFrom(...p.starts) })),
  fc
    .record({
      names: fc.uniqueArray(fc.constantFrom('x', 'y', 't', 'u', 'w', 'dose', 'y_2', 'sd'), { minLength: 2, maxLength: 4 }),
      model: fc.integer({ min: 0, max: MODELS.length - 1 }),
      rows: fc.integer({ min: 3, max: 30 }),
      weighted: fc.boolean(),
      absoluteSigma: fc.boolean(),
    })
    .chain(({ names, model, rows, weighted, absoluteSigma }) => {
      const [write, k] = MODELS[model];
      const number = fc.double({ noNaN: true, noDefaultInfinity: true });
      const positive = fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true });
      const sigma = weighted && names.length > 2 ? names[names.length - 1] : undefined;
      const columns = fc.tuple(...names.map((n) => fc.array(n === sigma ? positive : number, { minLength: rows, maxLength: rows })));
      return fc.record({
        fit: columns.map((cs) => ({ model: write(names[0], names[1]), data: { names, columns: cs.map((c) => c.map((x) => x + 0)) }, ...(sigma ? { sigma } : {}), absoluteSigma })),
        start: fc.array(specValue(EXPERIMENT_FIELDS.start), { minLength: k, maxLength: k }),
      });
    }),
);

/** A valid experiment of `problem` (or of any problem), as parseExperiment returns it. */
export function experimentArbitrary(problem?: ProblemId): fc.Arbitrary<Experiment> {
  const problems = problem ? fc.constant(problem) : fc.constantFrom(...PROBLEM_IDS);
  return problems.chain((p) =>
    fc
      .record({
        problem: fc.constant(p),
        start: fc.array(specValue(EXPERIMENT_FIELDS.start), { minLength: PROBLEMS[p].defaultStart.length, maxLength: PROBLEMS[p].defaultStart.length }),
        maxSteps: specValue(EXPERIMENT_FIELDS.maxSteps),
        targetLoss: fc.oneof(fc.constant(0), specValue(EXPERIMENT_FIELDS.targetLoss).filter((x) => x < 1e300)),
        backend: fc.constantFrom('auto' as const, ...BACKENDS),
        precision: fc.constantFrom(...PRECISIONS),
        seed: specValue(EXPERIMENT_FIELDS.seed),
        runs: fc.array(runArbitrary(p), { minLength: 1, maxLength: 16 }),
        // Chapter 7's formula: a preset, or one edited the way a reader would (a term added).
        ...(p === 'formula' ? { formula: fc.oneof(fc.constantFrom(...FORMULA_PRESETS.map((f) => f.f)), fc.tuple(fc.constantFrom(...FORMULA_PRESETS.map((f) => f.f)), fc.integer({ min: 1, max: 99 })).map(([f, k]) => `${f} + ${k}*x^2`)) } : {}),
        // Chapter 8's fit brings its own start, as long as its model has parameters.
        ...(p === 'fit' ? { fitted: fitArbitrary } : {}),
      })
      .map(({ fitted, ...rest }) => (fitted ? { ...rest, ...fitted } : rest))
      .map((input) => {
        const parsed = parseExperiment(input);
        if (!parsed.ok) throw new Error(`the generator made an invalid experiment: ${parsed.error}`);
        return parsed.experiment;
      }),
  );
}

/** Chapter 6's settings: a preset's function of two or three variables, and any finite numbers of the right lengths. */
export const pointSettingsArbitrary: fc.Arbitrary<PointSettings> = fc.integer({ min: 2, max: 3 }).chain((n) => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0); // -0 is written as 0
  const vector = fc.array(finite, { minLength: n, maxLength: n });
  const functions = POINT_PRESETS.map((p) => p.f.replace(' + z^2', '')).map((f) => (n === 3 ? `${f} + z^2` : f));
  return fc.record<PointSettings>({
    f: fc.constantFrom(...functions),
    at: vector,
    v: vector,
    g: vector,
    cgIters: fc.integer({ min: CG_ITERATIONS.min, max: CG_ITERATIONS.max }),
    damping: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
    precision: fc.constantFrom('float32', 'float64'),
  });
});
