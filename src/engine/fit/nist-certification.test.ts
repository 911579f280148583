/**
 * The fit certified on NIST's StRD nonlinear regressions (src/data/nist): Levenberg-Marquardt on
 * cpu64 (float64) from both of NIST's starts, then the report at the solution. Scored as the
 * README says: the worst log relative error (LRE, matching significant digits) of the parameters
 * and of the standard deviations against the certified values. Required: parameters at least 6,
 * standard deviations at least 4, and neither more than half a digit below scipy's curve_fit
 * (MINPACK, float64, tolerances 1e-15) on the same start; Misra1a's certified RSS and residual
 * standard deviation to 8 digits.
 */
import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, FIT_XTOL, type FitDefinition } from '../../catalog';
import { worstLre } from '../../data/lre';
import { loadNist, NIST_DATASETS, type NistName } from '../../data/nist';
import { onCpu64 } from '../float64/testing';
import { createRun } from '../run/run';
import { fitReportAt } from './report-at';

/** curve_fit's worst LRE (parameters, standard deviations) from start 1 and start 2 (the README's table). */
const CURVE_FIT: Record<NistName, { params: [number, number]; sd: [number, number] }> = {
  Misra1a: { params: [8.9, 9.1], sd: [6.9, 7.0] },
  Chwirut2: { params: [7.5, 8.7], sd: [7.4, 7.7] },
  Lanczos3: { params: [4.8, 5.4], sd: [4.5, 4.0] },
  Kirby2: { params: [7.3, 7.7], sd: [6.8, 7.1] },
  MGH09: { params: [7.2, 7.3], sd: [6.8, 6.9] },
  Thurber: { params: [8.0, 7.8], sd: [6.9, 6.5] },
  Eckerle4: { params: [9.4, 9.4], sd: [8.0, 7.7] },
};

/** A NIST dataset as the fit lab takes it: its model and its table. */
function definitionOf(name: NistName): FitDefinition {
  const nist = loadNist(name);
  return { problem: 'fit', model: nist.model, data: { names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) } };
}

/** LM from a start to convergence, and the report at the end. */
function fit(name: NistName, start: readonly number[], hp = chapterHyperparameters('fit', 'lm')) {
  const definition = definitionOf(name);
  const run = createRun({ problem: 'fit', definition, optimizer: 'lm', hp, start: [...start], maxSteps: 2000, targetLoss: 0, xtol: FIT_XTOL.float64, precision: 'float64' });
  const records = run.advance(Infinity);
  const stop = run.stop;
  run.dispose();
  const last = records[records.length - 1];
  return { stop, steps: last.step, report: fitReportAt(definition, last.params) };
}

describe('NIST StRD, float64 (cpu64)', () => {
  onCpu64();

  const cases = NIST_DATASETS.flatMap(({ name }) => [1, 2].map((start) => [name, start] as const));
  test.each(cases)('%s from start %i: converged; worst LRE of the parameters >= 6 and of the standard deviations >= 4, within half a digit of curve_fit', (name, start) => {
    const nist = loadNist(name);
    const { stop, report } = fit(name, start === 1 ? nist.start1 : nist.start2);
    expect(stop?.reason, stop?.message).toBe('converged');
    expect(report.names).toEqual(nist.parameters);
    const params = worstLre(report.params, nist.certified);
    const sd = worstLre(report.stdErrors ?? [], nist.certifiedSd);
    const yardstick = CURVE_FIT[name];
    expect(params).toBeGreaterThanOrEqual(Math.max(6, yardstick.params[start - 1] - 0.5));
    expect(sd).toBeGreaterThanOrEqual(Math.max(4, yardstick.sd[start - 1] - 0.5));
  });

  test("an LM step that can lower the loss no more (40 rejected trials) at float64's floor is convergence: MGH09 from start 1 with mu0 = 3", () => {
    const nist = loadNist('MGH09');
    const { stop, report } = fit('MGH09', nist.start1, { mu0: 3 });
    expect(stop?.reason).toBe('converged');
    expect(stop?.message).toMatch(/^Converged to float64's floor/);
    expect(worstLre(report.params, nist.certified)).toBeGreaterThanOrEqual(7);
  });

  test("Misra1a: the certified residual sum of squares and residual standard deviation to 8 digits, with 12 degrees of freedom", () => {
    const nist = loadNist('Misra1a');
    const { report } = fit('Misra1a', nist.start2);
    expect(report.dof).toBe(nist.degreesOfFreedom);
    expect(worstLre([report.rss], [nist.residualSumOfSquares])).toBeGreaterThanOrEqual(8);
    expect(worstLre([report.residualSD], [nist.residualSd])).toBeGreaterThanOrEqual(8);
    expect(report.scaled).toBe(true);
  });
});
