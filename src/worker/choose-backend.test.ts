/** 'auto' keeps the chapter's default backend unless the other measured clearly cheaper. */
import { describe, expect, test } from 'vitest';
import { tf } from '../engine';
import { chapterWorkload, chooseBackend, type Workload } from './choose-backend';
import { measureStepCost } from './measure-backend';

describe("'auto'", () => {
  // Chapter 1's default is cpu: wasm must measure at least 1.5x cheaper to be taken.
  test.each([
    ['wasm', { cpu: 2, wasm: 1 }],
    ['cpu', { cpu: 0.05, wasm: 0.5 }],
    ['cpu', { cpu: 1, wasm: 0.8 }],
  ] as const)('takes %s (cpu %o), and says what it measured', async (winner, costs) => {
    const seen: string[] = [];
    const chosen = await chooseBackend('auto', chapterWorkload('rosenbrock-fit', () => {
      const id = tf.getBackend() as 'cpu' | 'wasm';
      seen.push(id);
      return costs[id];
    }), {});
    expect(seen).toEqual(['cpu', 'wasm']);
    expect(chosen.backend).toBe(winner);
    expect(tf.getBackend()).toBe(winner);
    expect(chosen.notice).toBeUndefined();
    expect(chosen.measured).toBe(`auto measured cpu ${costs.cpu < 0.1 ? '50.0 us' : `${costs.cpu.toPrecision(3)} ms`}, wasm ${costs.wasm.toPrecision(3)} ms per run-step here`);
  });

  test('a requested backend is taken as asked, with nothing measured', async () => {
    let measured = false;
    const chosen = await chooseBackend('cpu', chapterWorkload('rahimi-linear-net', () => {
      measured = true;
      return 1;
    }), {});
    expect([chosen.backend, chosen.measured, measured]).toEqual(['cpu', undefined, false]);
  });
});

describe('one chooser for every workload', () => {
  /** A workload whose cost per backend is given, recording what was measured. */
  const work = (candidates: Workload['candidates'], preferred: Workload['preferred'], costs: Record<string, number>, seen: string[] = []): Workload => ({
    candidates,
    preferred,
    unit: 'model-step of this sweep',
    measure: () => {
      seen.push(tf.getBackend());
      return costs[tf.getBackend()];
    },
  });

  test("a sweep's 'auto' leaves its preferred backend only for one clearly cheaper; webgl, absent under Node, is passed over", async () => {
    const seen: string[] = [];
    const kept = await chooseBackend('auto', work(['wasm', 'cpu', 'webgl'], 'wasm', { wasm: 1, cpu: 0.8 }, seen), {});
    expect([kept.backend, seen]).toEqual(['wasm', ['wasm', 'cpu']]);
    expect(kept.measured).toBe('auto measured wasm 1.00 ms, cpu 0.800 ms per model-step of this sweep here');
    const left = await chooseBackend('auto', work(['wasm', 'cpu', 'webgl'], 'wasm', { wasm: 1, cpu: 0.5 }), {});
    expect(left.backend).toBe('cpu');
  });

  test('a backend whose work two workers share is compared at half its measured cost, and the message says so', async () => {
    const alone = await chooseBackend('auto', work(['wasm', 'cpu'], 'wasm', { wasm: 2, cpu: 1 }), {});
    expect(alone.backend).toBe('cpu');
    const shared = await chooseBackend('auto', { ...work(['wasm', 'cpu'], 'wasm', { wasm: 2, cpu: 1 }), workers: { wasm: 2 } }, {});
    expect(shared.backend).toBe('wasm');
    expect(shared.measured).toBe('auto measured wasm 2.00 ms (1.00 ms on 2 workers), cpu 1.00 ms per model-step of this sweep here');
  });

  test('one candidate is taken without a measurement', async () => {
    const seen: string[] = [];
    const chosen = await chooseBackend('auto', work(['wasm'], 'wasm', {}, seen), {});
    expect([chosen.backend, chosen.measured, seen]).toEqual(['wasm', undefined, []]);
  });

  test('a backend that cannot start falls back in order, and says why', async () => {
    const chosen = await chooseBackend('webgl', work(['wasm'], 'wasm', {}), {});
    expect(chosen).toMatchObject({ backend: 'wasm', notice: 'Running on wasm: webgl could not start here.' });
  });
});

describe('measureStepCost', () => {
  test.each(['cpu', 'wasm'] as const)("times chapter 4's runs on %s without leaving a tensor", async (backend) => {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const ms = measureStepCost('rahimi-linear-net', 30);
    // A run-step of chapter 4 (a batch step shared by 8 runs, or a least-squares step) takes
    // between 10 us and 100 ms on any machine these tests run on.
    expect(ms).toBeGreaterThan(0.01);
    expect(ms).toBeLessThan(100);
    expect(tf.memory().numTensors).toBe(before);
  });
});
