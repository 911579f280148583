/**
 * The main-thread side of the engine worker, and the only place that creates it. Commands go out
 * with `send`; events reach every subscriber. A worker that crashes is reported as an error
 * event; `restart` replaces it.
 */
import type { Command, WorkerEvent } from '../protocol/messages';

export interface EngineClient {
  send(command: Command): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: WorkerEvent) => void): () => void;
  restart(): void;
  dispose(): void;
}

export function createEngineClient(
  makeWorker: () => Worker = () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'curvature-engine' }),
): EngineClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const emit = (event: WorkerEvent) => listeners.forEach((l) => l(event));
  let worker = start();

  function start(): Worker {
    const w = makeWorker();
    w.onmessage = (e: MessageEvent<WorkerEvent>) => emit(e.data);
    w.onerror = (e) => emit({ type: 'error', message: `The engine worker failed: ${e.message || 'unknown error'}` });
    return w;
  }

  return {
    send: (command) => worker.postMessage(command),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restart() {
      worker.terminate();
      worker = start();
    },
    dispose() {
      worker.terminate();
      listeners.clear();
    },
  };
}
