/**
 * Chapter 6's digits cell (seed 003's questions on a net too big for a dense Hessian): chapter 5's
 * net trained by preconditioned SGD for some steps, then
 *   - the extreme eigenvalues of its training loss's Hessian (2,314 parameters: 5.4 million
 *     entries), by Lanczos on Hessian-vector products, each Ritz value with its residual;
 *   - for one test image, d p_c / d pixel for each class c: ten 8 x 8 maps, one backward pass each,
 *     beside the image and the predicted probabilities.
 * On the current backend, in its precision.
 */
import { DIGITS_CURVATURE_LIMITS, type DigitsCurvature, type DigitsCurvatureSettings } from '../../catalog';
import { createOracle } from '../autodiff/oracle';
import type { DigitsSplit } from '../problems/digits-data';
import { createDigitsMlp } from '../problems/digits-mlp';
import { createDigitsTrainer } from '../run/digits-trainer';
import { tf } from '../tf';
import { digitSaliency } from './input-jacobian';
import { lanczosSpectrum } from './spectrum';

export function digitsCurvature(split: DigitsSplit, settings: DigitsCurvatureSettings, now: () => number = () => performance.now()): DigitsCurvature {
  const { seed, steps, image } = settings;
  if (!(Number.isInteger(image) && image >= 0 && image < split.yTest.length)) throw new Error(`The test image must be a whole number from 0 to ${split.yTest.length - 1}.`);
  const t0 = now();
  const trainer = createDigitsTrainer(split, { models: 1, seed });
  let params: Float32Array;
  let testAccuracy: number;
  try {
    if (steps > 0) trainer.fit(steps);
    params = trainer.model(0).params;
    testAccuracy = trainer.accuracy('test')[0];
  } finally {
    trainer.dispose();
  }
  const t1 = now();
  const problem = createDigitsMlp(split, { seed });
  try {
    const oracle = createOracle(problem);
    const p = tf.tensor1d(params);
    const { k, iterations } = DIGITS_CURVATURE_LIMITS.lanczos;
    const lanczos = (() => {
      try {
        return lanczosSpectrum(oracle, p, k, iterations);
      } finally {
        p.dispose();
      }
    })();
    const t2 = now();
    const d = split.features;
    const saliency = digitSaliency(problem, params, split.xTest.subarray(image * d, (image + 1) * d), split.kept);
    const t3 = now();
    const pair = ({ value, residual }: { value: number; residual: number }) => ({ value, residual });
    return {
      settings,
      precision: tf.precisionName(),
      backend: tf.getBackend(),
      parameters: problem.dim,
      testAccuracy,
      smallest: lanczos.smallest.map(pair),
      largest: lanczos.largest.map(pair),
      iterations: lanczos.iterations,
      image: Array.from(saliency.image),
      label: split.yTest[image],
      probabilities: Array.from(saliency.probabilities),
      maps: saliency.maps.map((m) => Array.from(m)),
      ms: { train: t1 - t0, lanczos: t2 - t1, maps: t3 - t2 },
    };
  } finally {
    problem.dispose();
  }
}
