/** Test-only float64 reference of the digits net's loss for one model, in plain JavaScript. */
import type { DigitsLoss } from '../../catalog';
import { CLASSES, layout, type NetShape } from './digits-net';

/** Mean loss of flat parameters p on rows x (B x d, row-major) with labels y. */
export function meanLoss64(shape: NetShape, p: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, loss: DigitsLoss): number {
  const { inputs: d, hidden: h } = shape;
  const [w1, b1, w2, b2] = layout(shape);
  const B = y.length;
  let total = 0;
  for (let n = 0; n < B; n++) {
    const hidden = Array.from({ length: h }, (_, j) => {
      let s = p[b1.at + j];
      for (let i = 0; i < d; i++) s += x[n * d + i] * p[w1.at + i * h + j];
      return Math.tanh(s);
    });
    let z = Array.from({ length: CLASSES }, (_, c) => hidden.reduce((s, hj, j) => s + hj * p[w2.at + j * CLASSES + c], p[b2.at + c]));
    if (loss === 'seed') {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      z = e.map((v) => v / sum);
    }
    const m = Math.max(...z);
    total += m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) - z[y[n]];
  }
  return total / B;
}
