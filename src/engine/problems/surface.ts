/**
 * The loss over a grid of 2-parameter points, in float64 JS, for the contour view. It is the
 * problem's own formula evaluated exactly, not the float32 engine, so the picture has no noise.
 */
import { DEFAULT_FORMULA_PRESET, type ProblemId } from '../../catalog';
import { evaluate } from '../../formula';
import { checkFunction } from '../../formula/problems';
import { rosenbrock, rosenbrockFitData, ROSENBROCK_FIT_DEFAULTS } from './rosenbrock-fit';
import { valley64 } from './rosenbrock-valley';

export interface Surface {
  x: Float64Array;
  y: Float64Array;
  /** Row-major, z[j * x.length + i] = loss(x[i], y[j]). */
  z: Float64Array;
}

/** Two-parameter problems only: a net's loss has no picture over two axes. */
const LOSS64: Partial<Record<ProblemId, (p0: number, p1: number) => number>> = {
  'rosenbrock-fit': (() => {
    const { x, y, z } = rosenbrockFitData(ROSENBROCK_FIT_DEFAULTS);
    return (a: number, b: number) => {
      let s = 0;
      for (let i = 0; i < z.length; i++) s += (z[i] - rosenbrock(x[i], y[i], a, b)) ** 2;
      return s / z.length;
    };
  })(),
  'rosenbrock-valley': valley64,
};

/** f(x, y) of a formula by the float64 evaluator; null when it does not check. */
function formula64(text: string): ((x: number, y: number) => number) | null {
  const checked = checkFunction(text);
  if (!checked.ok) return null;
  const { tree } = checked.value;
  return (x, y) => evaluate(tree, { x, y });
}

/** `formula`: the text of f(x, y), for the problem 'formula'. */
export function lossSurface(problem: ProblemId, [x0, x1]: [number, number], [y0, y1]: [number, number], n: number, formula?: string): Surface | null {
  const f = problem === 'formula' ? formula64(formula ?? DEFAULT_FORMULA_PRESET.f) : LOSS64[problem];
  if (!f) return null;
  const x = Float64Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const y = Float64Array.from({ length: n }, (_, j) => y0 + ((y1 - y0) * j) / (n - 1));
  const z = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[j * n + i] = f(x[i], y[j]);
  return { x, y, z };
}
