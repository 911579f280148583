/**
 * Fits headless: `fit` (a model fitted to a CSV table, or to a NIST dataset), with the same JSON
 * lines as the other chapters (one per step, then a summary). A model or a table that the page
 * would refuse is refused here with the same message and exit code 2. (f(x, y) is the problem
 * 'formula' of the experiment runner, with --f.)
 */
import { readFile } from 'node:fs/promises';
import { chapterHyperparameters, FIT_XTOL, fitReportText, FLOAT64_BACKEND, OPTIMIZER_IDS, quote, type FitDefinition, type OptimizerId, type RunPrecision, type RunSpec, type Stop } from '../catalog';
import { worstLre } from '../data/lre';
import { loadNist, NIST_DATASETS, type NistName } from '../data/nist';
import { parseTable } from '../data/table';
import { createRun, fitReportAt, switchBackend, type StepRecord } from '../engine';
import { checkModel } from '../formula/problems';
import { stepJson } from './format';
import { ArgError, readOptions, toNumber } from './options';

type Print = (line: string) => void;

export const READER_COMMANDS = ['fit'] as const;
export type ReaderCommand = (typeof READER_COMMANDS)[number];
export const isReaderCommand = (x: string): x is ReaderCommand => (READER_COMMANDS as readonly string[]).includes(x);

export const FIT_USAGE = `usage: npm run experiment -- fit --model 'y = b1*(1-exp[-b2*x])' --data file.csv --start 500,1e-4 [options]
       npm run experiment -- fit --nist Misra1a [--start 1|2] [options]
  --model <text>        the model: a response from the data's columns = an expression; every
                        other name is a parameter, in natural order (b2 before b10)
  --data <file.csv>     the data: comma, tab, semicolon or space separated, a header row naming the columns
  --sigma <column>      a column of measurement uncertainties (residuals are divided by it)
  --absolute-sigma      take sigma as absolute: the covariance is not scaled by the residual variance
  --nist <name>         one of NIST's reference problems (${NIST_DATASETS.map((d) => d.name).join(', ')}):
                        its model and data, and its start 1 or 2 (default 2); the summary scores the
                        fit against NIST's certified values (LRE, matching digits)
  --start <a,b,...>     the starting parameters, in their order
  --optimizer <id>      ${OPTIMIZER_IDS.join(', ')} (default lm)
  --max-steps <n>       default 2000
  --precision <p>       float32 (default) or float64
  --backend <b>         cpu (default) or wasm, for float32
  --json                JSON lines: one per step, then a summary`;

const VALUES = ['model', 'data', 'sigma', 'nist', 'start', 'optimizer', 'max-steps', 'precision', 'backend'];
const SWITCHES = ['json', 'absolute-sigma', 'help'];

interface Common {
  optimizer: OptimizerId;
  maxSteps: number;
  precision: RunPrecision;
  backend: 'cpu' | 'wasm';
  json: boolean;
}

function common(flags: Map<string, string | null>, defaults: { optimizer: OptimizerId; maxSteps: number }): Common {
  const optimizer = flags.get('optimizer') ?? defaults.optimizer;
  if (!(OPTIMIZER_IDS as readonly string[]).includes(optimizer)) throw new ArgError(`--optimizer must be one of ${OPTIMIZER_IDS.join(', ')}, got ${quote(optimizer)}`);
  const steps = flags.get('max-steps');
  const maxSteps = steps == null ? defaults.maxSteps : toNumber('max-steps', steps);
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > 1_000_000) throw new ArgError(`--max-steps must be a whole number from 1 to 1000000, got ${steps}`);
  const precision = flags.get('precision') ?? 'float32';
  if (precision !== 'float32' && precision !== 'float64') throw new ArgError(`--precision must be float32 or float64, got ${quote(precision)}`);
  const backend = flags.get('backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm') throw new ArgError(`backend ${quote(backend)} is not available here (use cpu or wasm)`);
  return { optimizer: optimizer as OptimizerId, maxSteps, precision, backend, json: flags.has('json') };
}

const numbers = (flag: string, text: string) => text.split(',').map((t) => toNumber(flag, t.trim()));


interface FitArgs extends Common {
  command: 'fit';
  definition: FitDefinition;
  start: number[];
  nist: NistName | null;
}

