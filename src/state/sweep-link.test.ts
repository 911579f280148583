import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BACKENDS, DIGITS_LOSSES, SWEEP_KINDS, SWEEP_PRESETS, type BackendChoice, type RunPrecision } from '../catalog';
import { DEFAULT_SWEEP, sweepFromParams, sweepToParams, type SweepChoice } from './sweep-link';

const read = (query: string) => sweepFromParams(new URLSearchParams(query));

describe("chapter 5's link", () => {
  it('round-trips every field, the precision included', () => {
    const choice = { ...DEFAULT_SWEEP, kind: 'disable' as const, seed: 7, precision: 'float64' as const };
    expect(sweepFromParams(new URLSearchParams(sweepToParams(choice)))).toEqual({ ok: true, choice });
  });

  it('fills missing fields with the defaults (an older link has no precision)', () => {
    expect(sweepFromParams(new URLSearchParams('ch=digits-sweep&kind=prune'))).toEqual({ ok: true, choice: DEFAULT_SWEEP });
  });

  it('refuses a bad precision with the reason', () => {
    expect(sweepFromParams(new URLSearchParams('ch=digits-sweep&precision=float16'))).toEqual({ ok: false, error: '"precision" must be one of float32, float64, not "float16".' });
  });

  it.each(['0', '1', '42', '2147483647'])('takes the seed %j', (seed) => {
    expect(read(`seed=${seed}`)).toEqual({ ok: true, choice: { ...DEFAULT_SWEEP, seed: Number(seed) } });
  });

  // Number() reads all of these as whole numbers ('' and ' ' as 0, '0x10' as 16): the link must not.
  it.each(['', ' ', '%201', '1%20', '-0', '-1', '+1', '01', '0x10', '0b1', '0o7', '1e3', '1.0', '1.', '.5', '2147483648', '99999999999999999999', 'Infinity', 'NaN', '١'])(
    'refuses the seed %j with the reason',
    (seed) => {
      const shown = new URLSearchParams(`seed=${seed}`).get('seed');
      expect(read(`seed=${seed}`)).toEqual({ ok: false, error: `"seed" must be a whole number from 0 to 2147483647, not ${JSON.stringify(shown)}.` });
    },
  );

  it('echoes a huge or multi-line field short, on one line', () => {
    for (const field of ['kind', 'preset', 'loss', 'backend', 'precision', 'seed']) {
      const parsed = sweepFromParams(new URLSearchParams({ [field]: `bad\n${'x'.repeat(1 << 20)}` }));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.length).toBeLessThan(150);
        expect(parsed.error).not.toContain('\n');
        expect(parsed.error).toContain('"bad\\nxxx');
      }
    }
  });
});

const choiceArbitrary: fc.Arbitrary<SweepChoice> = fc.record({
  kind: fc.constantFrom(...SWEEP_KINDS),
  preset: fc.constantFrom(...SWEEP_PRESETS),
  loss: fc.constantFrom(...DIGITS_LOSSES),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  backend: fc.constantFrom<BackendChoice>('auto', ...BACKENDS),
  precision: fc.constantFrom<RunPrecision>('float32', 'float64'),
});

const FIELDS = ['ch', 'kind', 'preset', 'loss', 'seed', 'backend', 'precision'] as const;

describe("chapter 5's link, property-based", () => {
  test.prop([choiceArbitrary], { numRuns: 300 })('every valid choice reads back unchanged', (choice) => {
    expect(sweepFromParams(new URLSearchParams(sweepToParams(choice)))).toEqual({ ok: true, choice });
  });

  // Each field absent, a valid value, or any text (digits and near-numbers often, for the seed).
  const fieldValue = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.stringMatching(/^[-+ 0-9.eExX]{0,12}$/),
    fc.constantFrom(...SWEEP_KINDS, ...SWEEP_PRESETS, ...DIGITS_LOSSES, 'auto', ...BACKENDS, 'float32', 'float64', '1', '0'),
  );
  test.prop([fc.tuple(...FIELDS.map(() => fieldValue))], { numRuns: 500 })('any field text reads as a choice or a short refusal, never a throw', (values) => {
    const params = new URLSearchParams();
    FIELDS.forEach((name, i) => values[i] !== null && params.set(name, values[i]));
    const parsed = sweepFromParams(params);
    if (parsed.ok) {
      const seed = params.get('seed');
      if (seed !== null) expect(String(parsed.choice.seed)).toBe(seed);
      expect(sweepFromParams(new URLSearchParams(sweepToParams(parsed.choice)))).toEqual(parsed);
    } else {
      expect(parsed.error.length).toBeLessThan(150);
      expect(parsed.error).not.toMatch(/[\n\r]/);
    }
  });
});
