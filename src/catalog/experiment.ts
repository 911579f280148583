/**
 * An experiment is one JSON-serialisable config: the problem, the start, the stop rule and the runs.
 * The page's link, the headless runner and the tests all read it through this one schema.
 */
import * as v from 'valibot';
import { BACKENDS, PRECISIONS, type RunPrecision } from './backends';
import { checkHyperparameter, type HyperparameterSpec } from './hyperparameters';
import { defaultHyperparameters, OPTIMIZER_IDS, OPTIMIZERS, type Hyperparameters, type OptimizerId } from './optimizers';
import { PROBLEM_IDS, PROBLEMS, type ProblemId } from './problems';
import { DEFAULT_FORMULA_PRESET } from './formula-presets';
import type { ProblemDefinition, UserProblemId } from './user-problems';
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
  runs: v.pipe(v.array(RunSchema), v.minLength(1), v.maxLength(16)),
});

export type ExperimentInput = v.InferInput<typeof ExperimentSchema>;
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
  if (start.length !== problem.defaultStart.length) {
    return { ok: false, error: `start must have ${problem.defaultStart.length} numbers for ${e.problem}, got ${start.length}.` };
  }
  const runs = e.runs.map((r) => ({ ...r, hp: { ...chapterHyperparameters(e.problem, r.optimizer), ...r.hp } }));
  // Keys in one order, whatever the input's: a link read and written again is the same link. Only
  // the problem 'formula' has a formula (its chapter's default unless given).
  const { v: version, problem: id, maxSteps, targetLoss, backend, precision, seed } = e;
  const formula = id === 'formula' ? { formula: e.formula ?? DEFAULT_FORMULA_PRESET.f } : {};
  return { ok: true, experiment: { v: version, problem: id, start, maxSteps, targetLoss, backend, precision, seed, ...formula, runs } };
}

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
  problem: ProblemId | UserProblemId;
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
   * parameters (the fits of chapter 7); without it they stop by the rules above only.
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
          spec: { problem: e.problem, ...definitionOf(e), optimizer: r.optimizer, hp: r.hp, start: e.start, maxSteps: r.maxSteps ?? e.maxSteps, targetLoss: e.targetLoss, seed: e.seed, precision },
        }))
      : [],
  );
}

/** What a run carries of its problem when the experiment holds it: the formula of f(x, y). */
const definitionOf = (e: Experiment): { definition?: ProblemDefinition } =>
  e.problem === 'formula' ? { definition: { problem: 'formula', f: e.formula ?? DEFAULT_FORMULA_PRESET.f } } : {};

/** The experiment's own fields, checked at the control exactly as hyperparameters are. */
export const EXPERIMENT_FIELDS = {
  maxSteps: { name: 'maxSteps', label: 'Max steps', tex: 'K', default: 40_000, integer: true, min: { value: 1, inclusive: true }, max: { value: 1_000_000, inclusive: true } },
  targetLoss: { name: 'targetLoss', label: 'Target loss', tex: 'L^*', default: 1e-10, min: { value: 0, inclusive: true }, logScale: true },
  seed: { name: 'seed', label: 'Data seed', tex: 's', default: 1, integer: true, min: { value: 0, inclusive: true }, max: { value: 2 ** 31 - 1, inclusive: true } },
  start: { name: 'start', label: 'Start', tex: 'p_0', default: 0, min: { value: -1e6, inclusive: true }, max: { value: 1e6, inclusive: true } },
} satisfies Record<string, HyperparameterSpec>;
