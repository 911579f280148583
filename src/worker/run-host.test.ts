import { describe, expect, test } from 'vitest';
import { chapterHyperparameters, type OptimizerId, type RunSpec, type SweepSettings } from '../catalog';
import { createRun, tf } from '../engine';
import { onBackend } from '../engine/test-backends';
import type { Command, WorkerEvent } from '../protocol/messages';
import digitsGz from '../engine/data/digits.csv.gz?inline';
import { createRunHost, type HostEnvironment } from './run-host';

const spec = (optimizer: OptimizerId, over: Partial<RunSpec> = {}): RunSpec => ({
  problem: 'rosenbrock-fit', optimizer, hp: chapterHyperparameters('rosenbrock-fit', optimizer), start: [5, 5], maxSteps: 40_000, targetLoss: 1e-10, ...over,
});

/** The losses of the same run computed directly by the engine. */
function directLosses(s: RunSpec): number[] {
  const run = createRun(s);
  const losses = run.advance(Infinity).map((r) => r.loss);
  run.dispose();
  return losses;
}

/** A host with a real clock and setTimeout, recording every event it posts. */
function harness(over: Partial<HostEnvironment> = {}) {
  const events: WorkerEvent[] = [];
  let waiters: (() => void)[] = [];
  const host = createRunHost({
    post: (e) => {
      events.push(e);
      waiters.forEach((w) => w());
    },
    now: () => performance.now(),
    later: (fn) => setTimeout(fn, 0),
    backendOptions: {},
    fetchDigits: async () => (await fetch(digitsGz)).arrayBuffer(),
    ...over,
  });
  const send = (cmd: Command) => host.handle(cmd);
  const until = (pred: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (pred()) {
          waiters = waiters.filter((w) => w !== check);
          resolve();
        }
      };
      waiters.push(check);
      check();
    });
  const stopped = (id: string) => events.find((e) => e.type === 'status' && e.id === id && e.status === 'stopped');
  /** A job's end: its 'stopped' status. */
  const ended = (id: string) => events.find((e) => e.type === 'status' && e.id === id && e.status === 'stopped');
  const losses = (id: string) =>
    events.flatMap((e) => (e.type === 'batch' && e.runId === id ? Array.from(e.columns.loss) : []));
  return { events, send, until, stopped, ended, losses, host };
}

