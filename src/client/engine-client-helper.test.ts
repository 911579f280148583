/**
 * Chapter 5's second worker: the client starts it with the first sweep that trains on two workers
 * (not before, not for a quick sweep, and once), hands the engine worker a port to it before that
 * sweep's command, and ends it with the engine worker it serves; where none can start, sweeps go to
 * the engine worker alone.
 */
import { expect, test } from 'vitest';
import { sweepSettings } from '../catalog';
import type { Command, SweepHelperHandoff } from '../protocol/messages';
import { createEngineClient, type ClientClock } from './engine-client';

class FakeWorker {
  received: { message: Command | SweepHelperHandoff | { type: 'port' }; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage = null;
  onerror = null;
  postMessage(message: Command, transfer: Transferable[] = []) {
    this.received.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
}

const clock: ClientClock = { now: () => 0, every: () => () => {} };
const sweep: Command = { type: 'sweep', id: 's', backend: 'auto', settings: sweepSettings('prune', 'full', 'cross-entropy', 1) };
const quick: Command = { type: 'sweep', id: 'q', backend: 'auto', settings: sweepSettings('prune', 'quick', 'cross-entropy', 1) };

test('the first sweep starts the second worker and hands the engine worker a port to it; a restart ends it', () => {
  const engines: FakeWorker[] = [];
  const helpers: FakeWorker[] = [];
  const client = createEngineClient(
    () => (engines.push(new FakeWorker()), engines.at(-1) as unknown as Worker),
    clock,
    () => (helpers.push(new FakeWorker()), helpers.at(-1) as unknown as Worker),
  );
  client.send({ type: 'set-backend', backend: 'wasm', problem: 'rosenbrock-valley' });
  client.send(quick);
  expect(helpers).toHaveLength(0);
  client.send(sweep);
  client.send({ ...sweep, id: 't' });
  expect(helpers).toHaveLength(1);
  // The engine worker: the backend, the quick sweep, the port (transferred), then the full sweeps.
  expect(engines[0].received.map((r) => r.message.type)).toEqual(['set-backend', 'sweep', 'sweep-helper', 'sweep', 'sweep']);
  const handoff = engines[0].received[2];
  const [port] = handoff.transfer;
  expect(port).toBeInstanceOf(MessagePort);
  expect((handoff.message as SweepHelperHandoff).port).toBe(port);
  // The second worker got the other end.
  expect(helpers[0].received).toHaveLength(1);
  expect(helpers[0].received[0].message).toEqual({ type: 'port' });
  expect(helpers[0].received[0].transfer[0]).toBeInstanceOf(MessagePort);
  expect(helpers[0].received[0].transfer[0]).not.toBe(port);
  // A new engine worker gets a new second worker with its next sweep.
  client.restart();
  expect(helpers[0].terminated).toBe(true);
  client.send(sweep);
  expect(helpers).toHaveLength(2);
  expect(engines[1].received.map((r) => r.message.type)).toEqual(['set-backend', 'sweep-helper', 'sweep']);
  client.dispose();
  expect(helpers[1].terminated).toBe(true);
  [port, helpers[0].received[0].transfer[0]].forEach((p) => (p as MessagePort).close());
});

test('where no second worker starts, the sweep goes to the engine worker alone', () => {
  const engine = new FakeWorker();
  const client = createEngineClient(() => engine as unknown as Worker, clock, () => null);
  client.send(sweep);
  expect(engine.received.map((r) => r.message.type)).toEqual(['sweep']);
  client.dispose();
});
