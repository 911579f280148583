/**
 * Links of every chapter, through the stores: settings written as a fragment load back the same
 * (property-based, for every chapter of the registry), and a bad fragment opens the defaults with
 * a short notice.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeEach, describe, expect } from 'vitest';
import { BACKENDS, CHAPTERS, chapterInfo, DEFAULT_POINT, DIGITS_CURVATURE_DEFAULTS, DIGITS_CURVATURE_LIMITS, type DigitsCurvatureSettings, defaultExperiment, DIGITS_LOSSES, SWEEP_KINDS, SWEEP_PRESETS, type ChapterId, type PointSettings } from '../catalog';
import { useChapter } from '../state/chapter-store';
import { useExperiment } from '../state/experiment-store';
import { DEFAULT_SWEEP, type SweepChoice } from '../state/sweep-link';
import { useSweepChoice } from '../state/sweep-store';
import { usePoint } from '../state/point-store';
import { useDigitsCell } from '../state/digits-cell-store';
import { MAX_IMAGE } from '../state/digits-cell-link';
import { experimentArbitrary, pointSettingsArbitrary } from '../testing/arbitraries';
import { currentLink, loadFromUrl } from './url-sync';

/** Chapter 6's two cells: the point's settings and the digits net's. */
const curvatureCells = fc.record({
  point: pointSettingsArbitrary,
  digits: fc.record<DigitsCurvatureSettings>({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), steps: fc.integer({ min: 0, max: DIGITS_CURVATURE_LIMITS.steps.max }), image: fc.integer({ min: 0, max: MAX_IMAGE }) }),
});

const sweepChoice: fc.Arbitrary<SweepChoice> = fc.record({
  kind: fc.constantFrom(...SWEEP_KINDS),
  preset: fc.constantFrom(...SWEEP_PRESETS),
  loss: fc.constantFrom(...DIGITS_LOSSES),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  backend: fc.constantFrom('auto' as const, ...BACKENDS),
  precision: fc.constantFrom('float32' as const, 'float64' as const),
});

/** What a chapter's link holds, as the stores have it. */
function settingsOf(id: ChapterId) {
  const { kind } = chapterInfo(id).lab;
  if (kind === 'curvature') return { point: usePoint.getState().settings, digits: useDigitsCell.getState().settings };
  return kind === 'digits' ? useSweepChoice.getState().choice : useExperiment.getState().experiment;
}

beforeEach(() => useExperiment.getState().setNotice(null));

