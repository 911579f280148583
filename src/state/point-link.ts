/**
 * Chapter 6's settings in the link, after its `ch`, every field readable:
 * `f=x^3 + 2*x*y&at=1,1&v=8,4&g=16,12&cg=10&damping=0&precision=float64`. A missing field takes its
 * default (the default preset's); a field that does not read makes the link unreadable, with the
 * reason. Numbers are written as JavaScript prints them, which reads back to the same double.
 * Whether the numbers fit the function (one per variable, CG's range) is the page's check of the
 * settings (app/url-sync), as for any formula: this layer does not read formulas.
 */
import { DEFAULT_POINT, quote, type PointSettings, type RunPrecision } from '../catalog';

export function pointToParams(s: PointSettings): string {
  return new URLSearchParams({
    f: s.f,
    at: s.at.join(','),
    v: s.v.join(','),
    g: s.g.join(','),
    cg: String(s.cgIters),
    damping: String(s.damping),
    precision: s.precision,
  }).toString();
}

/** A number as the link writes it: what JavaScript prints (no hex, no blanks, no empty text). */
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function numbers(name: string, text: string | null, fallback: number[]): number[] | string {
  if (text === null) return fallback;
  const parts = text.split(',');
  const values = parts.map(Number);
  return parts.every((p) => NUMBER.test(p)) && values.every(Number.isFinite) ? values : `"${name}" must be numbers separated by commas, not ${quote(text)}.`;
}

function scalar(name: string, text: string | null, fallback: number): number | string {
  if (text === null) return fallback;
  return NUMBER.test(text) && Number.isFinite(Number(text)) ? Number(text) : `"${name}" must be a number, not ${quote(text)}.`;
}

export function pointFromParams(params: URLSearchParams): { ok: true; settings: PointSettings } | { ok: false; error: string } {
  const f = params.get('f') ?? DEFAULT_POINT.f;
  const at = numbers('at', params.get('at'), DEFAULT_POINT.at);
  const v = numbers('v', params.get('v'), DEFAULT_POINT.v);
  const g = numbers('g', params.get('g'), DEFAULT_POINT.g);
  const cg = scalar('cg', params.get('cg'), DEFAULT_POINT.cgIters);
  const damping = scalar('damping', params.get('damping'), DEFAULT_POINT.damping);
  const precision = params.get('precision') ?? DEFAULT_POINT.precision;
  const bad = [at, v, g].find((x): x is string => typeof x === 'string') ?? [cg, damping].find((x): x is string => typeof x === 'string');
  if (bad) return { ok: false, error: bad };
  if (precision !== 'float32' && precision !== 'float64') return { ok: false, error: `"precision" must be one of float32, float64, not ${quote(precision)}.` };
  return { ok: true, settings: { f, at: at as number[], v: v as number[], g: g as number[], cgIters: cg as number, damping: damping as number, precision: precision as RunPrecision } };
}
