/** Test-only: the shipped digits data, loaded in Node the way the worker will load it. */
import digitsGz from '../data/digits.csv.gz?inline';
import { gunzipText, parseDigitsCsv, splitDigits } from './digits-data';

export async function loadDigits() {
  return parseDigitsCsv(await gunzipText(await (await fetch(digitsGz)).arrayBuffer()));
}

/** The seeded split the chapter-5 tests train on. */
export async function loadSplit(seed = 1) {
  return splitDigits(await loadDigits(), seed);
}
