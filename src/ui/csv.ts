/**
 * Every step each run's record holds, as CSV (RFC 4180, long format: one row per run and step),
 * every number at full precision (the shortest text that reads back as the same double, -0 as -0).
 * `run` is the run's id, `name` what the page calls it. Past RECORD.fullSteps the record is
 * thinned; `sampled_every` says each row's spacing in steps.
 */
import { OPTIMIZERS } from '../catalog';
import type { RunView } from '../state/runs-store';
import { COLUMN_NAMES } from '../protocol/messages';
import { rowParams, spacingAt } from '../state/series';
import { fullNumber } from './number-format';

const cell = (x: string | number) => {
  const s = typeof x === 'number' ? fullNumber(x) : x;
  // Quote text that has separators, and defuse text a spreadsheet would run as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof x === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function runsToCsv(runs: RunView[], paramNames: string[]): string {
  const header = ['run', 'name', 'optimizer', 'hyperparameters', ...COLUMN_NAMES, 'sampled_every', ...paramNames];
  const lines = [header.join(',')];
  for (const r of runs) {
    const hp = Object.entries(r.hp).map(([k, v]) => `${k}=${fullNumber(v)}`).join(' ');
    for (let i = 0; i < r.series.length; i++) {
      const row = [r.runId, r.label, OPTIMIZERS[r.optimizer].label, hp, ...COLUMN_NAMES.map((c) => r.series.columns[c][i]), spacingAt(r.series, i), ...rowParams(r.series, i)];
      lines.push(row.map(cell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
