/**
 * The functions chapter 7 offers to start from: the classic test functions of optimization, and
 * seed 004's. Each with a start, the view the contour shows (it holds the start and the minima)
 * and its minima, marked on the contour.
 */
export interface FormulaPreset {
  name: string;
  f: string;
  start: [number, number];
  xRange: [number, number];
  yRange: [number, number];
  minima: [number, number][];
}

export const FORMULA_PRESETS: readonly FormulaPreset[] = [
  { name: 'Himmelblau', f: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', start: [0, 0], xRange: [-5, 5], yRange: [-5, 5], minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]] },
  { name: 'Rosenbrock', f: '(1 - x)^2 + 100*(y - x^2)^2', start: [-1.2, 1], xRange: [-2, 2], yRange: [-1, 3], minima: [[1, 1]] },
  { name: 'Beale', f: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2', start: [1, 1], xRange: [-4.5, 4.5], yRange: [-4.5, 4.5], minima: [[3, 0.5]] },
  { name: 'Booth', f: '(x + 2*y - 7)^2 + (2*x + y - 5)^2', start: [-5, 5], xRange: [-10, 10], yRange: [-10, 10], minima: [[1, 3]] },
  { name: 'Matyas', f: '0.26*(x^2 + y^2) - 0.48*x*y', start: [8, -6], xRange: [-10, 10], yRange: [-10, 10], minima: [[0, 0]] },
  { name: 'Three-hump camel', f: '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2', start: [2, -1.5], xRange: [-5, 5], yRange: [-5, 5], minima: [[0, 0]] },
  {
    name: 'Goldstein-Price',
    f: '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
    start: [-1, 1],
    xRange: [-2, 2],
    yRange: [-2, 2],
    minima: [[0, -1]],
  },
  { name: 'Rastrigin', f: '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)', start: [2.3, -1.7], xRange: [-5.12, 5.12], yRange: [-5.12, 5.12], minima: [[0, 0]] },
  { name: "Seed 004's x^3 + 2xy + y^2 - x", f: 'x^3 + 2*x*y + y^2 - x', start: [1, 1], xRange: [-1, 3], yRange: [-3, 2], minima: [[1, -1]] },
];

/** The chapter's default: Himmelblau's four minima show where each method goes. */
export const DEFAULT_FORMULA_PRESET = FORMULA_PRESETS[0];
