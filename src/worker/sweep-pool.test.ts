/**
 * A sweep on two workers: the engine worker and a second one (here the second worker's own code,
 * run in this process behind an asynchronous port) train the halves of each group at once; the
 * results equal a sweep on one worker, number for number; a second worker that fails or falls
 * silent hands its unit back and the sweep finishes without it; a cancel frees every tensor.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { SweepResult, SweepSettings } from '../catalog';
import { createSweep, gunzipText, parseDigitsCsv, splitDigits, tf, type DigitsSplit } from '../engine';
import { onBackend } from '../engine/test-backends';
import digitsGz from '../engine/data/digits.csv.gz?inline';
import type { WorkerEvent } from '../protocol/messages';
import { createDigitsHost } from './digits-host';
import { createSweepHelper, type HelperCommand, type HelperEvent } from './sweep-helper';
import { createPooledSweep, HELPER_SILENT_MS, type PooledSweep, type SweepHelperPort } from './sweep-pool';

let split: DigitsSplit;
beforeAll(async () => {
  split = splitDigits(parseDigitsCsv(await gunzipText(await (await fetch(digitsGz)).arrayBuffer())), 1);
});

const settings: SweepSettings = { kind: 'prune', modes: ['minimal', 'random'], ps: [0, 0.5, 0.9], repeats: 3, warmup: 4, steps: 8, loss: 'cross-entropy', seed: 5 };
const key = (r: SweepResult) => `${r.mode} ${r.p} ${r.repeat}`;
const sorted = (rs: SweepResult[]) => [...rs].sort((a, b) => key(a).localeCompare(key(b)));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The second worker's code behind a port that delivers messages asynchronously, as postMessage
 * does. `intercept` may drop or answer a command instead of the helper.
 */
function inProcessHelper(intercept?: (cmd: HelperCommand, reply: (e: HelperEvent) => void) => boolean) {
  let listener: (e: HelperEvent) => void = () => {};
  const events: HelperEvent[] = [];
  const reply = (e: HelperEvent) => {
    events.push(e);
    setTimeout(() => listener(e), 0);
  };
  const helper = createSweepHelper({ post: reply, now: () => performance.now(), later: (fn) => setTimeout(fn, 0), backendOptions: {} });
  const commands: HelperCommand[] = [];
  const port: SweepHelperPort = {
    post: (cmd) => {
      commands.push(cmd);
      if (intercept?.(cmd, reply)) return;
      setTimeout(() => helper.handle(cmd), 0);
    },
    listen: (l) => (listener = l),
  };
  return { port, events, commands };
}

/** Advances the sweep in 20 ms slices, letting messages through between them, to its end. */
async function finish(sweep: PooledSweep, now = () => performance.now()) {
  const results: SweepResult[] = [];
  const done: number[] = [];
  while (!sweep.finished) {
    results.push(...sweep.advance(now() + 20, now));
    done.push(sweep.done);
    await tick();
  }
  return { results, done };
}

