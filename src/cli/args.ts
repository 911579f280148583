/**
 * Command-line arguments of the headless runner. Both forms (a JSON `--config` and the short form
 * `<problem> --optimizer gd --lr 5e-4 ...`) end in one object passed through `parseExperiment`, so
 * the runner accepts exactly what the page's links accept, with the schema's messages.
 */
import { CHAPTERS, INSPECTIONS, inspectionFault, OPTIMIZER_IDS, OPTIMIZERS, parseExperiment, PRECISIONS, printable, PROBLEMS, quote, type Experiment, type Inspection, type OptimizerId, type Precision, type ProblemId } from '../catalog';
import { checkFunction, functionCapabilities, type CheckedFunction } from '../formula/problems';
import { ArgError, readOptions, toNumber, type Grammar } from './options';

/** The backends tfjs can start in Node (WebGL needs a browser). */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

export type ParsedArgs =
  | { ok: true; experiment: Experiment; backend: NodeBackend; json: boolean; reports: Inspection[] }
  | { ok: false; error: string }
  | { help: true };

/** The problems the chapters race optimizers on, from the registry. */
const RACES = CHAPTERS.flatMap((c) => (c.lab.kind === 'optimizer-race' ? [{ problem: c.lab.problem, number: c.number }] : []));

export const USAGE = `usage: npm run experiment -- [problem] [options]
       npm run experiment -- --config '<JSON experiment>' [--json] [--backend cpu|wasm]

  problem               a chapter's problem: ${RACES.map((r) => `${r.problem} (${r.number})`).join(', ')}
                        (default ${RACES[0].problem})
  --optimizer <id>      ${OPTIMIZER_IDS.join(', ')}; repeatable or a comma list (default: the chapter's)
  --<hp> <value>        a hyperparameter (lr, b1, b2, eps, epsPlacement, rho, momentum, cgIters,
                        damping, mu0, memory)
                        for the selected optimizers that have it
  --max-steps <n>       stop after n steps (default 40000)
  --target-loss <x>     stop once the loss is at most x (default 1e-10)
  --start <a,b,...>     starting parameters (default: the problem's)
  --seed <n>            seed of the problem's random data and start (default 1)
  --f <text>            for the problem formula: f(x, y), as 'x^3 + 2*x*y + y^2 - x'
  --config <json>       the whole experiment as JSON (instead of the options above; it may
                        carry "precision")
  --backend <id>        tfjs backend of float32 runs: cpu (default) or wasm
  --precision <p>       float32 (default), float64 (our cpu64 backend) or compare (every run in both)
  --report <what>       after each run, at its final parameters, in float64 on cpu64 whatever the
                        run's precision: spectrum (the Hessian's eigenvalues, dense up to 64
                        parameters, else its extremes by Lanczos; and the Gauss-Newton matrix's),
                        covariance (standard errors from J^T J, and from H up to 64 parameters;
                        least-squares problems only) or input-jacobian (the net of
                        net-on-rosenbrock: d zhat/d(x, y) on a 21 x 21 grid); repeatable or a
                        comma list
  --json                JSON lines: one object per step, then one summary per run (with the
                        reports' fields)
  --help                this text

Every option but --optimizer and --report may be given once.`;

/** Every hyperparameter name of the catalog: the only flags besides the fixed ones. */
const HP_NAMES = new Set<string>(OPTIMIZER_IDS.flatMap((id) => OPTIMIZERS[id].hyperparameters.map((h) => h.name)));
const VALUE_FLAGS = new Set(['config', 'backend', 'precision', 'optimizer', 'max-steps', 'target-loss', 'start', 'seed', 'f', 'report']);
const SHORT_FORM_FLAGS = ['optimizer', 'max-steps', 'target-loss', 'start', 'seed', 'f'];

/** What the argument list says, before it becomes an experiment. */
interface Raw {
  problem?: string;
  config?: string;
  backend?: string;
  precision?: string;
  json: boolean;
  optimizers: string[];
  /** --report, in order, once each. */
  reports: Inspection[];
  /** Fixed short-form options seen (for the --config conflict check). */
  shortForm: Set<string>;
  maxSteps?: number;
  seed?: number;
  targetLoss?: number;
  start?: number[];
  /** f(x, y), for the problem 'formula'. */
  formula?: string;
  hp: Map<string, number>;
}


