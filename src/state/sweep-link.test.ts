import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP, sweepFromParams, sweepToParams } from './sweep-link';

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
});
