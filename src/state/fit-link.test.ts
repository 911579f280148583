/**
 * A fit in a link: its table travels with it up to MAX_LINK_NUMBERS numbers, however long each
 * is written; a larger one is left out and the link says how many numbers it left; a table the
 * schema would not hold (names against columns, ragged, a missing sigma column) is refused.
 */
import { describe, expect, test } from 'vitest';
import { defaultExperiment, type Experiment } from '../catalog';
import { decodeExperiment, encodeExperiment, MAX_LINK_NUMBERS } from './link-codec';

/** The default fit with a table of `rows` rows of (x, y), each number written as long as a double gets. */
function withTable(rows: number): Experiment {
  const e = defaultExperiment('fit');
  // -1.2345678901234567e-300 and its kin: 24 characters, the longest a double prints, and digits deflate cannot share.
  const long = (i: number, c: number) => -(1 + ((i * 7919 + c * 104729) % 999_983) / 1_000_000 + 1e-16 * ((i * 31 + c) % 97)) * 10 ** (-300 + ((i + c) % 7));
  const columns = [0, 1].map((c) => Array.from({ length: rows }, (_, i) => long(i, c)));
  return { ...e, fit: { ...e.fit!, data: { names: ['y', 'x'], columns } } };
}

describe('fit links', () => {
  test(`a table of ${MAX_LINK_NUMBERS} numbers at their longest travels whole and reads back exactly`, async () => {
    const e = withTable(MAX_LINK_NUMBERS / 2);
    expect(Math.max(...e.fit!.data.columns.flat().map((x) => String(x).length))).toBe(24);
    const link = await encodeExperiment(e);
    // About 42 kB (link-codec.ts says so): a length every browser and chat program passes on.
    expect(link.length).toBeLessThan(45_000);
    expect(await decodeExperiment(link)).toEqual({ ok: true, experiment: e });
  });

  test('one row more, and the link carries the model and settings and says how many numbers it left out', async () => {
    const e = withTable(MAX_LINK_NUMBERS / 2 + 1);
    const link = await encodeExperiment(e);
    expect(link.length).toBeLessThan(1000);
    const read = await decodeExperiment(link);
    if (!read.ok) throw new Error(read.error);
    expect(read.experiment.fit).toEqual({ model: e.fit!.model, data: { names: ['y', 'x'], columns: [[], []] }, absoluteSigma: false, omitted: MAX_LINK_NUMBERS + 2 });
    expect({ ...read.experiment, fit: undefined }).toEqual({ ...e, fit: undefined });
  });

  test.each([
    [{ names: ['y', 'x'], columns: [[1, 2]] }, /2 names for 1 columns/],
    [{ names: ['y', 'x'], columns: [[1, 2], [3]] }, /differ in length/],
    [{ names: ['y', 'y'], columns: [[1], [2]] }, /"y" names two columns/],
    [{ names: ['y', '2x'], columns: [[1], [2]] }, /column name/],
  ])('a table the page would not hold is refused: %#', async (data, why) => {
    const e = defaultExperiment('fit');
    const read = await decodeExperiment(await encodeExperiment({ ...e, fit: { ...e.fit!, data } }));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(why);
  });

  test('a sigma column that is not in the table is refused', async () => {
    const e = defaultExperiment('fit');
    const read = await decodeExperiment(await encodeExperiment({ ...e, fit: { ...e.fit!, sigma: 's' } }));
    expect(!read.ok && read.error).toMatch(/fit.sigma: there is no column "s"/);
  });
});
