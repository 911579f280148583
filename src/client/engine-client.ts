/**
 * The main-thread side of the engine worker, and the only place that creates it. Commands go out
 * with `send`; events reach every subscriber. A worker that falls silent for SILENT_MS is dead
 * (self.close(), out of memory, a browser kill: none reliably fires an error event): the client
 * says so with an 'engine-lost' event, starts a new worker and gives it the last backend choice.
 *
 * With the first sweep that trains on two workers (a full one) it also starts chapter 5's second
 * worker (worker/sweep-helper.worker.ts) and hands the engine worker a port to it, so that the
 * sweep trains on two cores. It is the page's, not
 * the engine worker's (a worker started by a worker), so the page's tools see it as they see the
 * engine worker; it ends with the engine worker it serves.
 */
import { HEARTBEAT_MS, PROTOCOL_VERSION, SILENT_MS, sweepOnTwoWorkers, type Command, type SweepHelperHandoff, type WorkerEvent } from '../protocol/messages';

export interface EngineClient {
  send(command: Command): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: WorkerEvent) => void): () => void;
  restart(): void;
  dispose(): void;
}

export interface ClientClock {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

const realClock: ClientClock = {
  now: () => performance.now(),
  every(ms, fn) {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export function createEngineClient(
  makeWorker: () => Worker = () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'curvature-engine' }),
  clock: ClientClock = realClock,
  makeHelper: () => Worker | null = () => (typeof Worker === 'undefined' ? null : new Worker(new URL('../worker/sweep-helper.worker.ts', import.meta.url), { type: 'module', name: 'curvature-sweep-helper' })),
): EngineClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const emit = (event: WorkerEvent) => listeners.forEach((l) => l(event));
  /** The one command a new worker needs to pick up where the old one was. */
  let backendChoice: Extract<Command, { type: 'set-backend' }> | null = null;
  let heardAt = clock.now();
  /** Until when the worker said it may be silent. */
  let quietUntil = 0;
  let worker = start();

  function start(): Worker {
    const w = makeWorker();
    heardAt = clock.now();
    w.onmessage = (e: MessageEvent<WorkerEvent>) => {
      heardAt = clock.now();
      const event = e.data;
      if (event.type === 'heartbeat') return;
      if (event.type === 'busy') {
        quietUntil = clock.now() + event.ms;
        return;
      }
      // The long task is over once its outcome is said (heartbeats may come in its awaits).
      if (event.type === 'backend' || event.type === 'error' || event.type === 'status') quietUntil = 0;
      // A page and a worker from different builds (a cached worker, say) would misread each other.
      if (event.type === 'ready' && event.version !== PROTOCOL_VERSION) {
        return emit({ type: 'error', message: `The engine speaks protocol ${event.version} and this page ${PROTOCOL_VERSION}: reload the page to get one build of both.` });
      }
      emit(event);
    };
    w.onerror = (e) => emit({ type: 'error', message: `The engine worker failed: ${e.message || 'unknown error'}` });
    return w;
  }

  /** Chapter 5's second worker, once a sweep has asked for it (null before, or where none starts). */
  let helper: Worker | null = null;
  const connectHelper = () => {
    try {
      helper = makeHelper();
    } catch {
      helper = null;
    }
    if (!helper) return;
    const channel = new MessageChannel();
    helper.postMessage({ type: 'port' }, [channel.port1]);
    worker.postMessage({ type: 'sweep-helper', port: channel.port2 } satisfies SweepHelperHandoff, [channel.port2]);
  };
  const endHelper = () => {
    helper?.terminate();
    helper = null;
  };

  const send = (command: Command) => {
    if (command.type === 'set-backend') backendChoice = command;
    if (command.type === 'sweep' && sweepOnTwoWorkers(command.settings) && !helper) connectHelper();
    worker.postMessage(command);
  };

  const restart = () => {
    worker.terminate();
    endHelper();
    worker = start();
    if (backendChoice) worker.postMessage(backendChoice);
  };

  const stopWatching = clock.every(HEARTBEAT_MS, () => {
    if (clock.now() - heardAt <= SILENT_MS || clock.now() < quietUntil) return;
    restart();
    emit({ type: 'engine-lost', message: `The engine worker stopped answering for ${SILENT_MS / 1000} s (closed, out of memory or stopped by the browser). A new one has started; the runs it was computing are marked and keep the steps they had sent.` });
  });

  return {
    send,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restart,
    dispose() {
      stopWatching();
      worker.terminate();
      endHelper();
      listeners.clear();
    },
  };
}