describe('on cpu', () => {
  onBackend('cpu');

  test('the two workers train the halves of each group at once; the results equal one worker\'s, number for number', async () => {
    const before = tf.memory().numTensors;
    const alone = createSweep(split, settings);
    const reference: SweepResult[] = [];
    while (!alone.finished) reference.push(...alone.advance(Infinity));
    const { port, events, commands } = inProcessHelper();
    const sweep = createPooledSweep(split, settings, 'cpu', port, () => performance.now());
    const { results, done } = await finish(sweep);
    expect(sorted(results)).toEqual(sorted(reference));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(sweep.total);
    expect(sweep.total).toBe(18 * 12);
    // The second worker trained units of 3 models (halves of a group), and the engine worker the rest.
    const helped = events.flatMap((e) => (e.type === 'results' ? [e.unit] : []));
    expect(helped.length).toBeGreaterThan(0);
    expect(helped.length).toBeLessThan(6);
    expect(helped.every((u) => u.to - u.from === 3)).toBe(true);
    expect(commands[0]).toMatchObject({ type: 'job', backend: 'cpu' });
    sweep.dispose();
    await tick();
    await tick();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a second worker that fails a unit hands it back: the engine worker trains the rest alone, and the results are whole', async () => {
    const failing = inProcessHelper((cmd, reply) => {
      if (cmd.type !== 'unit') return false;
      reply({ type: 'failed', job: cmd.job, unit: cmd.unit, message: 'no memory' });
      return true;
    });
    const sweep = createPooledSweep(split, settings, 'cpu', failing.port, () => performance.now());
    const { results } = await finish(sweep);
    expect(new Set(results.map(key)).size).toBe(18);
    // One unit was offered, none after the failure.
    expect(failing.commands.filter((c) => c.type === 'unit')).toHaveLength(1);
    sweep.dispose();
  });

  test(`a second worker silent for ${HELPER_SILENT_MS / 1000} s with a unit loses it, and a cancel frees every tensor`, async () => {
    const before = tf.memory().numTensors;
    let clock = 0;
    const silent = inProcessHelper((cmd) => cmd.type !== 'job');
    const sweep = createPooledSweep(split, settings, 'cpu', silent.port, () => clock);
    // The engine worker trains while the second one says nothing; then its silence runs out.
    sweep.advance(-1, () => clock);
    expect(sweep.finished).toBe(false);
    clock = HELPER_SILENT_MS + 1;
    const { results } = await finish(sweep, () => clock++);
    expect(new Set(results.map(key)).size).toBe(18);
    expect(silent.commands.filter((c) => c.type === 'cancel').length).toBeGreaterThan(0);
    sweep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a cancelled sweep tells the second worker, which drops its unit and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const { port, events } = inProcessHelper();
    const sweep = createPooledSweep(split, { ...settings, steps: 100_000 }, 'cpu', port, () => performance.now());
    while (!events.some((e) => e.type === 'progress')) {
      sweep.advance(performance.now() + 5);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    sweep.dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tf.memory().numTensors).toBe(before);
  });

  test("the worker's sweep asks for the second worker once, for its first sweep of large groups, and posts the same results as on one worker", async () => {
    // Groups of 32 models train on two workers; the quick sweep's groups of 8 on one.
    const large: SweepSettings = { ...settings, ps: Array.from({ length: 16 }, (_, k) => k / 16), repeats: 2, warmup: 2, steps: 3 };
    const run = async (withHelper: boolean) => {
      const events: WorkerEvent[] = [];
      let started = 0;
      const host = createDigitsHost({
        post: (e) => events.push(e),
        now: () => performance.now(),
        later: (fn) => setTimeout(fn, 0),
        backendOptions: {},
        fetchDigits: async () => (await fetch(digitsGz)).arrayBuffer(),
        sweepHelper: withHelper ? () => (started++, inProcessHelper().port) : undefined,
      });
      const results: SweepResult[] = [];
      for (const [id, s] of [['quick', settings], ['a', large], ['b', large]] as const) {
        await host.handle({ type: 'sweep', id, settings: s, backend: 'cpu' });
        while (!events.some((e) => e.type === 'status' && e.id === id && e.status === 'stopped')) await new Promise((resolve) => setTimeout(resolve, 5));
        results.push(...events.flatMap((e) => (e.type === 'sweep-progress' && e.id === id ? e.results : [])));
      }
      expect(events.filter((e) => e.type === 'status' && e.status === 'stopped').map((e) => e.type === 'status' && e.stop?.reason)).toEqual(['max-steps', 'max-steps', 'max-steps']);
      return { results, started };
    };
    const two = await run(true);
    const one = await run(false);
    expect(two.started).toBe(1);
    expect(two.results).toHaveLength(18 + 2 * 64);
    expect(sorted(two.results)).toEqual(sorted(one.results));
  });
});
