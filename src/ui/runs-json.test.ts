/** The JSON export reads back as the same data, bit for bit; the reader says what is wrong, where. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_IDS, STOP_LABELS, type StopReason } from '../catalog';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import type { RunView } from '../state/runs-store';
import { appendBatch, emptySeries, RECORD, type ColumnName } from '../state/series';
import { exportRuns, runsFromJson, runsToJson, type RunExport, type RunsExport } from './runs-json';

/** Any double, with the ones JSON cannot write as they are made common. */
const double = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 5e-324, -1e-310, 2.2250738585072014e-308, Number.MAX_VALUE));
const doubles = (length: number) => fc.array(double, { minLength: length, maxLength: length });

const runExport: fc.Arbitrary<RunExport> = fc
  .record({ rows: fc.nat(12), dim: fc.nat(3), perRow: fc.boolean() })
  .chain(({ rows, dim, perRow }) =>
    fc.record({
      name: fc.string(),
      optimizer: fc.constantFrom(...OPTIMIZER_IDS),
      precision: fc.constantFrom('float32' as const, 'float64' as const),
      hyperparameters: fc.dictionary(fc.oneof(fc.constantFrom('lr', 'b1', 'eps'), fc.string()), double),
      maxSteps: double,
      stop: fc.option(fc.record({ reason: fc.constantFrom(...(Object.keys(STOP_LABELS) as StopReason[])), message: fc.string() }), { nil: null }),
      thinning: fc.option(fc.record({ fullSteps: double, every: double }), { nil: null }),
      columns: fc.record(Object.fromEntries(COLUMN_NAMES.map((c) => [c, doubles(rows)])) as Record<ColumnName, fc.Arbitrary<number[]>>),
      params: perRow ? fc.array(doubles(rows), { minLength: dim, maxLength: dim }) : fc.constant([]),
      finalParams: doubles(dim),
    }),
  );
const runsExport: fc.Arbitrary<RunsExport> = fc.record({ paramNames: fc.array(fc.string(), { maxLength: 3 }), runs: fc.array(runExport, { maxLength: 4 }) });

