/**
 * Chapter 5 headless: `digits-sweep` runs the chapter's prune or disable sweep through the engine's
 * sweep (src/engine/run/sweep.ts, as the worker does) and prints a line per finished model and a
 * summary of the means; `digits-mlp` trains one net by preconditioned SGD as the sweeps train a
 * model (a warm-up fit, then a second fit). The data is the shipped gzipped CSV, split by the seed
 * as on the page.
 */
import { readFile } from 'node:fs/promises';
import { defaultHyperparameters, FLOAT64_BACKEND, RACE_ACCURACY_EVERY, seedLogLines, type SweepResult } from '../catalog';
import { createDigitsTrainer, createSweep, gunzipText, parseDigitsCsv, splitDigits, switchBackend, type DigitsSplit } from '../engine';
import { DIGITS_MLP, DIGITS_SWEEP, MLP_USAGE, parseDigitsArgs, SWEEP_USAGE, type MlpArgs, type SweepArgs } from './digits-args';
import { lossName, mlpStepJson, mlpSummaryJson, mlpSummaryTable, modelJson, progressLine, sweepSummaryJson, sweepSummaryTable, sweepTitle, type MlpRun } from './digits-format';

type Print = (line: string) => void;

/** How long the sweep steps between looks at the clock (results and progress are printed between). */
const SLICE_MS = 200;

/** The shipped data, as the worker fetches it (gunzipped in JavaScript, parsed and checked). */
/** Preconditioned SGD's hyperparameters, the catalog's defaults (the trainer's). */
const PSGD_HP = defaultHyperparameters('psgd');
const DATA_FILE = new URL('../engine/data/digits.csv.gz', import.meta.url);

async function loadSplit(seed: number): Promise<DigitsSplit> {
  const bytes = await readFile(DATA_FILE);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return splitDigits(parseDigitsCsv(await gunzipText(buffer)), seed);
}

export async function digitsMain(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  const args = parseDigitsArgs(argv);
  if ('help' in args) {
    out(args.help === 'sweep' ? SWEEP_USAGE : MLP_USAGE);
    return 0;
  }
  if (!args.ok) {
    err(`error: ${args.error}`);
    err('Run with --help for usage.');
    return 2;
  }
  const backend = args.precision === 'float64' ? FLOAT64_BACKEND : args.backend;
  if (!(await switchBackend(backend))) {
    err(`error: the tfjs ${backend} backend did not start.`);
    return 2;
  }
  const split = await loadSplit(args.command === 'sweep' ? args.settings.seed : args.seed);
  if (args.command === 'sweep') runSweep(args, backend, split, out, err);
  else runMlp(args, backend, split, out, err);
  return 0;
}

/** A progress line at every tenth of `total` crossed (none with --json: stdout is for the lines then). */
function tenths(print: Print | null, what: string, unit: string, total: number) {
  const t0 = performance.now();
  let next = 1;
  return (done: number) => {
    if (!print) return;
    if (next > 10 || done * 10 < next * total) return;
    print(progressLine(what, done, total, unit, performance.now() - t0));
    // A slice may cross several tenths: one line for them all.
    next = Math.floor((done * 10) / total) + 1;
  };
}

function runSweep(args: SweepArgs, backend: string, split: DigitsSplit, out: Print, err: Print) {
  const { settings } = args;
  const run = { preset: args.preset, custom: args.custom, settings, precision: args.precision, backend };
  const sweep = createSweep(split, settings);
  if (!args.json) err(sweepTitle(run));
  const progress = tenths(args.json ? null : err, `${settings.kind} sweep`, 'model-steps', sweep.total);
  const results: SweepResult[] = [];
  const t0 = performance.now();
  try {
    while (!sweep.finished) {
      const finished = sweep.advance(performance.now() + SLICE_MS);
      for (const r of finished) {
        results.push(r);
        if (args.json) out(modelJson(settings.kind, r));
      }
      progress(sweep.done);
    }
  } finally {
    sweep.dispose();
  }
  const done = { ...run, results, engineMs: performance.now() - t0 };
  if (args.json) out(sweepSummaryJson(done, DIGITS_SWEEP));
  else for (const line of sweepSummaryTable(done)) out(line);
}

function runMlp(args: MlpArgs, backend: string, split: DigitsSplit, out: Print, err: Print) {
  const { maxSteps, warmup } = args;
  const trainer = createDigitsTrainer(split, { models: 1, seed: args.seed, loss: args.loss });
  const what = `${DIGITS_MLP} ${args.optimizer}`;
  if (!args.json) err(`${what}: ${maxSteps} steps (a warm-up fit of ${warmup}, then ${maxSteps - warmup}), ${lossName(args.loss)}, seed ${args.seed}, ${args.precision} on ${backend}`);
  const progress = tenths(args.json ? null : err, what, 'steps', maxSteps);
  const losses = new Float64Array(maxSteps);
  const t0 = performance.now();
  let result: MlpRun;
  try {
    for (let k = 0; k < maxSteps; k++) {
      // As the seed's two fits (the sweep's warm-up, then the rest): each begins with a step that updates only C.
      const phaseStep = k < warmup ? k : k - warmup;
      // Accuracy at the parameters this step starts from, as the page's race records it.
      const scored = args.json && k % RACE_ACCURACY_EVERY === 0 ? { train: trainer.accuracy('train')[0], test: trainer.accuracy('test')[0] } : undefined;
      losses[k] = trainer.step(phaseStep > 0)[0];
      if (args.json) out(mlpStepJson(args.optimizer, args.precision, k, losses[k], scored));
      progress(k + 1);
    }
    result = {
      optimizer: args.optimizer,
      precision: args.precision,
      backend,
      loss: args.loss,
      seed: args.seed,
      steps: maxSteps,
      warmup,
      lastLoss: losses[maxSteps - 1],
      trainAccuracy: trainer.accuracy('train')[0],
      testAccuracy: trainer.accuracy('test')[0],
      engineMs: performance.now() - t0,
    };
  } finally {
    trainer.dispose();
  }
  if (args.json) return out(mlpSummaryJson(result, DIGITS_MLP));
  out(`== preconditioned SGD (${args.optimizer}) lr=${PSGD_HP.lr} batch=${PSGD_HP.batch} on ${DIGITS_MLP}${args.precision === 'float64' ? ' [float64]' : ''} ==`);
  for (const line of seedLogLines(Array.from(losses, (_, k) => k), losses, maxSteps, false)) out(line);
  out(`ENDED AFTER ${maxSteps} STEPS: train accuracy ${result.trainAccuracy.toFixed(4)}, test accuracy ${result.testAccuracy.toFixed(4)}`);
  out('');
  for (const line of mlpSummaryTable(result)) out(line);
}
