/**
 * The digits net for M models at once: each model's loss equals the float64 reference, and its
 * gradient (one backward pass for all models) equals central differences of the float64 loss.
 * The models see the same examples, as the trainer gives them.
 */
import { describe, expect, test } from 'vitest';
import { gradientByDifferences } from '../../testing/float64';
import { createRandom } from '../random';
import { NODE_BACKENDS, onBackend } from '../test-backends';
import { tf } from '../tf';
import type { DigitsLoss } from '../../catalog';
import { initialParams, logits, meanLoss, CLASSES } from './digits-net';
import { lossAndGradient, modelMajor, splitWeights } from './digits-net-gradient';
import { meanLoss64 } from './digits-net.float64';

const shape = { inputs: 5, hidden: 4 };
const M = 3;
const B = 6;
const random = createRandom(3);
/** Three models: two Xavier draws and one scaled up, so that tanh saturates and softmax is sharp. */
const models = [initialParams(shape, random.next), initialParams(shape, random.next), initialParams(shape, random.next).map((v) => 4 * v)];
const x = Array.from({ length: B * shape.inputs }, () => random.normal());
const y = Array.from({ length: B }, () => Math.floor(random.next() * CLASSES));

describe.each(NODE_BACKENDS)('on %s', (backend) => {
  onBackend(backend);

  test.each(['cross-entropy', 'seed'] as DigitsLoss[])('%s: losses and gradients of 3 models against float64', (loss) => {
    const before = tf.memory().numTensors;
    const P = tf.tensor2d(models.map((p) => Array.from(p)));
    const x1 = tf.tensor2d(x, [B, shape.inputs]);
    const y1 = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES), 'float32')) as tf.Tensor2D;
    // Autodiff of digits-net.ts takes each model's own rows: here the same rows, M times.
    const X = tf.tidy(() => tf.tile(tf.expandDims(x1, 0), [M, 1, 1])) as tf.Tensor3D;
    const Y = tf.tidy(() => tf.tile(tf.expandDims(y1, 0), [M, 1, 1])) as tf.Tensor3D;
    let losses: ArrayLike<number> = [];
    const G = tf.grad((Q: tf.Tensor) => {
      const l = meanLoss(logits(shape, Q as tf.Tensor2D, X), Y, loss);
      losses = l.dataSync();
      return tf.sum(l);
    })(P);
    const grads = G.arraySync() as number[][];
    // The hand-written backpropagation the trainer uses gives the same losses and gradients
    // (1e-5 of the largest entry: the same float32 arithmetic in another order).
    const weights = splitWeights(shape, P);
    const hand = lossAndGradient(weights, x1, y1, loss);
    const handLoss = hand.loss.dataSync();
    const rows = modelMajor(hand.grad);
    const handGrad = rows.arraySync();
    tf.dispose([P, x1, y1, X, Y, G, hand.loss, rows, ...Object.values(hand.grad), ...Object.values(weights)]);
    models.forEach((_, m) => {
      expect(Math.abs(handLoss[m] - losses[m]) / losses[m]).toBeLessThan(1e-5);
      const scale = Math.max(...grads[m].map(Math.abs));
      expect(Math.max(...handGrad[m].map((g, k) => Math.abs(g - grads[m][k]))) / scale).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
    models.forEach((p, m) => {
      const f = (q: ArrayLike<number>) => meanLoss64(shape, q, x, y, loss);
      // float32 against float64: 1e-5 relative (losses of order 1).
      expect(Math.abs(losses[m] - f(p)) / f(p)).toBeLessThan(1e-5);
      // Central differences, h = 1e-5: truncation ~h^2, round-off ~1e-16 / h; the float32
      // gradient against them within 1e-4 of the largest entry.
      const fd = gradientByDifferences(f, p, 1e-5);
      const scale = Math.max(...fd.map(Math.abs));
      expect(Math.max(...grads[m].map((g, k) => Math.abs(g - fd[k]))) / scale).toBeLessThan(1e-4);
    });
  });
});

test("the seed's loss cannot go below log(e + 9) - 1 = 1.4611 (softmax outputs used as logits)", () => {
  // A perfectly confident model: its softmax output is one-hot, the best the seed's loss can see.
  const confident = meanLoss64({ inputs: 1, hidden: 1 }, [0, 0, ...Array(10).fill(0), 1000, ...Array(9).fill(0)], [0], [0], 'seed');
  expect(confident).toBeCloseTo(Math.log(Math.E + 9) - 1, 10);
});
