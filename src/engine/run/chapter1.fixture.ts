/** Test-only: chapter 1's runs as the page starts them, and the seed's printed logs (seed 000). */
import { defaultExperiment, runSpecs, type OptimizerId, type RunPrecision, type RunSpec } from '../../catalog';

/** Re-exported for the chapter-1 tests: the shared run-to-end helper. */
export { runToEnd } from '../../testing/run-to-end';

/** The chapter's default run of each optimizer, in `precision`. */
export function chapter1Specs(precision: RunPrecision = 'float32'): Record<OptimizerId, RunSpec> {
  return Object.fromEntries(runSpecs({ ...defaultExperiment(), precision }).map(({ spec }) => [spec.optimizer, spec])) as Record<OptimizerId, RunSpec>;
}

/** The seed prints, at step k = 1, 2, 4, ..., the loss before step k: our record k - 1. */
export const SEED_GD_LOG: [number, number][] = [
  [1, 3868.2291666666665], [2, 1381.5379689135807], [4, 224.7373049641391], [8, 39.36606191164495],
  [16, 21.251396378934388], [32, 8.262024313710537], [64, 1.5494658076417605], [128, 0.07505392682364921],
  [256, 0.00022995372615102207], [512, 2.3476189944007084e-9],
];
export const SEED_ADAM_LOG: [number, number][] = [
  [1, 3868.2291666666665], [2, 34205.72916492336], [4, 30529.10972641627], [8, 6066.123962286116],
  [16, 30745.55587142064], [32, 489.35901192814686], [64, 114.83695692773343], [128, 0.18336513192707898],
  [256, 4.58012625391607e-7],
];
