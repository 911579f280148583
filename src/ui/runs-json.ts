/**
 * The runs as JSON: what the results table shows, with every step each run's record holds, for a
 * reader who wants the numbers in a program rather than a spreadsheet. Every number is written at
 * full precision and reads back as the same double, bit for bit.
 *
 * JSON has no NaN or infinities (a diverged run has them): they are written as the strings "NaN",
 * "Infinity" and "-Infinity". -0 (JSON.stringify would write 0) is written -0.0, a JSON number
 * that JavaScript's and Python's readers both read as -0. Every other number is JavaScript's
 * shortest round-trip text, itself a JSON number.
 *
 * The file: { format: "curvature-runs", version: 2 (2 added the inverseHessianError column), numbers: (the rule above, in words),
 * paramNames: the table's parameter columns, runs: [...] }, and each run:
 * - name, optimizer (its id), precision, hyperparameters, maxSteps, stop ({reason, message}, or
 *   null while it runs);
 * - columns: step, loss, gradNorm, mu, ... (the protocol's COLUMN_NAMES), one array per column,
 *   one entry per row the record holds;
 * - thinning: null when the record holds every step; else {fullSteps, every}: rows hold every step
 *   up to step fullSteps, then every `every`-th step (and the seed log's steps, and the last);
 * - params: one array per parameter, as long as the columns, when the record keeps each row's
 *   parameters (small problems), else []; finalParams: the parameters after the last step.
 */
import { OPTIMIZER_IDS, quote, STOP_LABELS, type Hyperparameters, type OptimizerId, type RunPrecision, type Stop, type StopReason } from '../catalog';
import { COLUMN_NAMES } from '../protocol/messages';
import type { RunView } from '../state/runs-store';
import { rowParams, RECORD, type ColumnName } from '../state/series';

export interface RunExport {
  name: string;
  optimizer: OptimizerId;
  precision: RunPrecision;
  hyperparameters: Hyperparameters;
  maxSteps: number;
  stop: Stop | null;
  thinning: { fullSteps: number; every: number } | null;
  columns: Record<ColumnName, number[]>;
  params: number[][];
  finalParams: number[];
}

export interface RunsExport {
  paramNames: string[];
  runs: RunExport[];
}

const FORMAT = 'curvature-runs';
const NUMBERS = 'Full precision. NaN, Infinity and -Infinity are the strings "NaN", "Infinity" and "-Infinity"; -0 is written -0.0.';

