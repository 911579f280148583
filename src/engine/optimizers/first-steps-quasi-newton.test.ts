/**
 * The first steps of BFGS and L-BFGS on chapters 1 and 2 against a float64 hand computation: the
 * closed-form loss and gradient (rosenbrock-fit.float64, rosenbrock-valley.float64), and the
 * methods and their line search written again here on plain arrays, from the rules the files
 * state (N&W Algorithms 3.5 and 3.6; 6.1 with eq. 6.20; 7.4). The runs go through createRun.
 *
 * The four steps cover both phases of the search: the first step zooms (5 trials beyond the
 * accepted one on chapter 1, 7 on chapter 2), the second takes 2 more on chapter 2, and the rest
 * take the step alpha = 1. BFGS and L-BFGS agree for two steps (one pair: the same H) and part
 * from the third.
 *
 * Tolerances: on the float32 backends, relative 1e-5 on the parameters (the zoom's cubics are
 * solved from float32 losses and gradients; measured at most 8e-7 on chapter 1 and 4e-6 on
 * chapter 2); on cpu64 (float64) 1e-12 (the engine and the reference round in different orders;
 * measured at most 1.1e-15). The trials beyond the accepted one (drawn as rejected steps) are
 * compared exactly.
 */
import { describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND, type Hyperparameters, type OptimizerId, type ProblemId } from '../../catalog';
import { runToEnd } from '../../testing/run-to-end';
import { grad64 as fitGrad, loss64 as fitLoss } from '../problems/rosenbrock-fit.float64';
import { valley64 } from '../problems/rosenbrock-valley';
import { grad64 as valleyGrad } from '../problems/rosenbrock-valley.float64';
import { NODE_BACKENDS } from '../test-backends';
import { onBackend } from '../test-backends';

const STEPS = 4;
type Vec = number[];
const dot = (a: Vec, b: Vec) => a.reduce((s, ai, i) => s + ai * b[i], 0);
const axpy = (alpha: number, x: Vec, y: Vec) => y.map((yi, i) => yi + alpha * x[i]);

interface Fn {
  f: (p: Vec) => number;
  g: (p: Vec) => Vec;
}