/** Every number that differs by Object.is (so -0 from 0, and NaN equal to NaN), by its path. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b) ? [] : [`${path}: ${String(a)} against ${String(b)}`];
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b ? [] : [`${path}: ${String(a)} against ${String(b)}`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
}

describe('runs as JSON', () => {
  test.prop([runsExport])('reads back as the same data, bit for bit (NaN, the infinities, -0 and subnormals included)', (data) => {
    const text = runsToJson(data);
    const back = runsFromJson(text);
    if (!back.ok) throw new Error(back.error);
    expect(differences(back.value, data)).toEqual([]);
    expect(back.value).toEqual(data);
  });

  it('writes what JSON cannot hold as the header says', () => {
    const text = runsToJson({ paramNames: ['a'], runs: [run({ loss: [NaN, Infinity, -Infinity, -0, 5e-324] })] });
    expect(text).toContain('"loss": ["NaN","Infinity","-Infinity",-0.0,5e-324]');
    // Plain JSON to any reader.
    expect(JSON.parse(text).runs[0].columns.loss).toEqual(['NaN', 'Infinity', '-Infinity', -0, 5e-324]);
  });

  it('holds the runs as the table shows them: name, settings, stop, every row and the thinning', () => {
    const series = emptySeries(2);
    const batch = (from: number, n: number) => {
      const c = Object.fromEntries(COLUMN_NAMES.map((name) => [name, Float64Array.from({ length: n }, (_, i) => (name === 'step' ? from + i : (from + i) / 8))])) as unknown as StepColumns;
      c.params = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? -(from + (i - 1) / 2) : from + i / 2));
      return c;
    };
    for (let from = 0; from < RECORD.fullSteps + 30_000; from += 5000) appendBatch(series, batch(from, 5000));
    const view: RunView = {
      runId: '1-0-adam-float64', index: 0, optimizer: 'adam', label: 'Adam, lr 1e-3 · float64', precision: 'float64', hp: { lr: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8 },
      maxSteps: 100_000, status: 'stopped', stop: { reason: 'max-steps', message: 'Reached the maximum number of steps.' }, series,
    };
    const [r] = exportRuns([view], ['x', 'y']).runs;
    expect({ ...r, columns: undefined, params: undefined }).toEqual({
      name: 'Adam, lr 1e-3 · float64', optimizer: 'adam', precision: 'float64', hyperparameters: { lr: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8 }, maxSteps: 100_000,
      stop: { reason: 'max-steps', message: 'Reached the maximum number of steps.' }, thinning: { fullSteps: RECORD.fullSteps, every: series.every },
      columns: undefined, params: undefined, finalParams: [RECORD.fullSteps + 29_999, -(RECORD.fullSteps + 29_999)],
    });
    expect(series.every).toBeGreaterThan(1);
    expect(r.columns.step).toHaveLength(series.length);
    expect(r.columns.step).toEqual(Array.from(series.columns.step.subarray(0, series.length)));
    expect(r.columns.loss[7]).toBe(7 / 8);
    expect(r.params).toEqual([r.columns.step, r.columns.step.map((s) => -s)]);
    const back = runsFromJson(runsToJson(exportRuns([view], ['x', 'y'])));
    expect(back.ok && back.value.runs[0]).toEqual(r);
  });

  it('a net keeps its final parameters only; a run before its first step has empty columns', () => {
    const net = emptySeries(41);
    const c = Object.fromEntries(COLUMN_NAMES.map((name) => [name, new Float64Array([0, 1])])) as unknown as StepColumns;
    c.params = Float64Array.from({ length: 82 }, (_, i) => i);
    appendBatch(net, c);
    const view = (series = net): RunView => ({ runId: 'r', index: 0, optimizer: 'lm', label: 'Levenberg-Marquardt', precision: 'float32', hp: { mu0: 3 }, maxSteps: 5, status: 'running', stop: null, series });
    const [r] = exportRuns([view()], []).runs;
    expect(r.params).toEqual([]);
    expect(r.finalParams).toEqual(Array.from({ length: 41 }, (_, i) => 41 + i));
    expect(r.stop).toBeNull();
    expect(r.thinning).toBeNull();
    const [empty] = exportRuns([view(emptySeries(2))], ['a', 'b']).runs;
    expect(empty.columns.loss).toEqual([]);
    expect(empty.params).toEqual([]);
  });

  it.each([
    ['{', /^Not JSON: /],
    ['[]', /^the file: expected an object, got an array\.$/],
    ['{"format":"other","version":2,"numbers":"","paramNames":[],"runs":[]}', /^format: expected "curvature-runs", got "other"\.$/],
    ['{"format":"curvature-runs","version":1,"numbers":"","paramNames":[],"runs":[]}', /^version: expected 2, got 1\.$/],
    ['{"format":"curvature-runs","version":2,"numbers":"","runs":[]}', /^the file: paramNames is missing\.$/],
  ])('refuses %s', (text, error) => {
    const back = runsFromJson(text);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.error).toMatch(error);
  });

  it('names the run, field and row of a fault', () => {
    const file = () => JSON.parse(runsToJson({ paramNames: [], runs: [run({ loss: [1, 2, 3] })] }));
    const refused = (f: ReturnType<typeof file>) => {
      const back = runsFromJson(JSON.stringify(f));
      return back.ok ? 'read' : back.error;
    };
    let f = file();
    f.runs[0].columns.loss[1] = 'nan';
    expect(refused(f)).toBe('runs[0].columns.loss[1]: expected a number (or "NaN", "Infinity", "-Infinity"), got "nan".');
    f = file();
    f.runs[0].columns.loss.pop();
    expect(refused(f)).toBe('runs[0].columns.loss: 2 numbers where the record has 3 rows.');
    f = file();
    f.runs[0].optimizer = 'sgd';
    expect(refused(f)).toMatch(/^runs\[0\]\.optimizer: expected one of gd, momentum, .*, got "sgd"\.$/);
    f = file();
    f.runs[0].colour = 'red';
    expect(refused(f)).toBe('runs[0]: unknown field "colour".');
    f = file();
    delete f.runs[0].columns.mu;
    expect(refused(f)).toBe('runs[0].columns: mu is missing.');
    f = file();
    f.runs[0].stop = { reason: 'tired', message: '' };
    expect(refused(f)).toMatch(/^runs\[0\]\.stop\.reason: expected one of converged, .*, got "tired"\.$/);
    expect(refused(file())).toBe('read');
  });
});

/** A run with three rows (or as many as `columns` give), every other column 0. */
function run(columns: Partial<Record<ColumnName, number[]>>): RunExport {
  const rows = Object.values(columns)[0]?.length ?? 3;
  return {
    name: 'Gradient descent',
    optimizer: 'gd',
    precision: 'float32',
    hyperparameters: { lr: 5e-4 },
    maxSteps: 10,
    stop: null,
    thinning: null,
    columns: Object.fromEntries(COLUMN_NAMES.map((c) => [c, columns[c] ?? Array(rows).fill(0)])) as Record<ColumnName, number[]>,
    params: [],
    finalParams: [2.5, 2.5],
  };
}
