/** Step records to the columnar batch that crosses the thread boundary (transferred, not copied). */
import type { StepRecord } from '../engine';
import type { StepColumns } from '../protocol/messages';

export function toColumns(records: StepRecord[], dim: number): { columns: StepColumns; transfer: ArrayBuffer[] } {
  const n = records.length;
  const column = (f: (r: StepRecord) => number) => Float64Array.from(records, f);
  const params = new Float64Array(n * dim);
  records.forEach((r, i) => params.set(r.params, i * dim));
  const columns: StepColumns = {
    step: column((r) => r.step),
    loss: column((r) => r.loss),
    gradNorm: column((r) => r.gradNorm),
    mu: column((r) => r.mu),
    rejected: column((r) => r.rejected),
    validation: column((r) => r.validation),
    inverseHessianError: column((r) => r.inverseHessianError),
    elapsedMs: column((r) => r.elapsedMs),
    evalsF: column((r) => r.evals.f),
    evalsGrad: column((r) => r.evals.grad),
    evalsHvp: column((r) => r.evals.hvp),
    evalsJac: column((r) => r.evals.jac),
    params,
  };
  return { columns, transfer: Object.values(columns).map((c) => c.buffer as ArrayBuffer) };
}
