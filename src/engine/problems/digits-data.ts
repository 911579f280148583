/**
 * The digits data of chapter 5 (seed 001): 1,797 images of 8 x 8 pixels (values 0-16) and their
 * labels, shipped as the gzipped CSV (57 kB; each row 64 pixels then the label). A seeded 70/30
 * split, standardised with the training split's mean and standard deviation as the seed did
 * ((x - mean) / (std + 1e-8), population std), then the pixels constant on the training split
 * dropped.
 */
import { createRandom } from '../random';

export const DIGITS = { rows: 1797, pixels: 64, classes: 10, testFraction: 0.3 } as const;

export interface DigitsData {
  /** Row-major rows x 64 pixels. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface DigitsSplit {
  /** Features kept (61 for the usual split): row-major, float64. */
  features: number;
  xTrain: Float64Array;
  yTrain: Uint8Array;
  xTest: Float64Array;
  yTest: Uint8Array;
  /** Which of the 64 pixels were kept. */
  kept: number[];
}

/** Un-gzips the shipped file (DecompressionStream: in every current browser and in Node 18+). */
export async function gunzipText(bytes: ArrayBuffer): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

export function parseDigitsCsv(text: string): DigitsData {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== DIGITS.rows) throw new Error(`The digits data has ${lines.length} rows, not ${DIGITS.rows}.`);
  const pixels = new Uint8Array(DIGITS.rows * DIGITS.pixels);
  const labels = new Uint8Array(DIGITS.rows);
  lines.forEach((line, row) => {
    const values = line.split(',').map(Number);
    const bad = values.length !== DIGITS.pixels + 1 || values.some((v, k) => !Number.isInteger(v) || v < 0 || v > (k < DIGITS.pixels ? 16 : 9));
    if (bad) throw new Error(`Row ${row + 1} of the digits data is not 64 pixels in 0-16 and a label in 0-9.`);
    pixels.set(values.slice(0, DIGITS.pixels), row * DIGITS.pixels);
    labels[row] = values[DIGITS.pixels];
  });
  return { pixels, labels };
}

/**
 * The seeded split: a Fisher-Yates shuffle of the rows by `seed`; the first ceil(0.3 n) are the
 * test set (540 of 1,797, as scikit-learn's test_size = 0.3 gives), the rest the training set.
 */
export function splitDigits(data: DigitsData, seed: number): DigitsSplit {
  const n = data.labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const nTest = Math.ceil(DIGITS.testFraction * n);
  const test = order.slice(0, nTest);
  const train = order.slice(nTest);

  const P = DIGITS.pixels;
  const mean = new Float64Array(P);
  const std = new Float64Array(P);
  for (const r of train) for (let k = 0; k < P; k++) mean[k] += data.pixels[r * P + k] / train.length;
  for (const r of train) for (let k = 0; k < P; k++) std[k] += (data.pixels[r * P + k] - mean[k]) ** 2 / train.length;
  for (let k = 0; k < P; k++) std[k] = Math.sqrt(std[k]);
  const kept = Array.from({ length: P }, (_, k) => k).filter((k) => std[k] > 0);

  const features = (rows: number[]) => {
    const x = new Float64Array(rows.length * kept.length);
    rows.forEach((r, i) => kept.forEach((k, j) => (x[i * kept.length + j] = (data.pixels[r * P + k] - mean[k]) / (std[k] + 1e-8))));
    return x;
  };
  const labels = (rows: number[]) => Uint8Array.from(rows, (r) => data.labels[r]);
  return { features: kept.length, xTrain: features(train), yTrain: labels(train), xTest: features(test), yTest: labels(test), kept };
}