/** The runs as the table shows them, every row their records hold. */
export function exportRuns(runs: RunView[], paramNames: string[]): RunsExport {
  return {
    paramNames: [...paramNames],
    runs: runs.map((r) => {
      const { series: s } = r;
      const rows = rowParams(s, 0).length ? Array.from({ length: s.length }, (_, i) => rowParams(s, i)) : [];
      return {
        name: r.label,
        optimizer: r.optimizer,
        precision: r.precision,
        hyperparameters: { ...r.hp },
        maxSteps: r.maxSteps,
        stop: r.stop && { reason: r.stop.reason, message: r.stop.message },
        thinning: s.every === 1 ? null : { fullSteps: RECORD.fullSteps, every: s.every },
        columns: Object.fromEntries(COLUMN_NAMES.map((c) => [c, Array.from(s.columns[c].subarray(0, s.length))])) as Record<ColumnName, number[]>,
        params: rows.length ? Array.from({ length: s.dim }, (_, k) => rows.map((p) => p[k])) : [],
        finalParams: Array.from(s.latest),
      };
    }),
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const numberText = (x: number) => (Object.is(x, -0) ? '-0.0' : Number.isFinite(x) ? String(x) : `"${x}"`);

/** JSON text with the numbers written as the header says; arrays of numbers on one line. */
function write(value: Json, indent: string): string {
  if (typeof value === 'number') return numberText(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x === 'number')) return `[${(value as number[]).map(numberText).join(',')}]`;
    if (value.every((x) => typeof x !== 'object' || x === null)) return `[${value.map((x) => write(x, inner)).join(', ')}]`;
    return `[\n${value.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function runsToJson(data: RunsExport): string {
  const file = { format: FORMAT, version: VERSION, numbers: NUMBERS, paramNames: data.paramNames, runs: data.runs };
  return `${write(file as unknown as Json, '')}\n`;
}

class Refused extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const shown = (x: unknown) => (typeof x === 'string' ? quote(x) : Array.isArray(x) ? 'an array' : x === null ? 'null' : typeof x === 'object' ? 'an object' : String(x));

/** An object with exactly these fields (any fields without `keys`). */
function object(x: unknown, path: string, keys?: readonly string[]): Record<string, unknown> {
  if (!isObject(x)) throw new Refused(`${path}: expected an object, got ${shown(x)}.`);
  if (!keys) return x;
  const missing = keys.find((k) => !Object.hasOwn(x, k));
  if (missing !== undefined) throw new Refused(`${path}: ${missing} is missing.`);
  const extra = Object.keys(x).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new Refused(`${path}: unknown field ${quote(extra)}.`);
  return x;
}

function array(x: unknown, path: string): unknown[] {
  if (!Array.isArray(x)) throw new Refused(`${path}: expected an array, got ${shown(x)}.`);
  return x;
}

function string(x: unknown, path: string): string {
  if (typeof x !== 'string') throw new Refused(`${path}: expected text, got ${shown(x)}.`);
  return x;
}

/** The format's version: 2 added the inverseHessianError column. */
const VERSION = 2;

const NON_FINITE: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity };

function number(x: unknown, path: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && Object.hasOwn(NON_FINITE, x)) return NON_FINITE[x];
  throw new Refused(`${path}: expected a number (or "NaN", "Infinity", "-Infinity"), got ${shown(x)}.`);
}

function numbers(x: unknown, path: string, length?: number): number[] {
  const a = array(x, path);
  if (length !== undefined && a.length !== length) throw new Refused(`${path}: ${a.length} numbers where the record has ${length} rows.`);
  return a.map((v, i) => number(v, `${path}[${i}]`));
}

function oneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(x)) throw new Refused(`${path}: expected one of ${allowed.join(', ')}, got ${shown(x)}.`);
  return x as T;
}

const RUN_KEYS = ['name', 'optimizer', 'precision', 'hyperparameters', 'maxSteps', 'stop', 'thinning', 'columns', 'params', 'finalParams'] as const;

function readRun(x: unknown, path: string): RunExport {
  const r = object(x, path, RUN_KEYS);
  const c = object(r.columns, `${path}.columns`, COLUMN_NAMES);
  const rows = array(c.step, `${path}.columns.step`).length;
  const columns = Object.fromEntries(COLUMN_NAMES.map((name) => [name, numbers(c[name], `${path}.columns.${name}`, rows)])) as Record<ColumnName, number[]>;
  const hp = object(r.hyperparameters, `${path}.hyperparameters`);
  const stop = r.stop === null ? null : object(r.stop, `${path}.stop`, ['reason', 'message']);
  const thinning = r.thinning === null ? null : object(r.thinning, `${path}.thinning`, ['fullSteps', 'every']);
  return {
    name: string(r.name, `${path}.name`),
    optimizer: oneOf(r.optimizer, `${path}.optimizer`, OPTIMIZER_IDS),
    precision: oneOf(r.precision, `${path}.precision`, ['float32', 'float64'] as const),
    hyperparameters: Object.fromEntries(Object.keys(hp).map((k) => [k, number(hp[k], `${path}.hyperparameters.${k}`)])),
    maxSteps: number(r.maxSteps, `${path}.maxSteps`),
    stop: stop && { reason: oneOf(stop.reason, `${path}.stop.reason`, Object.keys(STOP_LABELS) as StopReason[]), message: string(stop.message, `${path}.stop.message`) },
    thinning: thinning && { fullSteps: number(thinning.fullSteps, `${path}.thinning.fullSteps`), every: number(thinning.every, `${path}.thinning.every`) },
    columns,
    params: array(r.params, `${path}.params`).map((p, k) => numbers(p, `${path}.params[${k}]`, rows)),
    finalParams: numbers(r.finalParams, `${path}.finalParams`),
  };
}

/** Reads a file runsToJson wrote: the same data, or what is wrong with the text, where. */
export function runsFromJson(text: string): { ok: true; value: RunsExport } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not JSON: ${(e as Error).message}` };
  }
  try {
    const file = object(parsed, 'the file', ['format', 'version', 'numbers', 'paramNames', 'runs']);
    if (file.format !== FORMAT) throw new Refused(`format: expected ${quote(FORMAT)}, got ${shown(file.format)}.`);
    if (file.version !== VERSION) throw new Refused(`version: expected ${VERSION}, got ${shown(file.version)}.`);
    const paramNames = array(file.paramNames, 'paramNames').map((n, i) => string(n, `paramNames[${i}]`));
    const runs = array(file.runs, 'runs').map((r, i) => readRun(r, `runs[${i}]`));
    return { ok: true, value: { paramNames, runs } };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message };
    throw e;
  }
}
