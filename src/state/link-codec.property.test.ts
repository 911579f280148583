/**
 * Every link the page writes is one it reads back: random valid settings of every chapter survive
 * encode -> decode unchanged, and anything else decodes to a short refusal, never a throw or a hang.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defaultExperiment, PROBLEM_IDS } from '../catalog';
import { experimentArbitrary } from '../testing/arbitraries';
import { decodeExperiment, encodeExperiment } from './link-codec';

describe('experiment links, property-based', () => {
  test.each(PROBLEM_IDS)('%s: its default settings read back, and write the same link again', async (problem) => {
    const e = defaultExperiment(problem);
    const link = await encodeExperiment(e);
    const read = await decodeExperiment(link);
    expect(read).toEqual({ ok: true, experiment: e });
    expect(read.ok && (await encodeExperiment(read.experiment))).toBe(link);
  });

  for (const problem of PROBLEM_IDS) {
    test.prop([experimentArbitrary(problem)], { numRuns: 150 })(`${problem}: random valid settings read back unchanged`, async (e) => {
      const link = await encodeExperiment(e);
      const read = await decodeExperiment(link);
      expect(read).toEqual({ ok: true, experiment: e });
      // Written again, it is the same link (a reload does not change the address).
      expect(read.ok && (await encodeExperiment(read.experiment))).toBe(link);
    });
  }
});

/** Decodes with a time limit: a refusal must come quickly, whatever the input. */
async function decodeQuickly(payload: string) {
  const t0 = performance.now();
  const d = await decodeExperiment(payload);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(1000);
  return d;
}

const deflate = async (bytes: Uint8Array) => new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const refusedShortly = (d: Awaited<ReturnType<typeof decodeExperiment>>) => {
  expect(d.ok).toBe(false);
  expect(!d.ok && d.error.length).toBeLessThan(300);
};

describe('hostile links decode to a short refusal, never a throw or a hang', () => {
  test.prop([fc.string({ maxLength: 9000 })], { numRuns: 300 })('any text', async (s) => {
    const d = await decodeQuickly(s);
    if (!d.ok) expect(d.error.length).toBeLessThan(300);
  });

  test.prop([fc.uint8Array({ maxLength: 6000 })], { numRuns: 300 })('random bytes as a versioned payload', async (bytes) => {
    const d = await decodeQuickly(`1.${base64url(bytes)}`);
    if (!d.ok) expect(d.error.length).toBeLessThan(300);
  });

  test.prop([experimentArbitrary(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')), { minLength: 1, maxLength: 8 })], { numRuns: 200 })(
    'a valid link with characters changed',
    async (e, edits) => {
      const chars = [...(await encodeExperiment(e))];
      for (const [at, c] of edits) chars[2 + (at % (chars.length - 2))] = c;
      const d = await decodeQuickly(chars.join(''));
      // A mutation may still spell a valid experiment; then it is one the schema accepts.
      if (!d.ok) expect(d.error.length).toBeLessThan(300);
    },
  );

  test.prop([fc.json({ maxDepth: 6 })], { numRuns: 300 })('any JSON inside a well-formed link', async (json) => {
    const d = await decodeQuickly(`1.${base64url(await deflate(new TextEncoder().encode(json)))}`);
    if (!d.ok) expect(d.error.length).toBeLessThan(300);
  });

  test('a deflate bomb (5 MB of spaces in 5 kB) is refused as too large', async () => {
    const bomb = `1.${base64url(await deflate(new Uint8Array(5_000_000).fill(0x20)))}`;
    expect(bomb.length).toBeLessThan(8000);
    refusedShortly(await decodeQuickly(bomb));
  });

  test('JSON nested 30,000 deep is refused', async () => {
    const nested = `{"problem":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    refusedShortly(await decodeQuickly(`1.${base64url(await deflate(new TextEncoder().encode(nested)))}`));
  });
});
