/**
 * An experiment is one JSON-serialisable config: the problem, the start, the stop rule and the runs.
 * The page's link, the headless runner and the tests all read it through this one schema.
 */
import * as v from 'valibot';
import { BACKENDS, PRECISIONS, type RunPrecision } from './backends';
import { checkHyperparameter, type HyperparameterSpec } from './hyperparameters';
import { defaultHyperparameters, OPTIMIZER_IDS, OPTIMIZERS, type Hyperparameters, type OptimizerId } from './optimizers';
import { PROBLEM_IDS, PROBLEMS, type ProblemId } from './problems';
import { MAX_CELLS, NAME } from '../data/table';
import { DEFAULT_FIT_PRESET, fitPreset, presetFit } from './fit-presets';
import { DEFAULT_FORMULA_PRESET } from './formula-presets';
import { FIT_XTOL, fitDefinition, type FitSettings, type ProblemDefinition } from './user-problems';
import { quote } from './quote';

/** The longest formula a link holds (the parser's own limit). */
export const MAX_FORMULA_TEXT = 1000;

// -0 reads as 0: JSON writes -0 as 0, so a link could not give back a -0 it was asked to hold.
const finite = v.pipe(v.number(), v.finite(), v.transform((x) => x + 0));

const RunSchema = v.pipe(
  // On the raw run: v.record drops "__proto__", "constructor" and "prototype" from its output (to
  // keep them off prototypes), so only the input still shows them, to be refused like any other.
  v.unknown(),
  v.check((run) => unknownHyperparameter(run) === null, (issue) => unknownHyperparameter(issue.input) ?? ''),
  v.object({
    optimizer: v.picklist(OPTIMIZER_IDS),
    enabled: v.optional(v.boolean(), true),
    hp: v.optional(v.record(v.string(), finite), {}),
    /** This run's own step limit, when it differs from the experiment's. */
    maxSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
  }),
  v.check((run) => badHyperparameter(run) === null, (issue) => badHyperparameter(issue.input) ?? ''),
);

const NameSchema = v.pipe(v.string(), v.regex(NAME, 'a column name is letters, digits and _, not starting with a digit'));

/** A fit's model, table and weighting; whether the model fits the table is checked where it is read (src/formula). */
const FitSchema = v.pipe(
  v.object({
    model: v.pipe(v.string(), v.maxLength(MAX_FORMULA_TEXT)),
    data: v.object({ names: v.pipe(v.array(NameSchema), v.minLength(1)), columns: v.array(v.array(finite)) }),
    sigma: v.optional(NameSchema),
    absoluteSigma: v.optional(v.boolean(), false),
    omitted: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  }),
  v.check((f) => tableProblem(f) === null, (issue) => tableProblem(issue.input) ?? ''),
);

export const ExperimentSchema = v.object({
  v: v.optional(v.literal(1), 1),
  problem: v.picklist(PROBLEM_IDS),
  start: v.optional(v.pipe(v.array(v.pipe(finite, v.minValue(-1e6), v.maxValue(1e6))), v.maxLength(64))),
  maxSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)), 40_000),
  targetLoss: v.optional(v.pipe(finite, v.minValue(0)), 1e-10),
  backend: v.optional(v.picklist(['auto', ...BACKENDS]), 'auto'),
  /** float32 on the backend, float64 on our own cpu64 backend, or both side by side. */
  precision: v.optional(v.picklist(PRECISIONS), 'float32'),
  /** Seeds the problem's random data and initialisation, where it has any. */
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1)), 1),
  /** f(x, y), for the problem 'formula' (checked by src/formula where it is read: the page and the engine). */
  formula: v.optional(v.pipe(v.string(), v.maxLength(MAX_FORMULA_TEXT))),
  /** The model, table and weighting of the problem 'fit'. */
  fit: v.optional(FitSchema),
  runs: v.pipe(v.array(RunSchema), v.minLength(1), v.maxLength(16)),
});

export type ExperimentInput = v.InferInput<typeof ExperimentSchema>;

