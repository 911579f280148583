/**
 * Chapter 1 on the float64 backend (cpu64) reproduces the seed (seed 000's printed float64 logs and
 * stops): gradient descent reaches 1e-10 at step 582 instead of stalling, Adam at 317, Newton and
 * Gauss-Newton at the seed's step with the seed's final losses. The same engine code as the
 * float32 tests (chapter1.test.ts); only the backend differs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT64_BACKEND } from '../../catalog';
import { switchBackend } from '../backend';
import { tf } from '../tf';
import { chapter1Specs, runToEnd, SEED_ADAM_LOG, SEED_GD_LOG } from './chapter1.fixture';

const specs = chapter1Specs('float64');

/** Six significant digits. */
const SIX = 5e-7;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('chapter 1 in float64 (cpu64)', () => {
  beforeAll(async () => {
    if (!(await switchBackend(FLOAT64_BACKEND))) throw new Error('cpu64 did not start');
  });

  test('gradient descent lr 5e-4: the seed log to 6 digits, then 1e-10 at step 582 with loss 9.7e-11', () => {
    const { records, stop, last } = runToEnd(specs.gd);
    for (const [k, loss] of SEED_GD_LOG) expect(rel(records[k - 1].loss, loss), `step ${k}`).toBeLessThan(SIX);
    expect(stop?.reason).toBe('converged');
    expect(Math.abs(last.step - 582)).toBeLessThanOrEqual(1);
    expect(rel(last.loss, 9.698531012270816e-11)).toBeLessThan(SIX);
  });

  test('Adam lr 15: the seed log to 6 digits, then 1e-10 at step 317', () => {
    const { records, stop, last } = runToEnd(specs.adam);
    for (const [k, loss] of SEED_ADAM_LOG) expect(rel(records[k - 1].loss, loss), `step ${k}`).toBeLessThan(SIX);
    expect(stop?.reason).toBe('converged');
    expect(Math.abs(last.step - 317)).toBeLessThanOrEqual(1);
  });

  test('Newton stops at step 6 with loss 5.9e-20, Gauss-Newton at step 4 with 3.4e-17 (within 10%)', () => {
    const newton = runToEnd(specs.newton);
    expect(rel(newton.records[1].loss, 105.04357496954218)).toBeLessThan(SIX);
    expect(rel(newton.records[3].loss, 0.3307135454853347)).toBeLessThan(SIX);
    expect([newton.stop?.reason, newton.last.step]).toEqual(['converged', 6]);
    expect(rel(newton.last.loss, 5.882202372519996e-20)).toBeLessThan(0.1);
    const gn = runToEnd(specs['gauss-newton']);
    expect(rel(gn.records[1].loss, 14.653025157673637)).toBeLessThan(SIX);
    expect([gn.stop?.reason, gn.last.step]).toEqual(['converged', 4]);
    expect(rel(gn.records[3].loss, 4.391807917289566e-7)).toBeLessThan(SIX);
    expect(rel(gn.last.loss, 3.37436620765895e-17)).toBeLessThan(0.1);
  });

  test('the tensors hold float64 values and none leak', () => {
    const before = tf.memory().numTensors;
    const { last } = runToEnd(specs.gd);
    expect(tf.memory().numTensors).toBe(before);
    // float32 could not hold a point this close to (2.5, 2.5) without being on it.
    expect(last.params.every((p) => Math.abs(p - 2.5) < 1e-5)).toBe(true);
    expect(Array.from(last.params).some((p) => Math.fround(p) !== p)).toBe(true);
  });
});