export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.some((a) => a === '--help' || a === '-h')) return { help: true };
  try {
    const raw = scan(argv);
    const input = raw.config === undefined ? shortFormConfig(raw) : configFromJson(raw);
    const parsed = parseExperiment(input);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    // The page checks a formula as it is typed; here, with the same message.
    const formula = parsed.experiment.formula === undefined ? null : checkFunction(parsed.experiment.formula);
    if (formula && !formula.ok) return { ok: false, error: `${raw.formula === undefined ? 'formula' : '--f'}: ${formula.error.message}` };
    // A link may hold only disabled runs (the page shows them, ready to enable); here it would
    // print a header and nothing else.
    if (!parsed.experiment.runs.some((r) => r.enabled)) return { ok: false, error: 'every run is disabled: nothing to run' };
    // --precision wins over the config's, as --backend does.
    const experiment = raw.precision ? { ...parsed.experiment, precision: raw.precision as Precision } : parsed.experiment;
    // A report the problem cannot give is refused now, not after the runs.
    for (const what of raw.reports) {
      const fault = reportFault(what, experiment, formula?.ok ? formula.value : null);
      if (fault) return { ok: false, error: fault };
    }
    return { ok: true, experiment, backend: pickBackend(raw.backend, experiment), json: raw.json, reports: raw.reports };
  } catch (e) {
    if (e instanceof ArgError) return { ok: false, error: e.message };
    throw e;
  }
}

const GRAMMAR: Grammar = {
  kind: (name) => (name === 'json' ? 'switch' : VALUE_FLAGS.has(name) || HP_NAMES.has(name) ? 'value' : undefined),
  unknown: (name) => `unknown option ${quote(`--${name}`)}`,
  repeatable: ['optimizer', 'report'],
};

/** Walks the list once, through the shared grammar. */
function scan(argv: string[]): Raw {
  const raw: Raw = { json: false, optimizers: [], reports: [], shortForm: new Set(), hp: new Map() };
  for (const token of readOptions(argv, GRAMMAR)) {
    if ('positional' in token) {
      if (raw.problem !== undefined) throw new ArgError(`unexpected argument ${quote(token.positional)} (the problem is already ${quote(raw.problem)})`);
      raw.problem = token.positional;
    } else if (token.value === null) raw.json = true;
    else take(raw, token.name, token.value);
  }
  return raw;
}

function take(raw: Raw, name: string, value: string) {
  if (SHORT_FORM_FLAGS.includes(name)) raw.shortForm.add(name);
  switch (name) {
    case 'config':
      raw.config = value;
      return;
    case 'backend':
      raw.backend = value;
      return;
    case 'precision':
      if (!(PRECISIONS as readonly string[]).includes(value)) throw new ArgError(`--precision must be one of ${PRECISIONS.join(', ')}, got ${quote(value)}`);
      raw.precision = value;
      return;
    case 'optimizer': {
      const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      // Else "--optimizer ," would quietly run the chapter's default set.
      if (!ids.length) throw new ArgError('--optimizer needs at least one id');
      raw.optimizers = raw.optimizers.concat(ids); // concat: a spread of a huge list would overflow the stack
      return;
    }
    case 'max-steps':
      raw.maxSteps = toNumber(name, value);
      return;
    case 'target-loss':
      raw.targetLoss = toNumber(name, value);
      return;
    case 'seed':
      raw.seed = toNumber(name, value);
      return;
    case 'start':
      raw.start = value.split(',').map((s) => toNumber(name, s.trim()));
      return;
    case 'f':
      raw.formula = value;
      return;
    case 'report': {
      const whats = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (!whats.length) throw new ArgError(`--report needs at least one of ${INSPECTIONS.join(', ')}`);
      for (const what of whats) {
        if (!(INSPECTIONS as readonly string[]).includes(what)) throw new ArgError(`--report must be one of ${INSPECTIONS.join(', ')}, got ${quote(what)}`);
        if (!raw.reports.includes(what as Inspection)) raw.reports.push(what as Inspection);
      }
      return;
    }
    default:
      raw.hp.set(name, toNumber(name, value));
  }
}


