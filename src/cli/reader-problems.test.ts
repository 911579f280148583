/**
 * The reader's problems through the runner's main, output captured: the issue's two commands (a fit
 * of Misra1a from a CSV file; seed 004's function by Newton, the problem formula with --f), a NIST
 * preset scored against its certified values, and the refusals, each with the message the page
 * shows and exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNist } from '../data/nist';
import { switchBackend } from '../engine';
import { runMain } from './run-main.fixture';

beforeAll(async () => {
  expect(await switchBackend('cpu')).toBe(true);
});

/** Misra1a's data as a CSV file with a header row. */
function misraCsv(): string {
  const nist = loadNist('Misra1a');
  const dir = mkdtempSync(join(tmpdir(), 'curvature-'));
  const file = join(dir, 'misra1a.csv');
  const rows = Array.from(nist.columns[0], (_, i) => nist.columns.map((c) => c[i]).join(','));
  writeFileSync(file, [nist.columnNames.join(','), ...rows].join('\n'));
  return file;
}

describe('fit', () => {
  it("the issue's command: Misra1a from start 1 by LM in float64; the summary carries names, params, stdErrors, rss, residualSD, steps and stop, at NIST's certified values", async () => {
    const { code, out, err } = await runMain(['fit', '--model', 'y = b1*(1-exp[-b2*x])', '--data', misraCsv(), '--start', '500,1e-4', '--optimizer', 'lm', '--precision', 'float64', '--json']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    const summary = lines[lines.length - 1];
    expect(lines.slice(0, -1).map((l) => l.step)).toEqual(lines.slice(0, -1).map((_, k) => k));
    expect(summary).toMatchObject({ summary: true, command: 'fit', names: ['b1', 'b2'], stop: 'converged', dof: 12, covarianceScaled: true });
    const nist = loadNist('Misra1a');
    const digits = (u: number, v: number) => -Math.log10(Math.abs(u - v) / Math.abs(v));
    summary.params.forEach((p: number, k: number) => expect(digits(p, nist.certified[k])).toBeGreaterThanOrEqual(8));
    summary.stdErrors.forEach((s: number, k: number) => expect(digits(s, nist.certifiedSd[k])).toBeGreaterThanOrEqual(6));
    expect(digits(summary.rss, nist.residualSumOfSquares)).toBeGreaterThanOrEqual(8);
    expect(digits(summary.residualSD, nist.residualSd)).toBeGreaterThanOrEqual(8);
    expect(summary.steps).toBeGreaterThan(0);
  });

  it('--nist: a preset scored against its certified values (LRE) in the summary', async () => {
    const { code, out } = await runMain(['fit', '--nist', 'Chwirut2', '--start', '2', '--precision', 'float64', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.nist).toBe('Chwirut2');
    expect(summary.lre.params).toBeGreaterThanOrEqual(8);
    expect(summary.lre.stdErrors).toBeGreaterThanOrEqual(6);
  });

  it.each([
    [['fit', '--model', 'y = b1*(1-exp[-b2*x]', '--data', 'MISRA', '--start', '500,1e-4'], "error: --model: expected ')' at column 21 to match the '(' at column 8"],
    [['fit', '--model', 'Y = b1*x', '--data', 'MISRA', '--start', '1'], "error: --model: 'Y' at column 1 is not a data column (y, x): the left side may only use those"],
    [['fit', '--model', 'y = b1*x', '--data', 'MISRA', '--start', '1,2'], 'error: --start needs 1 numbers, for b1; got 2'],
    [['fit', '--model', 'y = b1*x', '--data', '/nonexistent.csv', '--start', '1'], 'error: --data: cannot read "/nonexistent.csv"'],
    [['fit', '--nist', 'Misra2'], 'error: --nist must be one of Misra1a, Chwirut2, Lanczos3, Kirby2, MGH09, Thurber, Eckerle4, got "Misra2"'],
    [['formula', '--f', 'sinn(x) + y', '--start', '1,1'], "error: --f: unknown function 'sinn' at column 1"],
    [['formula', '--f', 'x + z', '--start', '1,1'], "error: --f: unknown name 'z' at column 5: f may use x and y"],
    [['formula', '--f', 'x^2', '--model', 'y = a'], 'error: unknown option "--model"'],
    [['rosenbrock-fit', '--f', 'x^2'], 'error: --f is the function of the problem formula, not of "rosenbrock-fit"'],
  ])('%j -> exit 2 and the message the page shows', async (argv, message) => {
    const file = misraCsv();
    const { code, err } = await runMain(argv.map((a) => (a === 'MISRA' ? file : a)));
    expect(code).toBe(2);
    expect(err[0]).toBe(message);
  });

  it('a bad table: refused with its row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curvature-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'y,x\n1,2\n3,abc\n');
    const { code, err } = await runMain(['fit', '--model', 'y = a*x', '--data', file, '--start', '1']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/row 3, column 2: 'abc' is not a number/);
  });
});

describe('formula', () => {
  it("the issue's command: seed 004's function from (1, 1) by Newton reaches its minimum (1, -1) in one step", async () => {
    const { code, out } = await runMain(['formula', '--f', 'x^3 + 2*x*y + y^2 - x', '--start', '1,1', '--optimizer', 'newton', '--json']);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ run: 'newton', step: 0, loss: 3, params: [1, 1] });
    expect(lines[1]).toMatchObject({ step: 1, loss: -1, params: [1, -1] });
    expect(lines[lines.length - 1]).toMatchObject({ run: 'newton', summary: true, params: [1, -1], loss: -1 });
  });
});
