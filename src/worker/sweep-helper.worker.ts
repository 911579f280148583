/**
 * Chapter 5's second worker (sweep-helper.ts), started by the page with its first sweep: it trains
 * the units the engine worker hands it, on a port between the two (its first message carries it),
 * so that a sweep uses two cores.
 */
import { createSweepHelper, type HelperCommand, type HelperEvent } from './sweep-helper';
import { wasmPaths } from './wasm-paths';

declare const self: DedicatedWorkerGlobalScope;

// The next slice runs after pending commands, through a message to ourselves (as the engine worker does).
const tasks: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => tasks.shift()?.();

self.onmessage = (e: MessageEvent<{ type: 'port' }>) => {
  const [port] = e.ports;
  if (e.data.type !== 'port' || !port) return;
  const helper = createSweepHelper({
    post: (event: HelperEvent) => port.postMessage(event),
    now: () => performance.now(),
    later: (fn) => {
      tasks.push(fn);
      channel.port2.postMessage(null);
    },
    backendOptions: { wasmPaths },
  });
  port.onmessage = (m: MessageEvent<HelperCommand>) => helper.handle(m.data);
  // A fault outside a unit (a unit's own faults are reported as such): the engine worker trains on alone.
  self.onerror = (event) => port.postMessage({ type: 'lost', message: typeof event === 'string' ? event : 'The second worker failed.' } satisfies HelperEvent);
};
