/**
 * What a step of a chapter's runs costs on the current backend: the chapter's default runs,
 * batched as they would be, advanced in turn for a short while after a warm-up, in milliseconds
 * per run-step. 'auto' compares cpu and wasm this way rather than trusting a table: which one wins
 * depends on the problem's size (per-op overhead against arithmetic) and on the machine.
 */
import { defaultExperiment, runSpecs, type ProblemId } from '../catalog';
import { createBatcher } from '../engine';

export function measureStepCost(problem: ProblemId, budgetMs = 60, now: () => number = () => performance.now()): number {
  // Target 0 and a long horizon, so that no run converges during the probe.
  const specs = runSpecs(defaultExperiment(problem)).map(({ spec }) => ({ ...spec, targetLoss: 0, maxSteps: 1_000_000 }));
  const batcher = createBatcher(now);
  const runs = specs.map((spec, i) => batcher.start(`probe-${i}`, spec));
  try {
    // Step 0 and a first step: kernels compile and caches fill here, not in the timing.
    for (const run of runs) run.advance(1);
    for (const run of runs) if (!run.stop) run.advance(1);
    let steps = 0;
    const t0 = now();
    while (now() - t0 < budgetMs && runs.some((run) => !run.stop)) {
      for (const run of runs) if (!run.stop) steps += run.advance(Infinity, now() + budgetMs / runs.length).length;
    }
    return steps ? (now() - t0) / steps : Infinity;
  } finally {
    runs.forEach((run) => run.dispose());
  }
}