describe('the worker run host', () => {
  onBackend('cpu');

  test('runs several optimizers interleaved and streams exactly what the engine computes', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    await h.send({ type: 'start', runId: 'gd', spec: spec('gd') });
    await h.send({ type: 'start', runId: 'newton', spec: spec('newton') });
    await h.until(() => !!h.stopped('gd') && !!h.stopped('newton'));
    // Interleaved: Newton (6 steps) finishes while gradient descent (~530 steps) still runs.
    const order = h.events.filter((e) => e.type === 'status' && e.status === 'stopped').map((e) => e.type === 'status' && e.id);
    expect(order).toEqual(['newton', 'gd']);
    // The streamed columns are the engine's own records, in order, with nothing lost.
    const direct = directLosses(spec('gd'));
    expect(h.losses('gd')).toEqual(direct);
    // Batched: far fewer messages than steps.
    const gdBatches = h.events.filter((e) => e.type === 'batch' && e.runId === 'gd').length;
    expect(gdBatches).toBeLessThan(direct.length / 5);
    const stop = h.stopped('gd');
    expect(stop?.type === 'status' && stop.stop?.reason).toBe('stalled');
    expect(h.host.liveRuns()).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('float32 and float64 runs side by side: each steps on its own backend, as each would alone', async () => {
    const h = harness();
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    const before = tf.memory().numTensors;
    await h.send({ type: 'start', runId: 'gd32', spec: spec('gd') });
    await h.send({ type: 'start', runId: 'gd64', spec: spec('gd', { precision: 'float64' }) });
    await h.until(() => !!h.stopped('gd32') && !!h.stopped('gd64'));
    const reason = (id: string) => {
      const e = h.stopped(id);
      return e?.type === 'status' ? e.stop?.reason : undefined;
    };
    // float32 stalls near 8.8e-10; float64 reaches 1e-10 at the seed's step 582.
    expect([reason('gd32'), reason('gd64')]).toEqual(['stalled', 'converged']);
    expect(h.losses('gd64')).toHaveLength(583);
    expect(h.losses('gd32')).toEqual(directLosses(spec('gd')));
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a paused start posts the start point; step takes one step at a time; resume runs on', async () => {
    const h = harness();
    await h.send({ type: 'start', runId: 'a', spec: spec('adam'), paused: true });
    expect(h.losses('a')).toHaveLength(1);
    for (let i = 0; i < 3; i++) await h.send({ type: 'step', runId: 'a' });
    await h.until(() => h.losses('a').length === 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.losses('a')).toHaveLength(4);
    await h.send({ type: 'resume', runId: 'a' });
    await h.until(() => !!h.stopped('a'));
    const stop = h.stopped('a');
    expect(stop?.type === 'status' && stop.stop?.reason).toBe('converged');
    expect(h.losses('a')).toEqual(directLosses(spec('adam')));
  });

  test('cancel stops one run with its reason while another goes on; a diverging run is stopped as such', async () => {
    const h = harness();
    await h.send({ type: 'start', runId: 'long', spec: spec('gd', { targetLoss: -1, maxSteps: 1e6, hp: { lr: 1e-5 } }) });
    await h.send({ type: 'start', runId: 'bad', spec: spec('gd', { hp: { lr: 0.01 } }) });
    await h.send({ type: 'start', runId: 'newton', spec: spec('newton') });
    await h.until(() => !!h.stopped('bad') && !!h.stopped('newton'));
    await h.send({ type: 'cancel', id: 'long' });
    await h.until(() => !!h.stopped('long'));
    const reason = (id: string) => {
      const e = h.stopped(id);
      return e?.type === 'status' ? e.stop?.reason : undefined;
    };
    expect([reason('bad'), reason('newton'), reason('long')]).toEqual(['diverged', 'converged', 'cancelled']);
  });

  test('set-backend reports the backend that took, and falls back with a notice', async () => {
    const h = harness();
    await h.send({ type: 'set-backend', backend: 'auto', problem: 'rosenbrock-fit' });
    expect(h.events.at(-1)).toMatchObject({ type: 'backend', backend: 'cpu', requested: 'auto' });
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    expect(h.events.at(-1)).toMatchObject({ type: 'backend', backend: 'cpu', requested: 'cpu' });
    expect(h.events.at(-1)).not.toHaveProperty('notice', expect.anything());
    // No WebGL backend is registered under Node: the host falls back to wasm and says why.
    await h.send({ type: 'set-backend', backend: 'webgl', problem: 'rosenbrock-fit' });
    const e = h.events.at(-1);
    expect(e).toMatchObject({ type: 'backend', backend: 'wasm', requested: 'webgl' });
    expect(e?.type === 'backend' && e.notice).toMatch(/webgl could not start/);
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
  });

  test('a device lost mid-run: no step computed after the loss is accepted, its runs stop as context-lost, float64 runs go on', async () => {
    // Node has no WebGL: the cpu backend plays the lost device, as the synchronous check reports it.
    let lost = false;
    const h = harness({ deviceLost: (backend) => lost && backend === 'cpu' });
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    const long = spec('gd', { targetLoss: -1, maxSteps: 1e6, hp: { lr: 1e-6 } });
    await h.send({ type: 'start', runId: 'f32', spec: long });
    await h.send({ type: 'start', runId: 'f64', spec: { ...long, precision: 'float64' } });
    await h.until(() => h.losses('f32').length > 10);
    lost = true;
    await h.until(() => !!h.stopped('f32'));
    const kept = h.losses('f32').length;
    const e = h.stopped('f32');
    expect(e?.type === 'status' && e.stop?.reason).toBe('context-lost');
    expect(e?.type === 'status' && e.stop?.message).toMatch(/steps before the loss are kept/);
    // The float64 run, on cpu64, is not touched by the loss.
    expect(h.host.liveRuns()).toEqual(['f64']);
    await h.until(() => h.events.some((b) => b.type === 'backend' && b.backend === 'wasm'));
    expect(h.events.find((b) => b.type === 'backend' && b.backend === 'wasm')).toMatchObject({ requested: 'webgl', notice: expect.stringMatching(/context was lost/) });
    lost = false;
    // Runs started after the loss run on the fallback.
    await h.send({ type: 'start', runId: 'after', spec: spec('newton') });
    await h.until(() => !!h.stopped('after'));
    expect(h.stopped('after')).toMatchObject({ stop: { reason: 'converged' } });
    await h.send({ type: 'cancel', id: 'f64' });
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    // What was streamed is exactly the engine's own first steps on cpu: nothing from the lost slice.
    expect(h.losses('f32')).toEqual(directLosses({ ...long, maxSteps: kept - 1 }));
  });

  test('a run started on a lost device is stopped once, as context-lost, never with what the dead device computed', async () => {
    const h = harness({ deviceLost: (backend) => backend === 'cpu' });
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    await h.send({ type: 'start', runId: 'doomed', spec: spec('newton') });
    const statuses = h.events.filter((e) => e.type === 'status' && e.id === 'doomed');
    expect(statuses).toMatchObject([{ status: 'stopped', stop: { reason: 'context-lost' } }]);
    expect(h.losses('doomed')).toEqual([]);
    await h.until(() => h.events.some((b) => b.type === 'backend' && b.backend === 'wasm'));
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
  });

  test('the webglcontextlost event stops the runs on that backend too, once', async () => {
    const h = harness();
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
    await h.send({ type: 'start', runId: 'long', spec: spec('gd', { targetLoss: -1, maxSteps: 1e6, hp: { lr: 1e-6 } }) });
    await h.until(() => h.losses('long').length > 10);
    h.host.loseBackend('cpu');
    h.host.loseBackend('cpu');
    expect(h.stopped('long')).toMatchObject({ stop: { reason: 'context-lost' } });
    expect(h.events.filter((e) => e.type === 'status' && e.status === 'stopped')).toHaveLength(1);
    expect(h.host.liveRuns()).toEqual([]);
    await h.until(() => h.events.some((b) => b.type === 'backend' && b.backend === 'wasm'));
    await h.send({ type: 'set-backend', backend: 'cpu', problem: 'rosenbrock-fit' });
  });

  test("fit-report: Misra1a's report at NIST's certified values, in float64 whatever the backend (standard errors to 8 digits), with its band; a fault comes back as its message", async () => {
    const h = harness();
    const data = { names: ['y', 'x'], columns: [[10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.4, 75.47, 81.78], [77.6, 114.9, 141.1, 190.8, 239.9, 289, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760]] };
    const definition = { problem: 'fit' as const, model: 'y = b1*(1-exp[-b2*x])', data };
    await h.send({ type: 'fit-report', id: 'f1', definition, params: [2.3894212918e2, 5.5015643181e-4], bandAt: [100, 500] });
    const e = h.events.find((x) => x.type === 'fit-report' && x.id === 'f1');
    if (e?.type !== 'fit-report' || !e.report?.stdErrors || !e.band) throw new Error('no report');
    const digits = (u: number, v: number) => -Math.log10(Math.abs(u - v) / v);
    expect(digits(e.report.stdErrors[0], 2.7070075241)).toBeGreaterThan(8);
    expect(digits(e.report.stdErrors[1], 7.2668688436e-6)).toBeGreaterThan(8);
    expect(e.band.x).toEqual([100, 500]);
    expect(e.band.lower[0]).toBeLessThan(e.band.fit[0]);
    expect(tf.getBackend()).toBe('cpu');
    await h.send({ type: 'fit-report', id: 'f2', definition: { ...definition, model: 'y = b1*(1-exp[-b2*x]' }, params: [1, 1] });
    const bad = h.events.find((x) => x.type === 'fit-report' && x.id === 'f2');
    expect(bad?.type === 'fit-report' && bad.error).toMatch(/^expected '\)' at column/);
  });

  test('the surface command returns the float64 loss grid', async () => {
    const h = harness();
    await h.send({ type: 'surface', problem: 'rosenbrock-fit', xRange: [5, 5], yRange: [5, 5], n: 2 });
    const e = h.events.at(-1);
    expect(e?.type === 'surface' && e.z[0]).toBeCloseTo(3868.2291666666665, 9);
  });
});

describe("the worker's sweep", () => {
  onBackend('cpu');

  /** A small sweep: 2 modes x 2 values of p x 2 repeats, 5 + 10 steps a model. */
  const settings: SweepSettings = { kind: 'prune', modes: ['minimal', 'random'], ps: [0, 0.9], repeats: 2, warmup: 5, steps: 10, loss: 'cross-entropy', seed: 1 };

  test('runs on the backend asked for, posts progress and every result, then ends', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    await h.send({ type: 'sweep', id: 's1', settings, backend: 'cpu' });
    await h.until(() => !!h.ended('s1'));
    const progress = h.events.flatMap((e) => (e.type === 'sweep-progress' ? [e] : []));
    expect(h.events.find((e) => e.type === 'backend')).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    expect(progress[0]).toMatchObject({ done: 0, total: 8 * 15 });
    expect(progress.map((e) => e.done)).toEqual([...progress.map((e) => e.done)].sort((a, b) => a - b));
    expect(progress[progress.length - 1].done).toBe(120);
    const results = progress.flatMap((e) => e.results);
    expect(results).toHaveLength(8);
    expect(new Set(results.map((r) => `${r.mode} ${r.p} ${r.repeat}`)).size).toBe(8);
    expect(h.ended('s1')).toMatchObject({ id: 's1', stop: { reason: 'max-steps', message: expect.stringMatching(/Every model trained/) } });
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a float64 sweep runs on cpu64 whatever the backend choice, and agrees with float32 to within a few test rows', async () => {
    const accuracy = async (precision: 'float32' | 'float64') => {
      const h = harness();
      await h.send({ type: 'sweep', id: precision, settings, backend: 'cpu', precision });
      await h.until(() => !!h.ended(precision));
      expect(h.events.find((e) => e.type === 'backend')).toMatchObject({ backend: precision === 'float64' ? 'cpu64' : 'cpu', requested: 'cpu' });
      return h.events.flatMap((e) => (e.type === 'sweep-progress' ? e.results : [])).map((r) => r.test);
    };
    const f32 = await accuracy('float32');
    const f64 = await accuracy('float64');
    expect(f64).toHaveLength(8);
    // 15 steps from the same start on the same examples: the precisions differ by round-off only.
    f64.forEach((a, i) => expect(Math.abs(a - f32[i])).toBeLessThanOrEqual(3 / 540));
  });

  test('a cancel ends the sweep at once, keeps what was posted and frees its tensors', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    await h.send({ type: 'sweep', id: 's2', settings: { ...settings, steps: 100_000 }, backend: 'cpu' });
    await h.until(() => h.events.some((e) => e.type === 'sweep-progress' && e.done > 0));
    await h.send({ type: 'cancel', id: 's2' });
    expect(h.ended('s2')).toMatchObject({ id: 's2', stop: { reason: 'cancelled' } });
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a device lost mid-sweep ends it with that reason; nothing computed after the loss is posted', async () => {
    let lost = false;
    const h = harness({ deviceLost: (backend) => lost && backend === 'cpu' });
    const before = tf.memory().numTensors;
    await h.send({ type: 'sweep', id: 's3', settings: { ...settings, steps: 100_000 }, backend: 'cpu' });
    await h.until(() => h.events.some((e) => e.type === 'sweep-progress' && e.done > 0));
    lost = true;
    await h.until(() => !!h.ended('s3'));
    const end = h.events.indexOf(h.ended('s3')!);
    expect(h.events[end]).toMatchObject({ id: 's3', stop: { reason: 'context-lost', message: expect.stringMatching(/WebGL context was lost/) } });
    // The last progress before the end carries nothing new: the lost slice was dropped.
    const progress = h.events.slice(0, end).filter((e) => e.type === 'sweep-progress');
    const done = progress.map((e) => e.type === 'sweep-progress' && e.done);
    expect(done.at(-1)).toBe(done.at(-2));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("the worker's race", () => {
  onBackend('cpu');

  test('streams consecutive steps of the three optimizers, with accuracy at step 0; a cancel ends it and frees its tensors', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    await h.send({ type: 'race', id: 'r1', loss: 'cross-entropy', seed: 1, backend: 'cpu' });
    await h.until(() => h.events.some((e) => e.type === 'race-progress' && e.steps.length > 0));
    await h.send({ type: 'cancel', id: 'r1' });
    expect(h.ended('r1')).toMatchObject({ id: 'r1', stop: { reason: 'cancelled' } });
    const steps = h.events.flatMap((e) => (e.type === 'race-progress' ? e.steps : []));
    expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i));
    expect(steps[0].loss).toHaveLength(3);
    expect(steps[0].accuracy?.test).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
