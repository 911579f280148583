/** Text and JSON-lines output of the headless runner. Pure: strings in, strings out. */
import { formatLoss, OPTIMIZERS, type Hyperparameters, type OptimizerId, type RunPrecision, type Stop } from '../catalog';
import type { EvalCounts, StepRecord } from '../engine';

/** What a finished run reports. `last` is undefined when the run was refused before step 0. */
export interface RunResult {
  optimizer: OptimizerId;
  precision: RunPrecision;
  hp: Hyperparameters;
  stop: Stop;
  last: StepRecord | undefined;
  engineMs: number;
}

export function header(optimizer: OptimizerId, hp: Hyperparameters, precision: RunPrecision = 'float32'): string {
  const hps = Object.entries(hp).map(([k, v]) => ` ${k}=${v}`).join('');
  return `== ${OPTIMIZERS[optimizer].label} (${optimizer})${hps}${precision === 'float64' ? ' [float64]' : ''} ==`;
}

export function paramsLine(params: ArrayLike<number>): string {
  return `PARAMETERS: [${Array.from(params, String).join(', ')}]`;
}

export function stopLine(stop: Stop): string {
  return `stop: ${stop.reason}: ${stop.message}`;
}

const evalsText = (e: EvalCounts) => `f=${e.f} grad=${e.grad} hvp=${e.hvp} jac=${e.jac}`;

/** The table after all runs, columns padded to their widest cell. */
export function summaryTable(results: RunResult[]): string[] {
  const rows = [
    ['optimizer', 'precision', 'steps', 'stop', 'final loss', 'params', 'engine ms', 'evals'],
    ...results.map((r) => [
      r.optimizer,
      r.precision,
      r.last ? String(r.last.step) : '-',
      r.stop.reason,
      r.last ? formatLoss(r.last.loss) : '-',
      // A net's weights do not fit a table row: the log above and --json have them all.
      !r.last ? '-' : r.last.params.length > 4 ? `(${r.last.params.length} parameters)` : `[${Array.from(r.last.params, (p) => p.toPrecision(7)).join(', ')}]`,
      r.engineMs.toFixed(1),
      r.last ? evalsText(r.last.evals) : '-',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
}

/** JSON has no NaN or Infinity: such a number is written null, its text beside it. */
export function numberFields(name: string, x: number): Record<string, number | string | null> {
  return Number.isFinite(x) ? { [name]: x } : { [name]: null, [`${name}Text`]: String(x) };
}

/** Numbers as JSON: a NaN or an infinity is null. */
export const numbersJson = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Number.isFinite(x) ? x : null));

export function stepJson(run: OptimizerId, r: StepRecord, precision: RunPrecision = 'float32'): string {
  return JSON.stringify({
    run,
    precision,
    step: r.step,
    ...numberFields('loss', r.loss),
    ...numberFields('gradNorm', r.gradNorm),
    // mu is NaN for methods without one: null, with no text, since nothing went wrong.
    mu: Number.isFinite(r.mu) ? r.mu : null,
    rejected: r.rejected,
    params: numbersJson(r.params),
  });
}

/** The summary line of a run; `extra` (the --report fields) goes last. */
export function summaryJson(r: RunResult, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    run: r.optimizer,
    precision: r.precision,
    summary: true,
    hp: r.hp,
    steps: r.last ? r.last.step : 0,
    stop: r.stop.reason,
    message: r.stop.message,
    ...numberFields('loss', r.last ? r.last.loss : NaN),
    params: r.last ? numbersJson(r.last.params) : [],
    evals: r.last ? r.last.evals : { f: 0, grad: 0, hvp: 0, jac: 0 },
    engineMs: Math.round(r.engineMs * 1000) / 1000,
    ...extra,
  });
}
