/**
 * The worker entry: hosts the engine off the main thread. The page talks to it only through the
 * typed commands and events of protocol/messages.
 */
import digitsUrl from '../engine/data/digits.csv.gz?url';
import { deviceLost, onWebglContextLost, tf } from '../engine';
import { HEARTBEAT_MS, PROTOCOL_VERSION, type Command, type SweepHelperHandoff, type WorkerEvent } from '../protocol/messages';
import { createRunHost } from './run-host';
import type { HelperEvent } from './sweep-helper';
import type { SweepHelperPort } from './sweep-pool';
import { wasmPaths } from './wasm-paths';

declare const self: DedicatedWorkerGlobalScope;

/** Chapter 5's second worker, which the page starts with its first full sweep (protocol's TWO_WORKERS_FROM): the port to it, once handed over. */
let helperPort: MessagePort | null = null;
const sweepHelper = (): SweepHelperPort | null => {
  const port = helperPort;
  if (!port) return null;
  let listener: (event: HelperEvent) => void = () => {};
  port.onmessage = (e: MessageEvent<HelperEvent>) => listener(e.data);
  return { post: (cmd) => port.postMessage(cmd), listen: (l) => (listener = l) };
};

// The next slice runs after pending commands, through a message to ourselves: nested
// setTimeout(0) is clamped to 4 ms, which idled the worker ~10% of the time between slices.
const tasks: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => tasks.shift()?.();
const later = (fn: () => void) => {
  tasks.push(fn);
  channel.port2.postMessage(null);
};

const host = createRunHost({
  post: (event, transfer = []) => self.postMessage(event, transfer),
  now: () => performance.now(),
  later,
  backendOptions: { wasmPaths },
  watchContext: onWebglContextLost,
  deviceLost,
  sweepHelper,
  fetchDigits: async () => {
    const response = await fetch(digitsUrl);
    if (!response.ok) throw new Error(`The digits data could not be loaded (HTTP ${response.status}).`);
    return response.arrayBuffer();
  },
});

// For the bench's soak and anyone curious in DevTools: the engine's live tensors and their bytes.
(self as unknown as { curvatureMemory: () => { numTensors: number; numBytes: number } }).curvatureMemory = () => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};

self.postMessage({ type: 'ready', version: PROTOCOL_VERSION } satisfies WorkerEvent);

// Between tasks, so a worker that stops taking tasks (or exists no more) falls silent.
setInterval(() => self.postMessage({ type: 'heartbeat' }), HEARTBEAT_MS);

self.onmessage = (e: MessageEvent<Command | SweepHelperHandoff>) => {
  if (e.data.type === 'sweep-helper') {
    helperPort = e.data.port;
    return;
  }
  host.handle(e.data).catch((err: unknown) => {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
};
