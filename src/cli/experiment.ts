/**
 * The headless runner: runs an experiment's optimizers one after another on a Node tfjs backend
 * and prints the seed-style log (or JSON lines). Started by scripts/experiment.mjs, which loads
 * this module through Vite so tfjs-core's extensionless ESM gradients resolve.
 */
import { runSpecs, seedLogLines, type RunSpec, type Stop } from '../catalog';
import { switchBackend } from '../engine/backend';
import { createRun } from '../engine/run/run';
import type { StepRecord } from '../engine/types';
import { parseArgs, USAGE } from './args';
import { header, paramsLine, stepJson, stopLine, summaryJson, summaryTable, type RunResult } from './format';

type Print = (line: string) => void;

/** Steps per advance call: bounds memory on long runs while JSON lines stream out. */
const CHUNK = 1000;

export async function main(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    out(USAGE);
    return 0;
  }
  if (!args.ok) {
    err(`error: ${args.error}`);
    err('Run with --help for usage.');
    return 2;
  }
  if (!(await switchBackend(args.backend))) {
    err(`error: the tfjs ${args.backend} backend did not start.`);
    return 2;
  }
  const results: RunResult[] = [];
  for (const { spec } of runSpecs(args.experiment)) {
    if (!args.json) out(header(spec.optimizer, spec.hp));
    const result = runOne(spec, args.json ? (r) => out(stepJson(spec.optimizer, r)) : null, args.json ? null : out);
    results.push(result);
    if (args.json) out(summaryJson(result));
  }
  if (!args.json) for (const line of summaryTable(results)) out(line);
  return 0;
}

/**
 * Runs one spec to its end. `onStep` sees every record (JSON mode); `log` gets the seed-style text
 * (text mode), for which only steps and losses are kept.
 */
function runOne(spec: RunSpec, onStep: ((r: StepRecord) => void) | null, log: Print | null): RunResult {
  const steps: number[] = [];
  const losses: number[] = [];
  let last: StepRecord | undefined;
  const t0 = performance.now();
  const run = createRun(spec);
  let stop: Stop | null = null;
  try {
    while (!stop) {
      const records = run.advance(CHUNK);
      for (const r of records) {
        onStep?.(r);
        if (log) {
          steps.push(r.step);
          losses.push(r.loss);
        }
      }
      last = records[records.length - 1] ?? last;
      stop = run.stop;
    }
  } finally {
    run.dispose();
  }
  const wallMs = performance.now() - t0;
  if (log) {
    for (const line of seedLogLines(steps, losses, steps.length, true)) log(line);
    if (last) log(paramsLine(last.params));
    log(stopLine(stop));
    log('');
  }
  return { optimizer: spec.optimizer, hp: spec.hp, stop, last, wallMs };
}
