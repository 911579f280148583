/** Test-only: an engine client that records the commands sent and lets a test say the worker's events. */
import type { EngineClient } from '../client/engine-client';
import type { Command, WorkerEvent } from '../protocol/messages';

export function fakeClient() {
  const sent: Command[] = [];
  let listener: (e: WorkerEvent) => void = () => {};
  const client: EngineClient = {
    send: (c) => sent.push(c),
    subscribe: (l) => ((listener = l), () => {}),
    restart: () => {},
    dispose: () => {},
  };
  return { client, sent, say: (e: WorkerEvent) => listener(e) };
}
