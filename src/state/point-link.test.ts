import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT, POINT_PRESETS, presetSettings } from '../catalog';
import { pointSettingsArbitrary } from '../testing/arbitraries';
import { pointFromParams, pointToParams } from './point-link';

const read = (query: string) => pointFromParams(new URLSearchParams(query));

describe("chapter 6's link", () => {
  it('reads the defaults from an empty link', () => {
    expect(read('')).toEqual({ ok: true, settings: DEFAULT_POINT });
  });

  it.each(POINT_PRESETS.map((p) => [p.name, p] as const))('round-trips the preset %s', (_name, p) => {
    const settings = presetSettings(p, 'float32');
    expect(pointFromParams(new URLSearchParams(pointToParams(settings)))).toEqual({ ok: true, settings });
  });

  test.prop([pointSettingsArbitrary])('reads back every valid setting it writes, to the same doubles', (s) => {
    expect(pointFromParams(new URLSearchParams(pointToParams(s)))).toEqual({ ok: true, settings: s });
  });

  it.each([
    ['g=1,,2', '"g" must be numbers separated by commas, not "1,,2".'],
    ['at=0x10,1,1', '"at" must be numbers separated by commas, not "0x10,1,1".'],
    ['cg=10,20', '"cg" must be a number, not "10,20".'],
    ['damping=1e999', '"damping" must be a number, not "1e999".'],
    ['precision=float16', '"precision" must be one of float32, float64, not "float16".'],
  ])('refuses %s with the reason', (query, error) => {
    expect(read(query)).toEqual({ ok: false, error });
  });
});
