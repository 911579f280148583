/**
 * The stop rule, one for single and batched runs (run.ts, batch.ts). After every recorded step
 * (step 0 is the start), in this order:
 *   loss not finite -> diverged;  loss <= targetLoss -> converged;  step >= maxSteps -> max steps.
 * A first-order step that changes nothing (`unchangedRows`) stops the run as stalled before it is
 * recorded: it would only repeat the last record. Cancelling stops a run from outside.
 */
import { stopMessage, type RunSpec, type Stop } from '../../catalog';
import { norm2, solveCholesky } from '../linalg/dense';
import { tf } from '../tf';

/** Why a run stops at this record, or null to go on. */
export function stopAt(spec: Pick<RunSpec, 'targetLoss' | 'maxSteps'>, step: number, loss: number): Stop | null {
  if (!Number.isFinite(loss)) return { reason: 'diverged', message: stopMessage('diverged') };
  if (loss <= spec.targetLoss) return { reason: 'converged', message: stopMessage('converged', `Loss ${loss.toExponential(2)} <= ${spec.targetLoss}.`) };
  if (step >= spec.maxSteps) return { reason: 'max-steps', message: stopMessage('max-steps', `(${spec.maxSteps})`) };
  return null;
}

/**
 * Per row, whether a step changed nothing: every [before, after] pair bit-identical. Pairs are the
 * parameters and each tensor of the rule's state, shaped [dim] or scalar for one run and [rows, ...]
 * for a batch; the result is [rows] booleans (rows = 1 for one run).
 *
 * Parameters alone are not enough: a step is a function of (p, state) only (the gradient is one of
 * p), so it repeats for ever exactly when neither changed. Momentum's velocity can grow through
 * steps that move no parameter until lr v is large enough to move one (stop-rule.test.ts), and
 * Adam's b1^k, b2^k change every step until they reach their float32 fixed point (b2 = 0.999: about
 * step 97,000), so a frozen Adam run is called stalled only then.
 */
export function unchangedRows(pairs: [tf.Tensor, tf.Tensor][], rows: number): tf.Tensor1D {
  // Changed values counted per row (NaN counts: it never equals itself); the float64 backend has no All.
  return tf.tidy(() => {
    const changes = pairs.map(([before, after]) => tf.sum(tf.cast(tf.notEqual(tf.reshape(before, [rows, -1]), tf.reshape(after, [rows, -1])), 'int32'), 1));
    return tf.equal(tf.addN(changes), 0);
  });
}

/** The stop of a first-order step that changed nothing, the same for every rule. */
export function stalled(): Stop {
  return {
    reason: 'stalled',
    message: stopMessage(
      'stalled',
      `The last step changed no parameter (its update was too small to move any of them in ${tf.precisionName()}) and nothing else the method carries from step to step, so every further step would be the same.`,
    ),
  };
}

/** Steps without a lower loss after which a least-squares run may be at its precision's floor. */
export const FLAT_STEPS = 10;

/**
 * For a least-squares state (J^T J and J^T r at p): converged when the Gauss-Newton step from p,
 * d = (J^T J)^-1 J^T r, is at most `xtol` of p in norm (MINPACK's xtol, on the undamped step, so a
 * large damping cannot fake it). That step estimates the distance to the minimum; near it the loss
 * changes by about |d|^2, which is why a test on the loss alone stops at half the digits.
 *
 * An ill-conditioned fit cannot get its step that small: its floor is about cond(J) eps (measured
 * on NIST's Lanczos3, 3e-9 of p; MGH09, 1.5e-8). So a run whose loss has not gone down for
 * FLAT_STEPS steps (`flatSteps`) has converged when its step is below sqrt(xtol) of p.
 */
export function leastSquaresConverged(JtJ: Float64Array, Jtr: Float64Array, p: ArrayLike<number>, xtol: number, flatSteps: number): Stop | null {
  const d = gaussNewtonStep(JtJ, Jtr, p.length);
  if (!d) return null;
  const [step, size] = [norm2(d), norm2(p)];
  const ratio = `the Gauss-Newton step is ${step.toExponential(1)}, ${(step / size).toExponential(1)} of the parameters' size`;
  if (step <= xtol * size) return { reason: 'converged', message: `Converged: ${ratio} (below ${xtol}).` };
  if (flatSteps >= FLAT_STEPS && step <= Math.sqrt(xtol) * size) {
    return { reason: 'converged', message: `Converged to ${tf.precisionName()}'s floor: the loss has not gone down in ${flatSteps} steps and ${ratio}.` };
  }
  return null;
}

/** The ridge added to J^T J scaled to a unit diagonal when J^T J alone is singular. */
const RIDGE = 1e-10;

/**
 * The Gauss-Newton step (J^T J)^-1 J^T r. When J^T J is singular (a parameter or a combination the
 * data do not determine, as a and d in a*d*exp(-b*x)), the step in the directions the data do
 * determine: J^T J scaled to a unit diagonal, D^-1 J^T J D^-1, plus RIDGE I. J^T r has no
 * component along the undetermined directions, so they get almost none of the step, and the
 * determined ones are changed by about RIDGE over their eigenvalue.
 */
export function gaussNewtonStep(JtJ: Float64Array, Jtr: Float64Array, n: number): Float64Array | null {
  const plain = solveCholesky(JtJ, Jtr, n);
  if (plain) return plain;
  const D = Array.from({ length: n }, (_, i) => (JtJ[i * n + i] > 0 ? Math.sqrt(JtJ[i * n + i]) : 1));
  const A = JtJ.map((v, k) => v / (D[Math.floor(k / n)] * D[k % n]) + (Math.floor(k / n) === k % n ? RIDGE : 0));
  const y = solveCholesky(A, Jtr.map((v, i) => v / D[i]), n);
  return y && y.map((v, i) => v / D[i]);
}

export function cancelled(): Stop {
  return { reason: 'cancelled', message: stopMessage('cancelled') };
}