describe('links through the stores', () => {
  for (const chapter of CHAPTERS) {
    const { lab } = chapter;
    const settings = lab.kind === 'digits' ? sweepChoice : lab.kind === 'curvature' ? curvatureCells : experimentArbitrary(lab.problem);
    test.prop([settings, fc.boolean()], { numRuns: 40 })(`${chapter.id}: settings (and whether opening starts the runs) written as a link load back the same, with no notice`, async (s, autostart) => {
      useChapter.getState().setChapter(chapter.id);
      useChapter.getState().setAutostart(autostart);
      if (lab.kind === 'digits') useSweepChoice.getState().choose(s as SweepChoice);
      else if (lab.kind === 'curvature') {
        usePoint.getState().set((s as { point: PointSettings }).point);
        useDigitsCell.getState().set((s as { digits: DigitsCurvatureSettings }).digits);
      }
      else useExperiment.getState().load(s as ReturnType<typeof defaultExperiment>);
      const link = await currentLink();
      useChapter.getState().setChapter(chapter.id === 'rosenbrock-fit' ? 'digits-sweep' : 'rosenbrock-fit');
      useSweepChoice.getState().choose(DEFAULT_SWEEP);
      useExperiment.getState().resetToDefaults('rosenbrock-valley');
      usePoint.getState().set(DEFAULT_POINT);
      useDigitsCell.getState().set(DIGITS_CURVATURE_DEFAULTS);
      await loadFromUrl(link);
      expect(useChapter.getState().chapter).toBe(chapter.id);
      expect(settingsOf(chapter.id)).toEqual(s);
      expect(useChapter.getState().autostart).toBe(autostart);
      expect(useExperiment.getState().notice).toBeNull();
      expect(await currentLink()).toBe(link);
    });
  }

  test.each([
    ['#ch=nowhere', 'rosenbrock-fit', /there is no chapter "nowhere"/],
    ['#ch=rahimi-linear-net&c=1.AAAA', 'rahimi-linear-net', /damaged/],
    ['#ch=digits-sweep&seed=0x10', 'digits-sweep', /"seed" must be a whole number/],
    ['#ch=curvature-tools&f=x%2Bw', 'curvature-tools', /its function does not read: unknown name 'w' at column 3: f may use x, y and z\./],
    ['#ch=curvature-tools&f=x%2By&at=1,1,1', 'curvature-tools', /The point needs 2 numbers \(one each for x, y\), got 3\./],
    ['#ch=curvature-tools&v=1,2', 'curvature-tools', /v needs 3 numbers \(one each for x, y, z\), got 2\./],
    ['#ch=curvature-tools&cg=0', 'curvature-tools', /CG iterations must be a whole number from 1 to 1000, got 0\./],
    ['#ch=curvature-tools&damping=-1', 'curvature-tools', /The damping must be a finite number, 0 or more, got -1\./],
    ['#ch=curvature-tools&g=1,,2', 'curvature-tools', /"g" must be numbers separated by commas/],
    ['#ch=curvature-tools&dimage=540', 'curvature-tools', /"dimage" must be a whole number from 0 to 539, not "540"\./],
    ['#ch=curvature-tools&dsteps=-1', 'curvature-tools', /"dsteps" must be a whole number from 0 to 5000, not "-1"\./],
    [`#ch=${'x'.repeat(1_000_000)}`, 'rosenbrock-fit', /there is no chapter "x+…x+"/],
  ])('%# a bad link opens the defaults of its chapter (or the first) with a short notice', async (hash, chapter, why) => {
    await loadFromUrl(hash);
    expect(useChapter.getState().chapter).toBe(chapter);
    const { notice } = useExperiment.getState();
    expect(notice).toMatch(why);
    expect(notice!.length).toBeLessThan(300);
  });

  test.each(['#ch=rahimi-linear-net&c=1.AAAA&run=1', '#ch=digits-sweep&seed=0x10&run=1', '#ch=nowhere&run=1'])('%# a link that cannot be read starts nothing, even when it asks to', async (hash) => {
    useChapter.getState().setAutostart(true);
    await loadFromUrl(hash);
    expect(useExperiment.getState().notice).not.toBeNull();
    expect(useChapter.getState().autostart).toBe(false);
    expect(await currentLink()).not.toMatch(/run=1/);
  });

  test("a link whose settings are another chapter's problem is refused", async () => {
    useChapter.getState().setChapter('rosenbrock-fit');
    useExperiment.getState().load(defaultExperiment('rosenbrock-fit'));
    const link = (await currentLink()).replace('ch=rosenbrock-fit', 'ch=rosenbrock-valley');
    await loadFromUrl(link);
    expect(useChapter.getState().chapter).toBe('rosenbrock-valley');
    expect(useExperiment.getState().experiment).toEqual(defaultExperiment('rosenbrock-valley'));
    expect(useExperiment.getState().notice).toMatch(/for "rosenbrock-fit", not this chapter's problem/);
  });

  test("a fit whose link left its table out opens with its model and settings, and the fit says what is missing (no notice: nothing was wrong with the link)", async () => {
    useChapter.getState().setChapter('your-data');
    const e = defaultExperiment('fit');
    const big = { ...e, fit: { ...e.fit!, data: { names: ['y', 'x'], columns: [0, 1].map(() => Array.from({ length: 3000 }, (_, i) => i)) } } };
    useExperiment.getState().load(big);
    const link = await currentLink();
    useExperiment.getState().resetToDefaults('rosenbrock-fit');
    await loadFromUrl(link);
    expect(useExperiment.getState().notice).toBeNull();
    expect(useExperiment.getState().experiment.fit).toMatchObject({ model: e.fit!.model, omitted: 6000, data: { names: ['y', 'x'], columns: [[], []] } });
  });

  test.each([
    [{ model: 'y = b1*(1-exp[-b2*' }, /its fit does not check: unexpected end of formula at column 19/],
    [{ model: 'Y = b1*x' }, /'Y' at column 1 is not a data column/],
    [{ data: { names: ['y', 'x'], columns: [[1], [2]] } }, /1 row for 2 parameters/],
    [{ model: 'y = b1*(1-exp[-b2*x]) + b3' }, /its start has 2 numbers for the model's 3 parameters/],
  ])('%# a fit link the page could not have written opens the defaults with a notice', async (change, why) => {
    useChapter.getState().setChapter('your-data');
    const e = defaultExperiment('fit');
    useExperiment.getState().load({ ...e, fit: { ...e.fit!, ...change } });
    const link = await currentLink();
    await loadFromUrl(link);
    expect(useExperiment.getState().experiment).toEqual(defaultExperiment('fit'));
    expect(useExperiment.getState().notice).toMatch(why);
  });
});

