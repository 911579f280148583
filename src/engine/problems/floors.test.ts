/**
 * The floor lines drawn on the charts are computed from the problem in use: the smallest nonzero
 * loss the engine computes at the grid points of a precision within 8 grid steps of the minimiser
 * in each coordinate (float32 on the cpu backend, float64 on cpu64). Chapters 1 and 2 have fixed
 * data, so one number serves every link; chapter 4's floors are a measured stall that depends on
 * the seeded data, so they name their seed and are drawn for that seed only (ui/precision-control).
 */
import { describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND, PROBLEMS, type ProblemId, type RunPrecision } from '../../catalog';
import { switchBackend } from '../backend';
import { tf } from '../tf';
import { createProblem } from '.';

const WINDOW = 8;

/** x moved k representable numbers along the precision's grid. */
function gridStep(x: number, k: number, precision: RunPrecision): number {
  const buf = new DataView(new ArrayBuffer(8));
  if (precision === 'float32') {
    buf.setFloat32(0, x);
    buf.setInt32(0, buf.getInt32(0) + (x >= 0 ? k : -k));
    return buf.getFloat32(0);
  }
  buf.setFloat64(0, x);
  buf.setBigInt64(0, buf.getBigInt64(0) + BigInt(x >= 0 ? k : -k));
  return buf.getFloat64(0);
}

async function floorOf(id: ProblemId, precision: RunPrecision): Promise<number> {
  expect(await switchBackend(precision === 'float64' ? FLOAT64_BACKEND : 'cpu')).toBe(true);
  const problem = createProblem(id);
  const [x, y] = PROBLEMS[id].solution!;
  let floor = Infinity;
  try {
    for (let i = -WINDOW; i <= WINDOW; i++) {
      for (let j = -WINDOW; j <= WINDOW; j++) {
        const loss = tf.tidy(() => problem.loss(tf.tensor1d([gridStep(x, i, precision), gridStep(y, j, precision)])).dataSync()[0]);
        if (loss > 0 && loss < floor) floor = loss;
      }
    }
  } finally {
    problem.dispose();
  }
  return floor;
}

/** Equal to the two significant digits the catalog states. */
const twoDigits = (stated: number, computed: number) => expect(stated).toBe(Number(computed.toPrecision(2)));

describe('floor lines', () => {
  for (const id of ['rosenbrock-fit', 'rosenbrock-valley'] as const) {
    test(`${id}: each precision's floor is the smallest nonzero loss the engine computes near the minimiser`, async () => {
      const { float32Floor, float64Floor } = PROBLEMS[id];
      twoDigits(float32Floor!.loss, await floorOf(id, 'float32'));
      twoDigits(float64Floor!.loss, await floorOf(id, 'float64'));
      // Fixed data: drawn whatever the seed.
      expect([float32Floor!.seed, float64Floor!.seed]).toEqual([undefined, undefined]);
    });
  }

  test("rahimi-linear-net: the floors name the seed whose data they were measured on", () => {
    expect([PROBLEMS['rahimi-linear-net'].float32Floor?.seed, PROBLEMS['rahimi-linear-net'].float64Floor?.seed]).toEqual([1, 1]);
  });
});