/** N&W Algorithms 3.5 (alpha = 1, 2, 4, ...) and 3.6 (cubic eq. 3.59 kept 0.1 of the bracket inside it). */
function lineSearch({ f, g }: Fn, p: Vec, d: Vec): { alpha: number; trials: number } {
  const [c1, c2] = [1e-4, 0.9];
  const phi = (alpha: number) => ({ alpha, phi: f(axpy(alpha, d, p)), dphi: dot(g(axpy(alpha, d, p)), d) });
  type T = ReturnType<typeof phi>;
  const at0 = { alpha: 0, phi: f(p), dphi: dot(g(p), d) };
  const ok = (t: T) => t.phi <= at0.phi + c1 * t.alpha * at0.dphi;
  const flat = (t: T) => Math.abs(t.dphi) <= -c2 * at0.dphi;
  let trials = 0;
  const zoom = (lo: T, hi: T): number => {
    for (;;) {
      let alpha: number;
      const [a, b] = [Math.min(lo.alpha, hi.alpha), Math.max(lo.alpha, hi.alpha)];
      if (!Number.isFinite(hi.phi)) alpha = lo.alpha + 0.1 * (hi.alpha - lo.alpha);
      else {
        const d1 = lo.dphi + hi.dphi - (3 * (lo.phi - hi.phi)) / (lo.alpha - hi.alpha);
        const disc = d1 * d1 - lo.dphi * hi.dphi;
        if (disc < 0) alpha = (a + b) / 2;
        else {
          const d2 = Math.sign(hi.alpha - lo.alpha) * Math.sqrt(disc);
          const cubic = hi.alpha - ((hi.alpha - lo.alpha) * (hi.dphi + d2 - d1)) / (hi.dphi - lo.dphi + 2 * d2);
          alpha = Math.min(Math.max(cubic, a + 0.1 * (b - a)), b - 0.1 * (b - a));
        }
      }
      const t = phi(alpha);
      trials++;
      if (!ok(t) || t.phi >= lo.phi) hi = t;
      else {
        if (flat(t)) return t.alpha;
        if (t.dphi * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = t;
      }
    }
  };
  let previous = at0;
  for (let alpha = 1; ; alpha *= 2) {
    const t = phi(alpha);
    trials++;
    if (!ok(t) || (previous.alpha > 0 && t.phi >= previous.phi)) return { alpha: zoom(previous, t), trials };
    if (flat(t)) return { alpha, trials };
    if (t.dphi >= 0) return { alpha: zoom(t, previous), trials };
    previous = t;
  }
}

/** The parameters after each of n steps, and each step's trials beyond the accepted one. */
type Hand = (fn: Fn, p0: Vec, n: number) => { params: Vec[]; rejected: number[] };

/** BFGS with a 2 x 2 H as nested arrays and the update written as the product of eq. 6.17. */
const bfgsHand: Hand = (fn, p0, n) => {
  let [p, H] = [p0, [[1, 0], [0, 1]]];
  const out = { params: [] as Vec[], rejected: [] as number[] };
  for (let k = 0; k < n; k++) {
    const g = fn.g(p);
    const d = H.map((row) => -dot(row, g));
    const { alpha, trials } = lineSearch(fn, p, d);
    const next = axpy(alpha, d, p);
    const s = next.map((v, i) => v - p[i]);
    const y = fn.g(next).map((v, i) => v - g[i]);
    const rho = 1 / dot(y, s);
    if (k === 0) H = [[dot(y, s) / dot(y, y), 0], [0, dot(y, s) / dot(y, y)]];
    const left = [0, 1].map((i) => [0, 1].map((j) => (i === j ? 1 : 0) - rho * s[i] * y[j]));
    const LH = [0, 1].map((i) => [0, 1].map((j) => left[i][0] * H[0][j] + left[i][1] * H[1][j]));
    H = [0, 1].map((i) => [0, 1].map((j) => LH[i][0] * left[j][0] + LH[i][1] * left[j][1] + rho * s[i] * s[j]));
    [p] = [next];
    out.params.push(p);
    out.rejected.push(trials - 1);
  }
  return out;
};

/** L-BFGS (memory 10 > steps: every pair kept) by the two-loop recursion. */
const lbfgsHand: Hand = (fn, p0, n) => {
  let p = p0;
  const pairs: { s: Vec; y: Vec }[] = [];
  const out = { params: [] as Vec[], rejected: [] as number[] };
  for (let k = 0; k < n; k++) {
    const g = fn.g(p);
    let q = g;
    const a: number[] = [];
    for (let i = pairs.length - 1; i >= 0; i--) {
      a[i] = dot(pairs[i].s, q) / dot(pairs[i].y, pairs[i].s);
      q = axpy(-a[i], pairs[i].y, q);
    }
    const last = pairs[pairs.length - 1];
    let r = q.map((qi) => (last ? (dot(last.s, last.y) / dot(last.y, last.y)) * qi : qi));
    for (let i = 0; i < pairs.length; i++) r = axpy(a[i] - dot(pairs[i].y, r) / dot(pairs[i].y, pairs[i].s), pairs[i].s, r);
    const d = r.map((v) => -v);
    const { alpha, trials } = lineSearch(fn, p, d);
    const next = axpy(alpha, d, p);
    pairs.push({ s: next.map((v, i) => v - p[i]), y: fn.g(next).map((v, i) => v - g[i]) });
    p = next;
    out.params.push(p);
    out.rejected.push(trials - 1);
  }
  return out;
};

const CASES: [ProblemId, Vec, Fn][] = [
  ['rosenbrock-fit', [5, 5], { f: fitLoss, g: fitGrad }],
  ['rosenbrock-valley', [-1.2, 1], { f: ([x, y]) => valley64(x, y), g: valleyGrad }],
];
const HANDS: [OptimizerId, Hand][] = [['bfgs', bfgsHand], ['lbfgs', lbfgsHand]];

describe.each([...NODE_BACKENDS, FLOAT64_BACKEND] as const)('first steps of BFGS and L-BFGS on %s', (backend) => {
  onBackend(backend);
  const tolerance = backend === FLOAT64_BACKEND ? 1e-12 : 1e-5;

  test.each(CASES.flatMap(([problem, start, fn]) => HANDS.map(([optimizer, hand]) => [problem, optimizer, start, fn, hand] as const)))(
    '%s / %s',
    (problem, optimizer, start, fn, hand) => {
      const hp: Hyperparameters = optimizer === 'lbfgs' ? { memory: 10 } : {};
      const records = runToEnd({ problem, optimizer, hp, start, maxSteps: STEPS, targetLoss: 0 }).records.slice(1);
      const expected = hand(fn, start, STEPS);
      expect(records).toHaveLength(STEPS);
      records.forEach((r, k) => {
        expected.params[k].forEach((pi, i) => expect(Math.abs(r.params[i] - pi), `step ${k + 1} p${i}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(pi))));
        expect(r.rejected, `step ${k + 1} rejected`).toBe(expected.rejected[k]);
      });
    },
  );
});
