/** The client notices a dead worker by its silence, says so once, and starts a new one. */
import { describe, expect, test } from 'vitest';
import { HEARTBEAT_MS, PROTOCOL_VERSION, SILENT_MS, type Command, type WorkerEvent } from '../protocol/messages';
import { createEngineClient, type ClientClock } from './engine-client';

class FakeWorker {
  received: Command[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(c: Command) {
    this.received.push(c);
  }
  terminate() {
    this.terminated = true;
  }
  say(event: WorkerEvent) {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
}

function setup() {
  let t = 0;
  const timers: (() => void)[] = [];
  const clock: ClientClock = { now: () => t, every: (_ms, fn) => (timers.push(fn), () => timers.splice(timers.indexOf(fn), 1)) };
  const workers: FakeWorker[] = [];
  const client = createEngineClient(() => {
    workers.push(new FakeWorker());
    return workers.at(-1) as unknown as Worker;
  }, clock);
  const events: WorkerEvent[] = [];
  client.subscribe((e) => events.push(e));
  /** Advances the clock by ms, a heartbeat interval at a time, with the worker beating or not. */
  const pass = (ms: number, beating: boolean) => {
    for (let s = 0; s < ms; s += HEARTBEAT_MS) {
      t += HEARTBEAT_MS;
      if (beating) workers.at(-1)!.say({ type: 'heartbeat' });
      timers.forEach((f) => f());
    }
  };
  return { client, workers, events, pass };
}

describe('engine client', () => {
  test('a beating worker lives, however long; heartbeats are not passed on', () => {
    const { workers, events, pass } = setup();
    pass(10 * SILENT_MS, true);
    expect(workers).toHaveLength(1);
    expect(events).toEqual([]);
  });

  test('a silent worker is declared lost once, replaced, and given the last backend choice', () => {
    const { client, workers, events, pass } = setup();
    client.send({ type: 'set-backend', backend: 'wasm', problem: 'rosenbrock-valley' });
    client.send({ type: 'start', runId: 'r', spec: { problem: 'rosenbrock-valley', optimizer: 'gd', hp: { lr: 1e-3 }, start: [-1.2, 1], maxSteps: 10, targetLoss: 0 } });
    pass(SILENT_MS, false);
    expect(events).toEqual([]);
    pass(2 * HEARTBEAT_MS, false);
    expect(events.map((e) => e.type)).toEqual(['engine-lost']);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].received).toEqual([{ type: 'set-backend', backend: 'wasm', problem: 'rosenbrock-valley' }]);
    // The new worker beats: no second alarm.
    pass(5 * SILENT_MS, true);
    expect(events.map((e) => e.type)).toEqual(['engine-lost']);
  });

  test('a worker that never starts (its script refused) is caught the same way', () => {
    const { events, pass } = setup();
    pass(SILENT_MS + 2 * HEARTBEAT_MS, false);
    expect(events.map((e) => e.type)).toEqual(['engine-lost']);
  });

  test("a worker of another protocol version is a visible error, not silence; this version's word passes", () => {
    const { workers, events } = setup();
    workers[0].say({ type: 'ready', version: PROTOCOL_VERSION });
    workers[0].say({ type: 'ready', version: PROTOCOL_VERSION + 1 });
    expect(events).toEqual([
      { type: 'ready', version: PROTOCOL_VERSION },
      { type: 'error', message: expect.stringMatching(new RegExp(`protocol ${PROTOCOL_VERSION + 1} and this page ${PROTOCOL_VERSION}: reload`)) },
    ]);
  });

  test("a worker that says it is busy may be silent that long, but no longer; its outcome ends the grace", () => {
    const { workers, events, pass } = setup();
    workers[0].say({ type: 'busy', ms: 4 * SILENT_MS });
    pass(3 * SILENT_MS, false);
    expect(events).toEqual([]);
    pass(SILENT_MS + 2 * HEARTBEAT_MS, false);
    expect(events.map((e) => e.type)).toEqual(['engine-lost']);
    // The new worker: busy, then its choice said; silence after that counts again.
    workers[1].say({ type: 'busy', ms: 4 * SILENT_MS });
    workers[1].say({ type: 'backend', backend: 'wasm', requested: 'auto' });
    pass(SILENT_MS + 2 * HEARTBEAT_MS, false);
    expect(events.map((e) => e.type)).toEqual(['engine-lost', 'backend', 'engine-lost']);
  });
});
