/**
 * Chapter 5 on the page: the sweep's settings (mirrored in the link by app/url-sync), and the
 * running or last sweep: its progress, the time it started, and every result as it arrives.
 */
import { create } from 'zustand';
import { sweepSettings, type SweepResult } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';
import { isLive, jobAfter, type JobState } from './job';
import { DEFAULT_SWEEP, type SweepChoice } from './sweep-link';

export interface SweepJob extends JobState {
  id: string;
  choice: SweepChoice;
  done: number;
  total: number;
  /** performance.now() when the first progress arrived, and when the last did. */
  startedAt: number | null;
  updatedAt: number | null;
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
    if (!job) return;
    if (event.type === 'sweep-progress' && event.id === job.id) {
      const now = performance.now();
      return set((s) => ({
        job: { ...job, done: event.done, total: event.total, startedAt: job.startedAt ?? now, updatedAt: now },
        results: event.results.length ? [...s.results, ...event.results] : s.results,
      }));
    }
    const next = jobAfter(job, job.id, event);
    if (next !== job) set({ job: next });
  };
  const live = () => {
    const { job } = get();
    return isLive(job) ? job : null;
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
      set({ job: { id, choice, status: 'queued', stop: null, done: 0, total: 0, startedAt: null, updatedAt: null }, results: [] });
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
