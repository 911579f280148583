/**
 * Chapter 5's training race on the page: its status and every step as it arrives, kept as growing
 * columns (one per optimizer) that the charts read; `version` bumps once per event.
 */
import { create } from 'zustand';
import { RACE_OPTIMIZERS, type RaceStep } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';
import { isLive, jobAfter, type JobState } from './job';
import { useSweep } from './sweep-store';

export interface RaceColumns {
  step: number[];
  /** Per optimizer, in RACE_OPTIMIZERS order. */
  loss: number[][];
  gradNorm: number[][];
  h: { min: number[]; median: number[]; max: number[] };
  accuracy: { step: number[]; train: number[][]; test: number[][] };
}

const emptyColumns = (): RaceColumns => ({
  step: [],
  loss: RACE_OPTIMIZERS.map(() => []),
  gradNorm: RACE_OPTIMIZERS.map(() => []),
  h: { min: [], median: [], max: [] },
  accuracy: { step: [], train: RACE_OPTIMIZERS.map(() => []), test: RACE_OPTIMIZERS.map(() => []) },
});

function append(c: RaceColumns, steps: RaceStep[]) {
  for (const s of steps) {
    c.step.push(s.step);
    s.loss.forEach((v, m) => c.loss[m].push(v));
    s.gradNorm.forEach((v, m) => c.gradNorm[m].push(v));
    c.h.min.push(s.h[0]);
    c.h.median.push(s.h[1]);
    c.h.max.push(s.h[2]);
    if (s.accuracy) {
      c.accuracy.step.push(s.step);
      s.accuracy.train.forEach((v, m) => c.accuracy.train[m].push(v));
      s.accuracy.test.forEach((v, m) => c.accuracy.test[m].push(v));
    }
  }
}

interface RaceStore {
  job: (JobState & { id: string }) | null;
  columns: RaceColumns;
  version: number;
  connect(client: EngineClient): () => void;
  run(): void;
  cancel(): void;
  reset(): void;
}

let client: EngineClient | null = null;
let count = 0;

export const useRace = create<RaceStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    const { job, columns } = get();
    if (!job) return;
    if (event.type === 'race-progress' && event.id === job.id) {
      append(columns, event.steps);
      return set((s) => ({ version: s.version + 1 }));
    }
    const next = jobAfter(job, job.id, event);
    if (next !== job) set((s) => ({ job: next, version: s.version + 1 }));
  };
  const live = () => {
    const { job } = get();
    return isLive(job) ? job : null;
  };
  return {
    job: null,
    columns: emptyColumns(),
    version: 0,
    connect(c) {
      client = c;
      return c.subscribe(onEvent);
    },
    run() {
      get().reset();
      const { loss, seed, backend, precision } = useSweep.getState().choice;
      const id = `race-${++count}`;
      set((s) => ({ job: { id, status: 'queued', stop: null }, columns: emptyColumns(), version: s.version + 1 }));
      client?.send({ type: 'race', id, loss, seed, backend, precision });
    },
    cancel() {
      const job = live();
      if (job) client?.send({ type: 'race-cancel', id: job.id });
    },
    reset() {
      get().cancel();
      set((s) => ({ job: null, columns: emptyColumns(), version: s.version + 1 }));
    },
  };
});
