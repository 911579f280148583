/**
 * The headless runner: runs an experiment's optimizers on a Node tfjs backend, batched as in the
 * page, and prints the seed-style log (or JSON lines), with --report the curvature reports at each
 * run's final parameters (report.ts); chapter 5's commands (its sweeps, one digits net) are
 * digits.ts's. Started by scripts/experiment.mjs, which loads this module through Vite so
 * tfjs-core's extensionless ESM gradients resolve.
 */
import { FLOAT64_BACKEND, runSpecs, seedLogLines, type RunSpec, type Stop } from '../catalog';
import { createBatcher, runToEnd, switchBackend, type StepRecord } from '../engine';
import { parseArgs, USAGE } from './args';
import { commandOf, DIGITS_HELP, isDigitsCommand } from './digits-args';
import { digitsMain } from './digits';
import { FORMULA_POINT_USAGE, formulaPointMain, isFormulaPointCall } from './formula-point';
import { isReaderCommand, readerMain } from './reader-problems';
import { header, paramsLine, stepJson, stopLine, summaryJson, summaryTable, type RunResult } from './format';
import { reportAll, reportJson, reportText, type Reported } from './report';

type Print = (line: string) => void;

/** Steps per advance call: each run's turn in the round. */
const CHUNK = 1000;

export async function main(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  // Chapter 5's commands (its sweeps, one digits net) have options of their own.
  const command = commandOf(argv);
  if (command !== undefined && isDigitsCommand(command)) return digitsMain(argv, out, err);
  if (command !== undefined && isReaderCommand(command)) return readerMain(argv, out, err);
  if (isFormulaPointCall(argv)) return formulaPointMain(argv, out, err);
  const args = parseArgs(argv);
  if ('help' in args) {
    out(`${USAGE}\n\n${FORMULA_POINT_USAGE}\n\n${DIGITS_HELP}`);
    return 0;
  }
  if (!args.ok) {
    err(`error: ${args.error}`);
    err('Run with --help for usage.');
    return 2;
  }
  const specs = runSpecs(args.experiment).map(({ spec }) => spec);
  // float32 runs on the chosen backend, then float64 runs on cpu64 (with --precision compare, both).
  const records: { records: StepRecord[]; stop: Stop }[] = [];
  for (const precision of ['float32', 'float64'] as const) {
    const mine = specs.filter((s) => (s.precision ?? 'float32') === precision);
    if (!mine.length) continue;
    if (!(await switchBackend(precision === 'float64' ? FLOAT64_BACKEND : args.backend))) {
      err(`error: the tfjs ${precision === 'float64' ? FLOAT64_BACKEND : args.backend} backend did not start.`);
      return 2;
    }
    const done = runAll(mine);
    specs.forEach((s, i) => (s.precision ?? 'float32') === precision && (records[i] = done[mine.indexOf(s)]));
  }
  // The reports at every run's end, in float64 on cpu64 (then back to the backend before).
  let reported: Reported[][] = specs.map(() => []);
  if (args.reports.length) {
    const all = await reportAll(
      specs.map((spec, i) => ({ spec, params: records[i].records[records[i].records.length - 1]?.params })),
      args.reports,
    );
    if (!all) {
      err(`error: the tfjs ${FLOAT64_BACKEND} backend did not start.`);
      return 2;
    }
    reported = all;
  }
  const results = specs.map((spec, i) => report(spec, records[i].records, records[i].stop, reported[i], args.json ? out : null, args.json ? null : out));
  if (!args.json) for (const line of summaryTable(results)) out(line);
  return 0;
}

/**
 * Runs every spec to its end, in turn a chunk at a time, so that runs which can step together (a
 * batch, as in the page) do.
 */
function runAll(specs: RunSpec[]): { records: StepRecord[]; stop: Stop }[] {
  const batcher = createBatcher();
  const runs = specs.map((spec, i) => batcher.start(String(i), spec));
  try {
    return runToEnd(runs, CHUNK).map((records, i) => ({ records, stop: runs[i].stop as Stop }));
  } finally {
    runs.forEach((run) => run.dispose());
  }
}

/** Prints one run: every record as a JSON line (`json`), or the seed-style log (`log`); then its reports. */
function report(spec: RunSpec, records: StepRecord[], stop: Stop, reported: Reported[], json: Print | null, log: Print | null): RunResult {
  const last = records[records.length - 1];
  if (json) {
    for (const r of records) json(stepJson(spec.optimizer, r, spec.precision));
  }
  if (log) {
    log(header(spec.optimizer, spec.hp, spec.precision));
    for (const line of seedLogLines(records.map((r) => r.step), records.map((r) => r.loss), records.length, true)) log(line);
    if (last) log(paramsLine(last.params));
    log(stopLine(stop));
    for (const line of reportText(reported)) log(line);
    log('');
  }
  const result = { optimizer: spec.optimizer, precision: spec.precision ?? 'float32', hp: spec.hp, stop, last, engineMs: last?.elapsedMs ?? 0 };
  if (json) json(summaryJson(result, reportJson(reported)));
  return result;
}
