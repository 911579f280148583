/**
 * Curvature at one point of a typed f(x, y) or f(x, y, z) (seed 004): the value, the gradient, the
 * Hessian, a Hessian-vector product, and H^-1 g twice, by a dense solve and by conjugate gradient.
 *
 *   g(p) = grad f(p)                       one backward pass
 *   H v  = grad_p ( grad f(p) . v )        double backprop: H is never formed for it
 *   H    = [H e_1, ..., H e_n]             n such products, symmetrised ((H + H^T) / 2)
 *   H^-1 g                                 dense LU in float64 (undamped; singular H is a value)
 *   (H + damping I) x = g                  CG from x_0 = 0, each product a double backprop
 *
 * CG's trace records, after each iteration k, the relative residual |g - (H + damping I) x_k| / |g|
 * and the relative distance |x_k - x*| / |x*| to x*, the dense damped solution; both are taken in
 * float64 with the dense H, so on float32 they show how far float32 products let CG go. When CG
 * meets a direction with p^T (H + damping I) p <= 0 it stops and says so: H + damping I is then not
 * positive definite at the point, and its inverse times g need not point downhill.
 *
 * The variables are x and y, and z when the formula uses it (src/formula's checkPointFunction): the
 * point has two or three numbers in that order. Everything runs on the current tfjs backend: on
 * cpu64 in float64 (the seed's numbers to round-off), elsewhere in float32 (points and vectors are
 * rounded to float32 where they enter tensors). Results are plain float64 numbers; no tensor stays.
 */
import { hasSymbol, type Node } from '../../formula';
import { checkPointFunction, type CheckedPointFunction } from '../../formula/problems';
import { compileFormula } from '../formula/compile';
import { CG_ITERATIONS, pointRequestFault, type CGIterate, type PointOutcome, type PointReport, type PointRequest } from '../../catalog';
import { conjugateGradient } from '../linalg/cg';
import { symmetricEigen } from '../linalg/eigen';
import { addDiagonal, norm2, solveLU } from '../linalg/dense';
import { tf } from '../tf';

/** f and its derivatives at any point, for one checked formula (compiled once). */
export interface PointOracle {
  /** x, y (and z): the coordinates of a point, in order. */
  variables: readonly string[];
  dim: number;
  valueAndGrad(at: ArrayLike<number>): { value: number; grad: Float64Array };
  /** H v by double backprop at `at`. */
  hvp(at: ArrayLike<number>, v: ArrayLike<number>): Float64Array;
  /** The dense Hessian, row-major n x n, one Hessian-vector product per column, symmetrised. */
  hessian(at: ArrayLike<number>): Float64Array;
}

/** Reads a tensor out as float64 numbers and disposes it. */
function take(t: tf.Tensor): Float64Array {
  const values = Float64Array.from(t.dataSync());
  t.dispose();
  return values;
}

export function createPointOracle({ tree, variables }: { tree: Node; variables: readonly string[] }): PointOracle {
  const dim = variables.length;
  // A formula without a variable is one number: tf.grad refuses a function that ignores its input.
  if (!hasSymbol(tree)) {
    const value = take(compileFormula(tree, variables)({}))[0];
    return { variables, dim, valueAndGrad: () => ({ value, grad: new Float64Array(dim) }), hvp: () => new Float64Array(dim), hessian: () => new Float64Array(dim * dim) };
  }
  const f = compileFormula(tree, variables);
  const loss = (p: tf.Tensor) => {
    const parts = tf.unstack(p);
    return tf.reshape(f(Object.fromEntries(variables.map((name, k) => [name, parts[k]]))), []) as tf.Scalar;
  };
  const gradOf = tf.grad(loss);
  const point = (at: ArrayLike<number>) => tf.tensor1d(Float64Array.from(at));
  const hvp = (at: ArrayLike<number>, v: ArrayLike<number>) =>
    take(
      tf.tidy(() => {
        const vt = point(v);
        return tf.grad((q: tf.Tensor) => tf.sum(tf.mul(gradOf(q), vt)))(point(at));
      }),
    );
  return {
    variables,
    dim,
    valueAndGrad(at) {
      const { value, grad } = tf.tidy(() => tf.valueAndGrad(loss)(point(at)));
      return { value: take(value)[0], grad: take(grad) };
    },
    hvp,
    hessian(at) {
      const H = new Float64Array(dim * dim);
      for (let j = 0; j < dim; j++) {
        const e = new Float64Array(dim);
        e[j] = 1;
        const column = hvp(at, e);
        for (let i = 0; i < dim; i++) H[i * dim + j] = column[i];
      }
      // The two halves come from different backward passes and may differ in the last bits.
      for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) H[i * dim + j] = H[j * dim + i] = (H[i * dim + j] + H[j * dim + i]) / 2;
      return H;
    },
  };
}

/** H^-1 g by dense LU in float64, or why it does not exist. */
export type DenseSolve = { x: Float64Array; singular?: undefined } | { x: null; singular: string };

export function solveDense(H: ArrayLike<number>, g: ArrayLike<number>, n: number): DenseSolve {
  const x = solveLU(H, g, n);
  return x ? { x } : { x: null, singular: 'H is singular at this point (LU meets a zero pivot): H^-1 g does not exist here. CG on H + damping I, with damping > 0, still gives an answer.' };
}