/** The short form as an experiment input; the schema checks the ids and ranges. */
function shortFormConfig(raw: Raw): Record<string, unknown> {
  const problem = raw.problem ?? RACES[0].problem;
  // By default, the chapter's own optimizers; an unknown problem is the schema's to report.
  const chapter = Object.hasOwn(PROBLEMS, problem) ? PROBLEMS[problem as ProblemId].optimizers : OPTIMIZER_IDS;
  const optimizers = raw.optimizers.length ? [...new Set(raw.optimizers)] : [...chapter];
  const runs = optimizers.map((optimizer) => ({ optimizer, hp: hpFor(optimizer, raw.hp) }));
  // An unknown id is the schema's to report, before any complaint about its flags.
  const known = optimizers.every((id) => Object.hasOwn(OPTIMIZERS, id));
  for (const name of known ? raw.hp.keys() : []) {
    if (!optimizers.some((id) => hpNames(id).includes(name))) {
      const takers = OPTIMIZER_IDS.filter((id) => hpNames(id).includes(name));
      throw new ArgError(`no selected optimizer takes --${name} (only ${listed(takers)} ${takers.length === 1 ? 'does' : 'do'})`);
    }
  }
  const config: Record<string, unknown> = { problem, runs };
  if (raw.maxSteps !== undefined) config.maxSteps = raw.maxSteps;
  if (raw.seed !== undefined) config.seed = raw.seed;
  if (raw.targetLoss !== undefined) config.targetLoss = raw.targetLoss;
  if (raw.start !== undefined) config.start = raw.start;
  if (raw.formula !== undefined) {
    if (problem !== 'formula') throw new ArgError(`--f is the function of the problem formula, not of ${quote(problem)}`);
    config.formula = raw.formula;
  }
  return config;
}

/** "a", "a and b", "a, b and c". */
const listed = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Unknown ids pass through untouched, for the schema to name. */
function hpNames(optimizer: string): string[] {
  if (!Object.hasOwn(OPTIMIZERS, optimizer)) return [];
  return OPTIMIZERS[optimizer as OptimizerId].hyperparameters.map((h) => h.name);
}

function hpFor(optimizer: string, hp: Map<string, number>): Record<string, number> {
  const names = hpNames(optimizer);
  return Object.fromEntries([...hp].filter(([name]) => names.includes(name)));
}

function configFromJson(raw: Raw): unknown {
  const mixed = [...(raw.problem !== undefined ? ['a problem'] : []), ...[...raw.shortForm].map((f) => `--${f}`), ...[...raw.hp.keys()].map((f) => `--${f}`)];
  if (mixed.length) throw new ArgError(`--config cannot be combined with ${mixed.join(', ')}; put them in the JSON`);
  try {
    return JSON.parse(raw.config as string);
  } catch (e) {
    // JSON.parse's message quotes a few characters of the text: keep them on the line.
    throw new ArgError(`--config is not valid JSON (${printable(e instanceof Error ? e.message : String(e))})`);
  }
}

/**
 * Why the experiment's problem cannot give the report `what` (the catalog's inspectionFault, and the
 * covariance's need of residuals: s^2 (J^T J)^-1 is a least-squares fit's), or null. A formula
 * provides residuals only when it is written as a sum of squares.
 */
function reportFault(what: Inspection, experiment: Experiment, formula: CheckedFunction | null): string | null {
  const { problem } = experiment;
  const provides: readonly string[] = formula ? functionCapabilities(formula) : PROBLEMS[problem].provides;
  const fault = inspectionFault(what, { provides, predictsSurface: PROBLEMS[problem].predictsSurface });
  if (fault) return `--report ${what} on ${problem}: ${fault}`;
  if (what === 'covariance' && !provides.includes('residuals')) {
    return `--report covariance on ${problem}: The covariance s^2 (J^T J)^-1 needs residuals, which this problem does not provide${formula ? ' (f is not written as a sum of squares)' : ''}.`;
  }
  return null;
}

/** --backend wins; else the config's cpu or wasm; 'auto' means cpu, the default in Node. */
function pickBackend(flag: string | undefined, experiment: Experiment): NodeBackend {
  const choice = flag ?? (experiment.backend === 'auto' ? 'cpu' : experiment.backend);
  if (!(NODE_BACKENDS as readonly string[]).includes(choice)) {
    throw new ArgError(`backend ${quote(choice)} is not available here (use ${NODE_BACKENDS.join(' or ')})`);
  }
  return choice as NodeBackend;
}
