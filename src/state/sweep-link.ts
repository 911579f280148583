/**
 * Chapter 5's settings in the link, after its `ch`: `kind=prune&preset=quick&loss=cross-entropy
 * &seed=1&backend=auto&precision=float32`, every field readable. A missing field takes its default; a wrong one
 * makes the link unreadable, with the reason.
 */
import { BACKENDS, DIGITS_LOSSES, quote, SWEEP_KINDS, SWEEP_PRESETS, type BackendChoice, type DigitsLoss, type RunPrecision, type SweepKind, type SweepPreset } from '../catalog';

export interface SweepChoice {
  kind: SweepKind;
  preset: SweepPreset;
  loss: DigitsLoss;
  seed: number;
  backend: BackendChoice;
  /** float32 on the backend, or float64 on cpu64. */
  precision: RunPrecision;
}

export const DEFAULT_SWEEP: SweepChoice = { kind: 'prune', preset: 'quick', loss: 'cross-entropy', seed: 1, backend: 'auto', precision: 'float32' };

export function sweepToParams(c: SweepChoice): string {
  return new URLSearchParams({ kind: c.kind, preset: c.preset, loss: c.loss, seed: String(c.seed), backend: c.backend, precision: c.precision }).toString();
}

/**
 * A seed as the link writes it: plain decimal digits, no sign, no leading zero. Number() alone would
 * also take '', ' ', '0x10' and '1e3', so two different links could mean the same run.
 */
const SEED = /^(0|[1-9][0-9]{0,9})$/;

export function sweepFromParams(params: URLSearchParams): { ok: true; choice: SweepChoice } | { ok: false; error: string } {
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T | string => {
    const value = params.get(name);
    if (value === null) return fallback;
    return (allowed as readonly string[]).includes(value) ? (value as T) : `"${name}" must be one of ${allowed.join(', ')}, not ${quote(value)}.`;
  };
  const kind = pick('kind', SWEEP_KINDS, DEFAULT_SWEEP.kind);
  const preset = pick('preset', SWEEP_PRESETS, DEFAULT_SWEEP.preset);
  const loss = pick('loss', DIGITS_LOSSES, DEFAULT_SWEEP.loss);
  const backend = pick('backend', ['auto', ...BACKENDS] as BackendChoice[], DEFAULT_SWEEP.backend);
  const precision = pick('precision', ['float32', 'float64'] as RunPrecision[], DEFAULT_SWEEP.precision);
  const seedText = params.get('seed');
  const seed = seedText === null ? DEFAULT_SWEEP.seed : Number(seedText);
  const error = [kind, preset, loss, backend, precision].find((v) => v.endsWith('.'));
  if (error) return { ok: false, error };
  if (seedText !== null && !(SEED.test(seedText) && seed <= 2 ** 31 - 1)) return { ok: false, error: `"seed" must be a whole number from 0 to 2147483647, not ${quote(seedText)}.` };
  return { ok: true, choice: { kind, preset, loss, seed, backend, precision } as SweepChoice };
}