/** What is wrong with a fit's table as a whole (names against columns, lengths, size), or null. */
function tableProblem(f: FitSettings): string | null {
  const { names, columns } = f.data;
  if (columns.length !== names.length) return `fit.data: ${names.length} names for ${columns.length} columns.`;
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) return `fit.data: the name ${quote(repeated)} names two columns.`;
  const rows = columns[0].length;
  if (columns.some((c) => c.length !== rows)) return 'fit.data: the columns differ in length.';
  if (rows * names.length > MAX_CELLS) return `fit.data: more than ${MAX_CELLS.toLocaleString('en-US')} numbers.`;
  if (f.sigma !== undefined && !names.includes(f.sigma)) return `fit.sigma: there is no column ${quote(f.sigma)}.`;
  if (f.omitted !== undefined && rows > 0) return 'fit.omitted: only a table left out of a link is empty.';
  return null;
}
export type Experiment = v.InferOutput<typeof ExperimentSchema> & { start: number[] };
export type RunConfig = Experiment['runs'][number];

/**
 * A key of the raw run's hp that its optimizer does not take. Anything malformed (not an object, an
 * unknown optimizer, a non-object hp) is left for the schema to name.
 */
function unknownHyperparameter(run: unknown): string | null {
  if (!isObject(run) || !isObject(run.hp)) return null;
  const { optimizer, hp } = run;
  if (!(OPTIMIZER_IDS as readonly unknown[]).includes(optimizer)) return null;
  const info = OPTIMIZERS[optimizer as OptimizerId];
  const names: string[] = info.hyperparameters.map((h) => h.name);
  const extra = Object.keys(hp).find((k) => !names.includes(k));
  if (extra === undefined) return null;
  return `${info.label} has no hyperparameter ${quote(extra)}${names.length ? ` (it takes ${names.join(', ')})` : ''}.`;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function badHyperparameter(run: { optimizer: OptimizerId; hp?: Record<string, number> }): string | null {
  for (const spec of OPTIMIZERS[run.optimizer].hyperparameters) {
    const value = run.hp?.[spec.name];
    if (value === undefined) continue;
    const error = checkHyperparameter(spec, value);
    if (error) return `${OPTIMIZERS[run.optimizer].label}: ${error}`;
  }
  return null;
}

export type Parsed = { ok: true; experiment: Experiment } | { ok: false; error: string };

/** Validates any value (from JSON, a link or the CLI) and fills defaults; never throws. */
export function parseExperiment(input: unknown): Parsed {
  // v.object takes an array for an object, and would then report its first missing key.
  if (!isObject(input) || Array.isArray(input)) return { ok: false, error: `the settings must be a JSON object, got ${kindOf(input)}.` };
  const result = v.safeParse(ExperimentSchema, withChapterMaxSteps(input));
  if (!result.success) return { ok: false, error: summarize(result.issues) };
  const e = result.output;
  const problem = PROBLEMS[e.problem as ProblemId];
  const start = e.start ?? problem.defaultStart;
  // A fit's start is as long as its model has parameters: checked with the model (src/formula).
  if (!problem.modelParameters && start.length !== problem.defaultStart.length) {
    return { ok: false, error: `start must have ${problem.defaultStart.length} numbers for ${e.problem}, got ${start.length}.` };
  }
  const runs = e.runs.map((r) => ({ ...r, hp: { ...chapterHyperparameters(e.problem, r.optimizer), ...r.hp } }));
  // Keys in one order, whatever the input's: a link read and written again is the same link. Only
  // the problem 'formula' has a formula and only 'fit' a fit (their chapter's default unless given).
  const { v: version, problem: id, maxSteps, targetLoss, backend, seed } = e;
  const precision = 'precision' in input ? e.precision : (problem.defaultPrecision ?? e.precision);
  const formula = id === 'formula' ? { formula: e.formula ?? DEFAULT_FORMULA_PRESET.f } : {};
  const fit = id === 'fit' ? { fit: orderedFit(e.fit ?? defaultFit()) } : {};
  return { ok: true, experiment: { v: version, problem: id, start, maxSteps, targetLoss, backend, precision, seed, ...formula, ...fit, runs } };
}

/** The fit chapter 8 opens with. */
export function defaultFit(): FitSettings {
  const preset = fitPreset(DEFAULT_FIT_PRESET);
  if (!preset) throw new Error(`No fit preset ${DEFAULT_FIT_PRESET}.`);
  return presetFit(preset);
}

const orderedFit = ({ model, data, sigma, absoluteSigma, omitted }: FitSettings) => ({
  model,
  data: { names: data.names, columns: data.columns },
  ...(sigma === undefined ? {} : { sigma }),
  absoluteSigma: absoluteSigma ?? false,
  ...(omitted === undefined ? {} : { omitted }),
});

/** A config without maxSteps gets its chapter's (a net needs fewer, slower steps than chapter 1). */
function withChapterMaxSteps(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || 'maxSteps' in input || !('problem' in input)) return input;
  const { problem } = input as { problem: unknown };
  const maxSteps = typeof problem === 'string' && Object.hasOwn(PROBLEMS, problem) ? PROBLEMS[problem as ProblemId].maxSteps : undefined;
  return maxSteps === undefined ? input : { ...input, maxSteps };
}