export interface PointCG {
  /** CG's answer after its iterations (where it stopped on negative curvature; g itself if at once). */
  x: Float64Array;
  /** Iterations made (fewer than asked when the residual fell below the tolerance first). */
  iterations: number;
  /** One entry per iteration made. */
  trace: CGIterate[];
  /** x*, the dense float64 solution of (H + damping I) x = g, or null if that matrix is singular (distances are then NaN). */
  exact: Float64Array | null;
  /** When CG met negative curvature: what that means, in a sentence a page can show. */
  negativeCurvature?: string;
}

export interface CGSettings {
  iterations: number;
  damping: number;
  /**
   * CG stops once its residual is below tol |g|. Default: 1e-10 in float64; 1e-6 in float32,
   * whose products carry ~1e-7 relative error: past that CG only stirs round-off, and a product of
   * noise can even look like negative curvature.
   */
  tol?: number;
}

/** The residual's default stopping tolerance on the current backend (see CGSettings.tol). */
export const defaultCGTolerance = () => (tf.precisionName() === 'float64' ? 1e-10 : 1e-6);

/**
 * CG on (H + damping I) x = g at `at`, each product by double backprop (as Newton-CG does). `H` is the
 * dense Hessian at the same point (oracle.hessian): it gives x* and the trace's true residuals.
 */
export function cgAtPoint(oracle: PointOracle, at: ArrayLike<number>, H: ArrayLike<number>, g: ArrayLike<number>, { iterations, damping, tol = defaultCGTolerance() }: CGSettings): PointCG {
  const n = oracle.dim;
  const A = addDiagonal(H, damping, n);
  const exact = solveLU(A, g, n);
  const gNorm = norm2(g);
  const exactNorm = exact ? norm2(exact) : NaN;
  const trace: CGIterate[] = [];
  // The last product, for the curvature p^T A p / p^T p that stops CG when it is not positive.
  let curvature = NaN;
  const operator = {
    dim: n,
    apply(p: Float64Array) {
      const Ap = Float64Array.from(oracle.hvp(at, p), (h, i) => h + damping * p[i]);
      curvature = dot(p, Ap) / dot(p, p);
      return Ap;
    },
  };
  const onIteration = (_k: number, x: Float64Array) => {
    const Ax = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Ax[i] += A[i * n + j] * x[j];
    const residual = norm2(Array.from(g, (gi, i) => gi - Ax[i])) / gNorm;
    const distance = exact ? norm2(Array.from(x, (xi, i) => xi - exact[i])) / (exactNorm > 0 ? exactNorm : 1) : NaN;
    trace.push({ residual, distance });
  };
  const result = conjugateGradient(operator, Float64Array.from(g), iterations, tol, { onIteration });
  const out: PointCG = { x: result.x, iterations: result.iterations, trace, exact };
  if (result.negativeCurvature) out.negativeCurvature = negativeCurvatureMessage(result.iterations + 1, curvature, damping);
  return out;
}

/**
 * What CG's stop on curvature means, for a page: "CG met negative curvature at iteration 1: along
 * its search direction p, p^T H p / p^T p = -2, so H is not positive definite here and H^-1 g need
 * not be a descent direction." (zero curvature, H singular along p, says so; damping is named).
 */
export function negativeCurvatureMessage(iteration: number, curvature: number, damping: number): string {
  const A = damping > 0 ? `H + ${damping} I` : 'H';
  const kind = curvature < 0 ? 'negative' : 'zero';
  const quotient = damping > 0 ? `p^T (${A}) p / p^T p` : 'p^T H p / p^T p';
  const solution = damping > 0 ? `(${A})^-1 g` : 'H^-1 g';
  return `CG met ${kind} curvature at iteration ${iteration}: along its search direction p, ${quotient} = ${Number(curvature.toPrecision(6))}, so ${A} is not positive definite here and ${solution} need not be a descent direction.`;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Checks the request, then computes at the point on the current backend. Nothing throws for bad input. */
export function curvatureAtPoint(request: PointRequest): PointOutcome {
  const checked = checkPointFunction(request.f);
  if (!checked.ok) return { ok: false, field: 'f', message: checked.error.message };
  const fault = pointRequestFault(request, checked.value.variables);
  if (fault) return { ok: false, ...fault };
  return { ok: true, report: computeAt(checked.value, request, request.cgIters ?? CG_ITERATIONS.default, request.damping ?? 0) };
}

function computeAt(f: CheckedPointFunction, { at, v, g }: PointRequest, cgIters: number, damping: number): PointReport {
  const oracle = createPointOracle(f);
  const n = oracle.dim;
  const { value, grad } = oracle.valueAndGrad(at);
  const H = oracle.hessian(at);
  const report: PointReport = {
    variables: [...f.variables],
    precision: tf.precisionName(),
    value,
    grad: Array.from(grad),
    hessian: Array.from({ length: n }, (_, i) => Array.from(H.subarray(i * n, (i + 1) * n))),
    eigenvalues: Array.from(symmetricEigen(H, n).values),
  };
  if (v) report.hvp = Array.from(oracle.hvp(at, v));
  if (g) {
    const solve = solveDense(H, g, n);
    report.solve = solve.x && Array.from(solve.x);
    if (solve.singular) report.singular = solve.singular;
    const cg = cgAtPoint(oracle, at, H, g, { iterations: cgIters, damping });
    report.cg = Array.from(cg.x);
    report.cgIterations = cg.iterations;
    report.cgExact = cg.exact && Array.from(cg.exact);
    report.cgTrace = cg.trace;
    if (cg.negativeCurvature) report.negativeCurvature = cg.negativeCurvature;
  }
  return report;
}
