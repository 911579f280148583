import { describe, expect, test } from 'vitest';
import { createOracle } from '../autodiff/oracle';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import { createRosenbrockFit } from './rosenbrock-fit';
import { lossSurface } from './surface';
import { grad64, hessian64, jacobian64, loss64, residuals64 } from './rosenbrock-fit.float64';
import { expectNear as near } from '../../testing/expect-close';
import { centralDifference } from '../../testing/float64';

const POINTS = [[5, 5], [2.5, 2.5], [-1, 3], [0.3, -2]];

describe('float64 reference: closed forms agree with central differences', () => {
  // Central differences with h = 1e-5 in float64 are accurate to about 1e-9 relative here.
  test.each(POINTS)('at (%d, %d)', (a, b) => {
    const p = [a, b];
    expect(loss64([5, 5])).toBeCloseTo(3868.2291666666665, 10);
    [0, 1].forEach((k) => near(grad64(p)[k], centralDifference(loss64, p, k), 1e-7));
    [0, 1].forEach((j) => [0, 1].forEach((k) => near(hessian64(p)[j][k], centralDifference((q) => grad64(q)[k], p, j), 1e-7)));
    residuals64(p).forEach((_, i) =>
      [0, 1].forEach((k) => near(jacobian64(p)[i][k], centralDifference((q) => residuals64(q)[i], p, k), 1e-6)),
    );
  });
});

describe.each(NODE_BACKENDS)('rosenbrock-fit on %s matches the float64 reference', (backend) => {
  onBackend(backend);

  // tfjs computes in float32: values agree with float64 to a few float32 ulps (relative 1e-6);
  // derivatives go through more float32 operations, so 1e-5.
  test.each(POINTS)('loss, gradient, Hessian and residual Jacobian at (%d, %d)', (a, b) => {
    const problem = createRosenbrockFit();
    const oracle = createOracle(problem);
    const before = tf.memory().numTensors;
    const p = tf.tensor1d([a, b]);
    near(oracle.loss(p), loss64([a, b]), 1e-6);
    const { loss, grad } = oracle.valueAndGrad(p);
    near(loss, loss64([a, b]), 1e-6);
    const g = grad.dataSync();
    [0, 1].forEach((k) => near(g[k], grad64([a, b])[k], 1e-5));
    const H = oracle.hessian(p);
    [0, 1].forEach((j) => [0, 1].forEach((k) => near(H[j * 2 + k], hessian64([a, b])[j][k], 1e-5)));
    const { r, J, m } = oracle.residualsAndJacobian(p);
    expect(m).toBe(9);
    residuals64([a, b]).forEach((ri, i) => near(r[i], ri, 1e-6));
    jacobian64([a, b]).forEach((Ji, i) => Ji.forEach((Jik, k) => near(J[i * 2 + k], Jik, 1e-6)));
    expect(oracle.counts).toEqual({ f: 1, grad: 1, hvp: 2, jac: 1 });
    tf.dispose([p, grad]);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });
});

describe('the contour surface', () => {
  test('is the float64 loss on the grid (to float64 round-off, 1e-14 relative)', () => {
    const s = lossSurface('rosenbrock-fit', [0, 6], [-1, 5], 7)!;
    expect(s.x[3]).toBe(3);
    expect(s.y[6]).toBe(5);
    near(s.z[6 * 7 + 5], loss64([5, 5]), 1e-14);
    near(s.z[3 * 7 + 1], loss64([1, 2]), 1e-14);
  });
});
