import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, type RunSpec } from '../../catalog';
import { onBackend } from '../test-backends';
import { createRun } from './run';

const adam: RunSpec = { problem: 'rosenbrock-fit', optimizer: 'adam', hp: chapterHyperparameters('rosenbrock-fit', 'adam'), start: [5, 5], maxSteps: 50, targetLoss: 1e-10 };

describe('the run loop', () => {
  onBackend('cpu');

  test('stepping in slices gives exactly the same run as stepping at once', () => {
    const whole = createRun(adam).advance(Infinity);
    const run = createRun(adam);
    const sliced = [1, 1, 3, 7, 100].flatMap((n) => run.advance(n));
    expect(sliced.map((r) => r.loss)).toEqual(whole.map((r) => r.loss));
    expect(sliced.map((r) => r.step)).toEqual([...Array(51).keys()]);
    expect(run.stop?.reason).toBe('max-steps');
  });

  test('the first advance returns the start as step 0, with its loss and no evaluations beyond it', () => {
    const [start] = createRun(adam).advance(1);
    expect(start.step).toBe(0);
    expect(start.loss).toBeCloseTo(3868.2291666666665, 3);
    expect(Array.from(start.params)).toEqual([5, 5]);
    expect(start.evals).toEqual({ f: 0, grad: 1, hvp: 0, jac: 0 });
    expect(Number.isNaN(start.mu)).toBe(true);
  });

  test('a deadline ends a slice early; cancel stops the run with that reason', () => {
    let t = 0;
    const run = createRun(adam, () => (t += 1));
    expect(run.advance(Infinity, 10).length).toBeLessThan(10);
    run.cancel();
    expect(run.advance(10)).toEqual([]);
    expect(run.stop?.reason).toBe('cancelled');
  });

  test('a start that is already at the target stops at once as converged', () => {
    const run = createRun({ ...adam, start: [2.5, 2.5] });
    expect(run.advance(10)).toHaveLength(1);
    expect(run.stop?.reason).toBe('converged');
  });
});
