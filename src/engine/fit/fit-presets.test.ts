/**
 * Chapter 8's presets are what they say: NIST's files as parsed, and chapter 1's nine samples,
 * whose least-squares loss is nine times chapter 1's mean-square loss. Each checks as a fit with
 * a start per parameter; certified digits are claimed only for NIST's table, model and weights.
 * And the chapter's default race: every default optimizer from the default start lowers the RSS
 * without blowing up, in float64, with Levenberg-Marquardt reaching NIST's certified RSS.
 */
import { describe, expect, test } from 'vitest';
import { certifiedFor, defaultExperiment, fitPreset, fitPresets, presetFit, presetOfData, runSpecs, type FitDefinition } from '../../catalog';
import { loadNist, NIST_DATASETS } from '../../data/nist';
import { checkFit } from '../../formula/fit-check';
import { onCpu64 } from '../float64/testing';
import { createRosenbrockFit, rosenbrockFitData, ROSENBROCK_FIT_DEFAULTS } from '../problems/rosenbrock-fit';
import { createFitProblem } from '../problems/fit-model';
import { createRun } from '../run/run';
import { tf } from '../tf';

describe('fit presets', () => {
  onCpu64();

  test("NIST's seven, as their files say, then chapter 1's samples", () => {
    expect(fitPresets().map((p) => p.name)).toEqual([...NIST_DATASETS.map((d) => d.name), 'Rosenbrock (chapter 1)']);
    for (const { name } of NIST_DATASETS) {
      const p = fitPreset(name)!;
      const nist = loadNist(name);
      expect(p.model).toBe(nist.model);
      expect(p.data).toEqual({ names: [...nist.columnNames], columns: nist.columns.map((c) => Array.from(c)) });
      expect(p.starts).toEqual([[...nist.start1], [...nist.start2]]);
    }
  });

  test("chapter 1's preset is its data, and its RSS is 9 times chapter 1's loss anywhere", () => {
    const p = fitPreset('Rosenbrock (chapter 1)')!;
    const { x, y, z } = rosenbrockFitData(ROSENBROCK_FIT_DEFAULTS);
    expect(p.data).toEqual({ names: ['x', 'y', 'z'], columns: [x, y, z] });
    const fit = createFitProblem({ problem: 'fit', ...presetFit(p) });
    const chapter1 = createRosenbrockFit();
    for (const ab of [[5, 5], [2.5, 2.5], [-1.3, 7.25], [0.1, 1e3]]) {
      const [rss, loss] = tf.tidy(() => [fit, chapter1].map((problem) => problem.loss(tf.tensor1d(ab)).dataSync()[0]));
      expect(Math.abs(rss - 9 * loss)).toBeLessThanOrEqual(1e-12 * Math.max(1, rss));
    }
    fit.dispose();
    chapter1.dispose();
  });

  test.each(fitPresets().map((p) => [p.name, p] as const))('%s checks as a fit, with a start per parameter', (_, p) => {
    const checked = checkFit(presetFit(p));
    if (!checked.ok) throw new Error(JSON.stringify(checked.fault));
    for (const start of p.starts) expect(start).toHaveLength(checked.value.model.parameters.length);
  });

  test("certified digits are claimed for NIST's table with NIST's model (blanks aside), unweighted; for nothing else", () => {
    const misra = presetFit(fitPreset('Misra1a')!);
    expect(certifiedFor(misra)?.name).toBe('Misra1a');
    expect(certifiedFor({ ...misra, model: 'y = b1 * (1 - exp[-b2 * x])' })?.name).toBe('Misra1a');
    expect(certifiedFor({ ...misra, model: 'y = b1*(1-exp(-b2*x))' })).toBeUndefined();
    expect(certifiedFor({ ...misra, sigma: 'x' })).toBeUndefined();
    const edited = { ...misra.data, columns: [misra.data.columns[0].map((v, i) => (i === 3 ? v + 1e-9 : v)), misra.data.columns[1]] };
    expect(presetOfData(edited)).toBeUndefined();
    expect(certifiedFor({ ...misra, data: edited })).toBeUndefined();
  });

  test("the chapter's default race in float64: every optimizer lowers the RSS and stays finite; Levenberg-Marquardt reaches NIST's certified RSS", () => {
    const e = { ...defaultExperiment('fit'), precision: 'float64' as const, maxSteps: 500 };
    const certified = loadNist('Misra1a').residualSumOfSquares;
    for (const { spec } of runSpecs(e)) {
      expect(spec.definition?.problem).toBe('fit');
      const run = createRun(spec);
      const records = run.advance(Infinity);
      run.dispose();
      const [first, last] = [records[0], records[records.length - 1]];
      expect(run.stop?.reason, spec.optimizer).not.toBe('diverged');
      expect(Number.isFinite(last.loss), spec.optimizer).toBe(true);
      expect(last.loss, spec.optimizer).toBeLessThan(first.loss);
      if (spec.optimizer === 'lm') {
        expect(run.stop?.reason).toBe('converged');
        expect(Math.abs(last.loss - certified) / certified).toBeLessThan(1e-9);
      }
    }
  });
});

/** The definition a run of the default experiment carries is the default fit, whole. */
test("a fit run carries its experiment's model and table, and the xtol of its precision", () => {
  const e = defaultExperiment('fit');
  const [{ spec }] = runSpecs({ ...e, precision: 'float32' });
  const definition = spec.definition as FitDefinition;
  expect(definition).toEqual({ problem: 'fit', model: e.fit!.model, data: e.fit!.data, absoluteSigma: false });
  expect(spec.xtol).toBe(1e-6);
});
