/**
 * Chapter 5's minibatches: training rows drawn with replacement and copied into place in
 * JavaScript, which is cheaper than a gather kernel (measured: the gather took 15% of a step on
 * wasm). The pixels go in as the tensors hold them: float64 on the float64 backend.
 */
import { CLASSES } from './digits-net';
import type { DigitsSplit } from './digits-data';
import { tf } from '../tf';

/** Returns draw(count, next): `count` rows picked by `next` (uniform in [0, 1)), as pixels [count, d] and one-hot labels [count, 10]. */
export function createDrawer(data: DigitsSplit) {
  const pixels = tf.storedValues(data.xTrain);
  const d = data.features;
  const nTrain = data.yTrain.length;
  return (count: number, next: () => number): [tf.Tensor2D, tf.Tensor2D] => {
    const x = tf.storedZeros(count * d);
    const y = new Float32Array(count * CLASSES);
    for (let i = 0; i < count; i++) {
      const row = Math.floor(next() * nTrain);
      x.set(pixels.subarray(row * d, (row + 1) * d), i * d);
      y[i * CLASSES + data.yTrain[row]] = 1;
    }
    return [tf.tensor2d(x, [count, d]), tf.tensor2d(y, [count, CLASSES])];
  };
}
