/**
 * Chapter 5 on the page: the sweep's settings (mirrored in the link by app/url-sync), and the
 * running or last sweep: its progress, the time it started, and every result as it arrives.
 */
import { create } from 'zustand';
import { sweepSettings, type SweepResult } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';
import { DEFAULT_SWEEP, type SweepChoice } from './sweep-link';

export type SweepStatus = 'starting' | 'running' | 'finished' | 'cancelled' | 'error';

export interface SweepJob {
  id: string;
  choice: SweepChoice;
  status: SweepStatus;
  done: number;
  total: number;
  /** performance.now() when the first progress arrived, and when the last did. */
  startedAt: number | null;
  updatedAt: number | null;
  message?: string;
}

interface SweepStore {
  choice: SweepChoice;
  job: SweepJob | null;
  results: SweepResult[];
  connect(client: EngineClient): () => void;
  choose(change: Partial<SweepChoice>): void;
  run(): void;
  cancel(): void;
  /** Forgets the last sweep (cancelling it if it runs). */
  reset(): void;
}

let client: EngineClient | null = null;
let count = 0;

export const useSweep = create<SweepStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    const { job } = get();
    if (event.type === 'engine-lost' && live()) return set({ job: { ...job!, status: 'error', message: event.message } });
    if (!job || !('id' in event) || event.id !== job.id) return;
    if (event.type === 'sweep-progress') {
      const now = performance.now();
      set((s) => ({
        job: { ...job, status: 'running', done: event.done, total: event.total, startedAt: job.startedAt ?? now, updatedAt: now },
        results: event.results.length ? [...s.results, ...event.results] : s.results,
      }));
    } else if (event.type === 'sweep-end') {
      set({ job: { ...job, status: event.reason, message: event.message } });
    }
  };
  const live = () => {
    const { job } = get();
    return job && (job.status === 'starting' || job.status === 'running') ? job : null;
  };
  return {
    choice: DEFAULT_SWEEP,
    job: null,
    results: [],
    connect(c) {
      client = c;
      return c.subscribe(onEvent);
    },
    choose: (change) => set((s) => ({ choice: { ...s.choice, ...change } })),
    run() {
      get().reset();
      const { choice } = get();
      const id = `sweep-${++count}`;
      set({ job: { id, choice, status: 'starting', done: 0, total: 0, startedAt: null, updatedAt: null }, results: [] });
      client?.send({ type: 'sweep', id, settings: sweepSettings(choice.kind, choice.preset, choice.loss, choice.seed), backend: choice.backend, precision: choice.precision });
    },
    cancel() {
      const job = live();
      if (job) client?.send({ type: 'sweep-cancel', id: job.id });
    },
    reset() {
      get().cancel();
      set({ job: null, results: [] });
    },
  };
});