async function fitArgs(flags: Map<string, string | null>): Promise<FitArgs> {
  const c = common(flags, { optimizer: 'lm', maxSteps: 2000 });
  const nistName = flags.get('nist');
  if (nistName != null) {
    const known = NIST_DATASETS.find((d) => d.name.toLowerCase() === nistName.toLowerCase());
    if (!known) throw new ArgError(`--nist must be one of ${NIST_DATASETS.map((d) => d.name).join(', ')}, got ${quote(nistName)}`);
    if (flags.has('model') || flags.has('data')) throw new ArgError('--nist brings its own model and data: leave out --model and --data');
    const nist = loadNist(known.name);
    const which = flags.get('start') ?? '2';
    const start = which === '1' ? [...nist.start1] : which === '2' ? [...nist.start2] : numbers('start', which);
    const definition: FitDefinition = { problem: 'fit', model: nist.model, data: { names: [...nist.columnNames], columns: nist.columns.map((col) => Array.from(col)) } };
    return { ...c, command: 'fit', definition, start, nist: known.name };
  }
  const model = flags.get('model');
  const file = flags.get('data');
  if (model == null) throw new ArgError('fit needs --model (or --nist)');
  if (file == null) throw new ArgError('fit needs --data <file.csv> (or --nist)');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ArgError(`--data: cannot read ${quote(file)}`);
  }
  const table = parseTable(text);
  if (!table.ok) throw new ArgError(`${file}: ${table.error.message}`);
  const names = table.table.names;
  const checked = checkModel(model, names);
  if (!checked.ok) throw new ArgError(`--model: ${checked.error.message}`);
  const sigma = flags.get('sigma') ?? undefined;
  if (sigma !== undefined && !names.includes(sigma)) throw new ArgError(`--sigma: the data has no column ${quote(sigma)} (it has ${names.join(', ')})`);
  const startText = flags.get('start');
  if (startText == null) throw new ArgError(`fit needs --start with ${checked.value.parameters.length} numbers, for ${checked.value.parameters.join(', ')}`);
  const start = numbers('start', startText);
  if (start.length !== checked.value.parameters.length) throw new ArgError(`--start needs ${checked.value.parameters.length} numbers, for ${checked.value.parameters.join(', ')}; got ${start.length}`);
  const definition: FitDefinition = { problem: 'fit', model, data: { names, columns: table.table.columns.map((col) => Array.from(col)) }, sigma, absoluteSigma: flags.has('absolute-sigma') || undefined };
  return { ...c, command: 'fit', definition, start, nist: null };
}

async function parseReaderArgs(argv: string[]): Promise<FitArgs | { help: ReaderCommand }> {
  const tokens = readOptions(argv, {
    kind: (name) => (VALUES.includes(name) ? 'value' : SWITCHES.includes(name) ? 'switch' : undefined),
    unknown: (name) => `unknown option ${quote(`--${name}`)}`,
  });
  const positionals = tokens.flatMap((t) => ('positional' in t ? [t.positional] : []));
  const command = positionals[0];
  if (!command || !isReaderCommand(command)) throw new ArgError(`expected fit, got ${quote(command ?? '')}`);
  if (positionals.length > 1) throw new ArgError(`unexpected argument ${quote(positionals[1])}`);
  const flags = new Map(tokens.flatMap((t) => ('name' in t ? [[t.name, t.value] as const] : [])));
  if (flags.has('help')) return { help: command };
  return fitArgs(flags);
}

export async function readerMain(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  let args: FitArgs | { help: ReaderCommand };
  try {
    args = await parseReaderArgs(argv);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    err(`error: ${e.message}`);
    err('Run with --help for usage.');
    return 2;
  }
  if ('help' in args) {
    out(FIT_USAGE);
    return 0;
  }
  const backend = args.precision === 'float64' ? FLOAT64_BACKEND : args.backend;
  if (!(await switchBackend(backend))) {
    err(`error: the tfjs ${backend} backend did not start.`);
    return 2;
  }
  const spec: RunSpec = { problem: 'fit', definition: args.definition, optimizer: args.optimizer, hp: chapterHyperparameters('fit', args.optimizer), start: args.start, maxSteps: args.maxSteps, targetLoss: -Infinity, xtol: FIT_XTOL[args.precision], precision: args.precision };
  const run = createRun(spec);
  const records = run.advance(Infinity);
  const stop = run.stop as Stop;
  run.dispose();
  const last = records[records.length - 1] as StepRecord | undefined;
  if (args.json) for (const r of records) out(stepJson(args.optimizer, r, args.precision));
  const base = { summary: true, command: args.command, run: args.optimizer, precision: args.precision, backend, steps: last?.step ?? 0, stop: stop.reason, message: stop.message };
  if (!last) {
    out(args.json ? JSON.stringify(base) : textSummary(base));
    return 0;
  }
  const report = fitReportAt(args.definition, last.params);
  const nist = args.nist ? loadNist(args.nist) : null;
  const summary = {
    ...base,
    names: report.names,
    params: report.params,
    stdErrors: report.stdErrors,
    rss: report.rss,
    residualSD: report.residualSD,
    dof: report.dof,
    covarianceScaled: report.scaled,
    conditionNumber: report.conditionNumber,
    correlation: report.correlation,
    undetermined: report.undetermined,
    ...(nist && { nist: nist.name, lre: { params: worstLre(report.params, nist.certified), stdErrors: report.stdErrors ? worstLre(report.stdErrors, nist.certifiedSd) : 0, rss: worstLre([report.rss], [nist.residualSumOfSquares]) } }),
  };
  if (args.json) out(JSON.stringify(summary));
  else {
    out(fitReportText(report, args.definition.model));
    out(`[[Run]]\n    ${args.optimizer}, ${args.precision} on ${backend}: ${stop.message} (${summary.steps} steps)`);
    if (summary.lre) out(`[[NIST ${summary.nist}]] matching digits (LRE): parameters ${summary.lre.params.toFixed(1)}, standard deviations ${summary.lre.stdErrors.toFixed(1)}, RSS ${summary.lre.rss.toFixed(1)}`);
  }
  return 0;
}

/** The summary for a person: one `key: value` per line. */
function textSummary(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([key]) => key !== 'summary')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('\n');
}
