/** The tensor bookkeeping of optimizer states: what keeps a run's tensor count flat. */
import { tf } from '../tf';
import type { OptimizerState } from '../types';

/** tf.tidy for a step: frees every intermediate tensor and keeps the ones the result holds. */
export function tidyState<T extends object>(f: () => T): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = f();
    for (const x of Object.values(out)) if (x instanceof tf.Tensor) tf.keep(x);
  });
  return out as T;
}

/** Disposes the tensors of `prev` that `next` no longer holds. */
export function disposeReplaced(prev: OptimizerState, next: OptimizerState | null) {
  const kept = new Set(next ? Object.values(next).filter((x) => x instanceof tf.Tensor) : []);
  for (const x of Object.values(prev)) if (x instanceof tf.Tensor && !kept.has(x)) x.dispose();
}
