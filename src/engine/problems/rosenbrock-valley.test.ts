import { describe, expect, test } from 'vitest';
import { createOracle } from '../autodiff/oracle';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import { expectNear as near } from '../../testing/expect-close';
import { createRosenbrockValley, valley64 } from './rosenbrock-valley';
import { grad64, hess64, jac64 } from './rosenbrock-valley.float64';

const POINTS = [[-1.2, 1], [1, 1], [0.3, -0.7], [2, 3]];

describe('the valley: closed forms', () => {
  test('classic values: f(-1.2, 1) = 24.2, grad = (-215.6, -88), H(1, 1) = [[802, -400], [-400, 200]]', () => {
    expect(valley64(-1.2, 1)).toBeCloseTo(24.2, 12);
    grad64([-1.2, 1]).forEach((g, i) => expect(g).toBeCloseTo([-215.6, -88][i], 10));
    expect(hess64([1, 1])).toEqual([[802, -400], [-400, 200]]);
  });
});

describe.each(NODE_BACKENDS)('rosenbrock-valley on %s', (backend) => {
  onBackend(backend);

  // float32 evaluation: relative 1e-5 for values and derivatives.
  test.each(POINTS)('loss, gradient, Hessian-vector product and Jacobian at (%d, %d)', (x, y) => {
    const problem = createRosenbrockValley();
    const oracle = createOracle(problem);
    const before = tf.memory().numTensors;
    const p = tf.tensor1d([x, y]);
    const v = tf.tensor1d([0.7, -1.3]);
    near(oracle.loss(p), valley64(x, y), 1e-5);
    const { grad } = oracle.valueAndGrad(p);
    grad64([x, y]).forEach((g, i) => near(grad.dataSync()[i], g, 1e-5));
    const HvT = oracle.hvp(p, v);
    const Hv = HvT.dataSync();
    const H = hess64([x, y]);
    [0, 1].forEach((i) => near(Hv[i], H[i][0] * 0.7 + H[i][1] * -1.3, 1e-5));
    const { r, J, loss } = oracle.residualsAndJacobian(p);
    near(r[0], 1 - x, 1e-6);
    near(r[1], 10 * (y - x * x), 1e-5);
    jac64([x, y]).forEach((row, i) => row.forEach((Jij, j) => near(J[i * 2 + j], Jij, 1e-5)));
    near(loss, valley64(x, y), 1e-5);
    tf.dispose([p, v, grad, HvT]);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });
});
