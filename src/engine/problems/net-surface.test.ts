import { describe, expect, test } from 'vitest';
import { onBackend } from '../test-backends';
import { tf } from '../tf';
import { createNetOnRosenbrock, netOnRosenbrockSetup, type NetData } from './net-on-rosenbrock';
import { net64 } from './net-on-rosenbrock.float64';
import { rosenbrock } from './rosenbrock-fit';

describe('the net predicted surface (chapter 3)', () => {
  onBackend('cpu');

  test('is the float64 forward pass on the grid, beside the true Rosenbrock surface', () => {
    const problem = createNetOnRosenbrock({ seed: 3 });
    const p = netOnRosenbrockSetup({ seed: 3 }).initialParams;
    const before = tf.memory().numTensors;
    const n = 9;
    const s = problem.predictSurface!(p, n);
    expect(tf.memory().numTensors).toBe(before);
    expect(s.x[0]).toBe(-2);
    expect(s.x[n - 1]).toBe(2);
    // Reference: residual r = z - zhat of the float64 net on the same points, so zhat = z - r.
    const grid: NetData = { x: [], y: [], z: [] };
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        grid.x.push(s.x[i]);
        grid.y.push(s.y[j]);
        grid.z.push(rosenbrock(s.x[i], s.y[j], 2.5, 2.5));
      }
    }
    const r = net64(grid, 10).residuals(p);
    grid.z.forEach((z, k) => {
      expect(s.truth[k]).toBe(z);
      // float32 net: within 1e-4 of the float64 prediction (outputs are O(1) at the start; z up to 110).
      expect(Math.abs(s.prediction[k] - (z - r[k]))).toBeLessThan(1e-4 * Math.max(1, Math.abs(z)));
    });
    problem.dispose();
  });
});
