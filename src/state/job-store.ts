/**
 * The one store shape for a job the page runs one at a time (chapter 5's sweep and race): start
 * it, follow its status (job.ts) and its progress, cancel it or forget it. A store says only what
 * its job records (`record`, grown by its progress events) and which command starts it. Charts
 * that read a record mutated in place follow `version`, which bumps once per event.
 */
import { create } from 'zustand';
import type { EngineClient } from '../client/engine-client';
import type { Command, WorkerEvent } from '../protocol/messages';
import { isLive, jobAfter, type JobState } from './job';

export interface Job extends JobState {
  id: string;
}

export interface JobStore<R> {
  job: Job | null;
  record: R;
  version: number;
  connect(client: EngineClient): () => void;
  /** Forgets the last job and starts a new one with the command built for its id (and a record to start from). */
  start(command: (id: string) => Command, record?: R): void;
  cancel(): void;
  /** Forgets the last job (cancelling it if it runs). */
  reset(): void;
}

export interface JobRecord<R> {
  /** The id prefix of this store's jobs (sweep-1, sweep-2, ...). */
  prefix: string;
  empty(): R;
  /** The record after one of the job's progress events, or null when the event is not one. */
  progress(record: R, event: WorkerEvent, id: string): R | null;
}

export function createJobStore<R>({ prefix, empty, progress }: JobRecord<R>) {
  let client: EngineClient | null = null;
  let count = 0;
  return create<JobStore<R>>()((set, get) => {
    const onEvent = (event: WorkerEvent) => {
      const { job, record } = get();
      if (!job) return;
      const grown = progress(record, event, job.id);
      if (grown) return set((s) => ({ record: grown, version: s.version + 1 }));
      const next = jobAfter(job, job.id, event);
      if (next !== job) set((s) => ({ job: next, version: s.version + 1 }));
    };
    return {
      job: null,
      record: empty(),
      version: 0,
      connect(c) {
        client = c;
        return c.subscribe(onEvent);
      },
      start(command, record = empty()) {
        get().reset();
        const id = `${prefix}-${++count}`;
        set((s) => ({ job: { id, status: 'queued', stop: null }, record, version: s.version + 1 }));
        client?.send(command(id));
      },
      cancel() {
        const { job } = get();
        if (isLive(job)) client?.send({ type: 'cancel', id: (job as Job).id });
      },
      reset() {
        get().cancel();
        set((s) => ({ job: null, record: empty(), version: s.version + 1 }));
      },
    };
  });
}