function kindOf(x: unknown): string {
  return x === null ? 'null' : x === undefined ? 'nothing' : Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}

function summarize(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  // valibot's messages end with the value received, a string in full: show it short, on one line.
  const { message, input, received } = issue;
  const shown = typeof input === 'string' && message.endsWith(received) ? message.slice(0, -received.length) + quote(input) : message;
  return path ? `${path}: ${shown}` : shown;
}

/** An optimizer's hyperparameters on a problem: its own defaults, then the chapter's settings. */
export function chapterHyperparameters(problem: ProblemId, optimizer: OptimizerId): Hyperparameters {
  return { ...defaultHyperparameters(optimizer), ...PROBLEMS[problem].defaults[optimizer] };
}

/** A chapter's default experiment: its optimizers with its settings (for chapter 1, the seed's). */
export function defaultExperiment(problem: ProblemId = 'rosenbrock-fit'): Experiment {
  const { optimizers, maxSteps, runs } = PROBLEMS[problem];
  const parsed = parseExperiment({ problem, maxSteps, runs: runs ?? optimizers.map((optimizer) => ({ optimizer })) });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.experiment;
}

/** One optimizer run, as the engine takes it: what the worker and the headless runner start. */
export interface RunSpec {
  problem: ProblemId;
  /** What a problem the reader brings is (required for 'formula' and 'fit'). */
  definition?: ProblemDefinition;
  optimizer: OptimizerId;
  hp: Hyperparameters;
  start: number[];
  maxSteps: number;
  targetLoss: number;
  /** Seed of the problem's random data and start (default 1). */
  seed?: number;
  /** float64 runs on the cpu64 backend; float32 (the default) on the chosen one. */
  precision?: RunPrecision;
  /**
   * Least-squares methods stop as converged once their Gauss-Newton step is below xtol of the
   * parameters (the fits of chapter 8); without it they stop by the rules above only.
   */
  xtol?: number;
}

/**
 * The runs an experiment starts (enabled ones only), in order: each in the experiment's precision,
 * or with 'compare' each in float32 and then again in float64.
 */
export function runSpecs(e: Experiment): { index: number; precision: RunPrecision; spec: RunSpec }[] {
  const precisions: RunPrecision[] = e.precision === 'compare' ? ['float32', 'float64'] : [e.precision];
  return e.runs.flatMap((r, index) =>
    r.enabled
      ? precisions.map((precision) => ({
          index,
          precision,
          spec: {
            problem: e.problem,
            ...definitionOf(e),
            optimizer: r.optimizer,
            hp: r.hp,
            start: e.start,
            maxSteps: r.maxSteps ?? e.maxSteps,
            targetLoss: e.targetLoss,
            seed: e.seed,
            precision,
            ...(e.problem === 'fit' ? { xtol: FIT_XTOL[precision] } : {}),
          },
        }))
      : [],
  );
}

/** What a run carries of its problem when the experiment holds it: the formula of f(x, y), a fit's model and table. */
export function definitionOf(e: Experiment): { definition?: ProblemDefinition } {
  if (e.problem === 'formula') return { definition: { problem: 'formula', f: e.formula ?? DEFAULT_FORMULA_PRESET.f } };
  return e.problem === 'fit' && e.fit ? { definition: fitDefinition(e.fit) } : {};
}

/** The experiment's own fields, checked at the control exactly as hyperparameters are. */
export const EXPERIMENT_FIELDS = {
  maxSteps: { name: 'maxSteps', label: 'Max steps', tex: 'K', default: 40_000, integer: true, min: { value: 1, inclusive: true }, max: { value: 1_000_000, inclusive: true } },
  targetLoss: { name: 'targetLoss', label: 'Target loss', tex: 'L^*', default: 1e-10, min: { value: 0, inclusive: true }, logScale: true },
  seed: { name: 'seed', label: 'Data seed', tex: 's', default: 1, integer: true, min: { value: 0, inclusive: true }, max: { value: 2 ** 31 - 1, inclusive: true } },
  start: { name: 'start', label: 'Start', tex: 'p_0', default: 0, min: { value: -1e6, inclusive: true }, max: { value: 1e6, inclusive: true } },
} satisfies Record<string, HyperparameterSpec>;
