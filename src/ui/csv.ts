/** Every step of every run as CSV (RFC 4180, long format: one row per run and step). */
import { OPTIMIZERS } from '../catalog';
import type { RunView } from '../state/runs-store';
import { COLUMN_NAMES } from '../protocol/messages';

const cell = (x: string | number) => {
  const s = String(x);
  // Quote text that has separators, and defuse text a spreadsheet would run as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof x === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function runsToCsv(runs: RunView[], paramNames: string[]): string {
  const header = ['run', 'optimizer', 'hyperparameters', ...COLUMN_NAMES, ...paramNames];
  const lines = [header.join(',')];
  for (const r of runs) {
    const hp = Object.entries(r.hp).map(([k, v]) => `${k}=${v}`).join(' ');
    for (let i = 0; i < r.series.length; i++) {
      const row = [r.runId, OPTIMIZERS[r.optimizer].label, hp, ...COLUMN_NAMES.map((c) => r.series.columns[c][i])];
      for (let k = 0; k < r.series.dim; k++) row.push(r.series.params[i * r.series.dim + k]);
      lines.push(row.map(cell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
