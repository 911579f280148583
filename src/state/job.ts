/**
 * The page's side of the one job lifecycle (protocol JobStatus): every job the page follows (a
 * run, a sweep, the race) has a status and, once stopped, a stop from the catalog's list, and
 * moves by the same events. Stores differ in what a job records, not in how it starts or ends.
 */
import { stopMessage, type Stop } from '../catalog';
import type { JobStatus, WorkerEvent } from '../protocol/messages';

export interface JobState {
  status: JobStatus;
  stop: Stop | null;
}

export const isLive = (job: JobState | null | undefined): boolean => !!job && job.status !== 'stopped';

/** The job after `event`: its own status event, or the engine lost while it was live; else unchanged. */
export function jobAfter<J extends JobState>(job: J, id: string, event: WorkerEvent): J {
  if (event.type === 'status' && event.id === id) return { ...job, status: event.status, stop: event.stop ?? job.stop };
  if (event.type === 'engine-lost' && isLive(job)) return { ...job, status: 'stopped', stop: { reason: 'engine-lost', message: stopMessage('engine-lost') } };
  return job;
}
