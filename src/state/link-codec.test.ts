import { describe, expect, test } from 'vitest';
import { defaultExperiment, parseExperiment } from '../catalog';
import { decodeExperiment, encodeExperiment } from './link-codec';

describe('experiment links', () => {
  test('round-trip: a link reopens exactly the same experiment', async () => {
    const parsed = parseExperiment({
      problem: 'rosenbrock-fit',
      start: [4, -1.5],
      maxSteps: 1234,
      targetLoss: 1e-8,
      backend: 'cpu',
      precision: 'compare',
      runs: [{ optimizer: 'gd', hp: { lr: 0.001 } }, { optimizer: 'lm', enabled: false, hp: { mu0: 30 } }],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const link = await encodeExperiment(parsed.experiment);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(300);
    expect(await decodeExperiment(link)).toEqual({ ok: true, experiment: parsed.experiment });
  });

  test('the default experiment fits in a short link', async () => {
    expect((await encodeExperiment(defaultExperiment())).length).toBeLessThan(400);
  });

  test.each([
    ['garbage', /format/],
    ['1.!!!', /damaged/],
    ['1.AAAA', /damaged/],
    [`1.${'A'.repeat(200_001)}`, /too long/],
  ])('a malformed link %# is refused with a reason, never an exception', async (payload, reason) => {
    const d = await decodeExperiment(payload);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.error).toMatch(reason);
  });

  test('an out-of-range setting in a valid link is refused by the schema with its path', async () => {
    const e = { ...defaultExperiment(), maxSteps: -3 };
    const d = await decodeExperiment(await encodeExperiment(e));
    expect(d.ok).toBe(false);
    expect(!d.ok && d.error).toMatch(/maxSteps/);
    const bad = { ...defaultExperiment(), runs: [{ optimizer: 'gd', enabled: true, hp: { lr: -1 } }] };
    const d2 = await decodeExperiment(await encodeExperiment(bad as never));
    expect(!d2.ok && d2.error).toMatch(/Learning rate must be positive/);
  });
});
