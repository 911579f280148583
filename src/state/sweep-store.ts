/**
 * Chapter 5's sweeps on the page: the settings (`useSweepChoice`, mirrored in the link by
 * app/url-sync), and the running or last sweep, a job of the one store shape (job-store.ts) whose
 * record is its progress, the times it started and last reported, and every result as it arrives.
 */
import { create } from 'zustand';
import { sweepSettings, type SweepResult } from '../catalog';
import { createJobStore } from './job-store';
import { DEFAULT_SWEEP, type SweepChoice } from './sweep-link';

export interface SweepRecord {
  /** The settings it runs. */
  choice: SweepChoice | null;
  done: number;
  total: number;
  /** performance.now() when the first progress arrived, and when the last did. */
  startedAt: number | null;
  updatedAt: number | null;
  results: SweepResult[];
}

const empty = (): SweepRecord => ({ choice: null, done: 0, total: 0, startedAt: null, updatedAt: null, results: [] });

export const useSweep = createJobStore<SweepRecord>({
  prefix: 'sweep',
  empty,
  progress(record, event, id) {
    if (event.type !== 'sweep-progress' || event.id !== id) return null;
    const now = performance.now();
    const results = event.results.length ? [...record.results, ...event.results] : record.results;
    return { ...record, done: event.done, total: event.total, startedAt: record.startedAt ?? now, updatedAt: now, results };
  },
});

interface SweepChoiceStore {
  choice: SweepChoice;
  choose(change: Partial<SweepChoice>): void;
}

export const useSweepChoice = create<SweepChoiceStore>()((set) => ({
  choice: DEFAULT_SWEEP,
  choose: (change) => set((s) => ({ choice: { ...s.choice, ...change } })),
}));

/** Starts a sweep of the chosen settings. */
export function runSweep() {
  const { choice } = useSweepChoice.getState();
  const command = (id: string) => ({ type: 'sweep', id, settings: sweepSettings(choice.kind, choice.preset, choice.loss, choice.seed), backend: choice.backend, precision: choice.precision }) as const;
  useSweep.getState().start(command, { ...empty(), choice });
}
