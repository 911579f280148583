/** Text and JSON-lines output of chapter 5's commands. Pure: results in, strings out. */
import { SWEEP_MODE_LABELS, type DigitsLoss, type RunPrecision, type SweepKind, type SweepMode, type SweepPreset, type SweepResult, type SweepSettings } from '../catalog';

/** One finished model of a sweep, as a JSON line. */
export function modelJson(kind: SweepKind, r: SweepResult): string {
  return JSON.stringify({ kind, mode: r.mode, p: r.p, repeat: r.repeat, testAccuracy: r.test, trainAccuracy: r.train });
}

/** Mean (and lowest, highest) accuracy of one mode at one p, over its repeats. */
export interface SweepMean {
  mode: SweepMode;
  p: number;
  testAccuracy: number;
  trainAccuracy: number;
  testMin: number;
  testMax: number;
  repeats: number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Per mode (in the settings' order) and p (ascending): the means over the repeats that finished. */
export function sweepMeans(settings: Pick<SweepSettings, 'modes' | 'ps'>, results: SweepResult[]): SweepMean[] {
  const ps = [...settings.ps].sort((a, b) => a - b);
  return settings.modes.flatMap((mode) =>
    ps.flatMap((p) => {
      const mine = results.filter((r) => r.mode === mode && r.p === p);
      if (!mine.length) return [];
      const test = mine.map((r) => r.test);
      return [{ mode, p, testAccuracy: mean(test), trainAccuracy: mean(mine.map((r) => r.train)), testMin: Math.min(...test), testMax: Math.max(...test), repeats: mine.length }];
    }),
  );
}

export interface SweepRun {
  preset: SweepPreset;
  /** Options that changed the preset's settings. */
  custom: string[];
  settings: SweepSettings;
  precision: RunPrecision;
  /** The tfjs backend that computed it (cpu64 for float64). */
  backend: string;
  results: SweepResult[];
  engineMs: number;
}

export function sweepSummaryJson(run: SweepRun, command: string): string {
  return JSON.stringify({
    summary: true,
    command,
    kind: run.settings.kind,
    preset: run.preset,
    custom: run.custom,
    precision: run.precision,
    backend: run.backend,
    settings: run.settings,
    models: run.results.length,
    engineMs: Math.round(run.engineMs),
    means: sweepMeans(run.settings, run.results),
  });
}

const fixed3 = (x: number) => x.toFixed(3);

/** Rows padded to their widest cell. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
}

/** What a sweep was, in one line. */
export function sweepTitle(run: Omit<SweepRun, 'results' | 'engineMs'>): string {
  const s = run.settings;
  const preset = run.custom.length ? `${run.preset} preset, changed by --${run.custom.join(', --')}` : `${run.preset} preset`;
  return `${s.kind} sweep (${preset}): ${s.modes.join(', ')} at p = ${s.ps.join(', ')}, ${s.repeats} repeat${s.repeats === 1 ? '' : 's'}, ${s.warmup} + ${s.steps} steps, ${lossName(s.loss)}, seed ${s.seed}, ${run.precision} on ${run.backend}`;
}

export const lossName = (loss: DigitsLoss) => (loss === 'seed' ? "the seed's loss" : 'cross-entropy');

/** The readable summary: test then train accuracy, a row per p, a column per mode. */
export function sweepSummaryTable(run: SweepRun): string[] {
  const means = sweepMeans(run.settings, run.results);
  const ps = [...new Set(means.map((m) => m.p))].sort((a, b) => a - b);
  const modes = run.settings.modes;
  const cell = (mode: SweepMode, p: number, which: 'test' | 'train') => {
    const m = means.find((x) => x.mode === mode && x.p === p);
    if (!m) return '-';
    return which === 'test' ? `${fixed3(m.testAccuracy)} [${fixed3(m.testMin)}, ${fixed3(m.testMax)}]` : fixed3(m.trainAccuracy);
  };
  const lines = [`${sweepTitle(run)}: ${run.results.length} models in ${(run.engineMs / 1000).toFixed(1)} s`];
  for (const which of ['test', 'train'] as const) {
    lines.push('', which === 'test' ? 'test accuracy: mean over the repeats [lowest, highest]' : 'train accuracy: mean over the repeats');
    lines.push(...table([['p', ...modes.map((m) => `${SWEEP_MODE_LABELS[run.settings.kind][m]} (${m})`)], ...ps.map((p) => [String(p), ...modes.map((m) => cell(m, p, which))])]));
  }
  return lines;
}

/** One step of one net, as a JSON line: the minibatch loss at the parameters the step starts from. */
export function mlpStepJson(run: string, precision: RunPrecision, step: number, loss: number, accuracy?: { train: number; test: number }): string {
  return JSON.stringify({
    run,
    precision,
    step,
    ...(Number.isFinite(loss) ? { loss } : { loss: null, lossText: String(loss) }),
    ...(accuracy ? { trainAccuracy: accuracy.train, testAccuracy: accuracy.test } : {}),
  });
}

export interface MlpRun {
  optimizer: string;
  precision: RunPrecision;
  backend: string;
  loss: DigitsLoss;
  seed: number;
  steps: number;
  warmup: number;
  /** The minibatch loss of the last step (at the parameters it started from). */
  lastLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  engineMs: number;
}

export function mlpSummaryJson(r: MlpRun, problem: string): string {
  return JSON.stringify({
    run: r.optimizer,
    precision: r.precision,
    summary: true,
    problem,
    backend: r.backend,
    lossFunction: r.loss,
    seed: r.seed,
    steps: r.steps,
    warmup: r.warmup,
    ...(Number.isFinite(r.lastLoss) ? { loss: r.lastLoss } : { loss: null, lossText: String(r.lastLoss) }),
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    engineMs: Math.round(r.engineMs),
  });
}

export function mlpSummaryTable(r: MlpRun): string[] {
  return table([
    ['optimizer', 'precision', 'backend', 'steps', 'warm-up', 'loss', 'last minibatch loss', 'train accuracy', 'test accuracy', 'engine ms'],
    [r.optimizer, r.precision, r.backend, String(r.steps), String(r.warmup), r.loss, String(r.lastLoss), fixed3(r.trainAccuracy), fixed3(r.testAccuracy), r.engineMs.toFixed(0)],
  ]);
}

/** A progress line: at every tenth of the work, with the time so far. */
export function progressLine(what: string, done: number, total: number, unit: string, ms: number): string {
  const pct = total ? Math.floor((100 * done) / total) : 100;
  return `${what}: ${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit}, ${(ms / 1000).toFixed(1)} s)`;
}
