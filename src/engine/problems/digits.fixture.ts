/** Test-only: the shipped digits data, loaded in Node the way the worker will load it. */
import digitsGz from '../data/digits.csv.gz?inline';
import { gunzipText, parseDigitsCsv } from './digits-data';

export async function loadDigits() {
  return parseDigitsCsv(await gunzipText(await (await fetch(digitsGz)).arrayBuffer()));
}
