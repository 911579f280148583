/** Chapter 5's data: the shipped file, the seeded split and the standardisation. */
import { describe, expect, test } from 'vitest';
import { DIGITS, parseDigitsCsv, splitDigits } from './digits-data';
import { loadDigits as load } from './digits.fixture';

describe('digits', () => {
  test('the shipped file holds 1,797 rows of 64 pixels in 0-16 and labels 0-9, every class present', async () => {
    const data = await load();
    expect(data.pixels).toHaveLength(1797 * 64);
    const counts = Array.from({ length: 10 }, (_, c) => data.labels.filter((y) => y === c).length);
    // The classic set: 174 to 183 images per digit.
    expect(Math.min(...counts)).toBe(174);
    expect(Math.max(...counts)).toBe(183);
    expect(Math.max(...data.pixels)).toBe(16);
  });

  test('a damaged file is refused with the row that is wrong', () => {
    const row = `${Array(64).fill(0).join(',')},3`;
    const rows = Array(DIGITS.rows).fill(row);
    expect(() => parseDigitsCsv(rows.slice(1).join('\n'))).toThrow('1796 rows, not 1797');
    rows[4] = row.replace(/^0/, '17');
    expect(() => parseDigitsCsv(rows.join('\n'))).toThrow('Row 5');
  });

  test.each([1, 2, 42])('seed %i: a 1,257 / 540 split, standardised on the training split, constant pixels dropped', async (seed) => {
    const data = await load();
    const split = splitDigits(data, seed);
    expect(split.yTrain).toHaveLength(1257);
    expect(split.yTest).toHaveLength(540);
    // Every row once: the two sets' label counts add up to the whole set's.
    for (let c = 0; c < 10; c++) {
      expect(split.yTrain.filter((y) => y === c).length + split.yTest.filter((y) => y === c).length).toBe(data.labels.filter((y) => y === c).length);
    }
    // Pixels 0, 32 and 39 are 0 in every image, so at most 61 remain; a pixel that is non-zero in
    // only a few images may also be constant on a training split (measured: 61 for seeds 1, 3-8
    // and 42; 60 for seed 2; the seed notebook's split kept 61).
    expect(split.features).toBeLessThanOrEqual(61);
    expect(split.features).toBeGreaterThanOrEqual(58);
    expect(split.kept).not.toContain(0);
    // Each kept training feature has mean 0 and standard deviation 1 (to 1e-6: the 1e-8 guard).
    const d = split.features;
    for (let j = 0; j < d; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 1257; i++) m += split.xTrain[i * d + j] / 1257;
      for (let i = 0; i < 1257; i++) v += (split.xTrain[i * d + j] - m) ** 2 / 1257;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(Math.abs(Math.sqrt(v) - 1)).toBeLessThan(1e-6);
    }
    expect(splitDigits(data, seed)).toEqual(split);
    expect(splitDigits(data, seed + 100).yTest).not.toEqual(split.yTest);
  });
});
