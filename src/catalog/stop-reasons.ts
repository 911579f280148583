/** Why a run ended. Failures are values from this fixed list, never exceptions across threads. */
export type StopReason =
  | 'converged'
  | 'max-steps'
  | 'diverged'
  | 'singular'
  | 'stalled'
  | 'cancelled'
  | 'context-lost'
  | 'engine-lost'
  | 'error';

export interface Stop {
  reason: StopReason;
  /** A sentence a person can read: what happened and, where it helps, why. */
  message: string;
}

export const STOP_LABELS: Record<StopReason, string> = {
  converged: 'converged',
  'max-steps': 'max steps',
  diverged: 'diverged',
  singular: 'singular',
  stalled: 'stalled',
  cancelled: 'cancelled',
  'context-lost': 'GPU lost',
  'engine-lost': 'engine stopped',
  error: 'error',
};

/** Default messages; engines may pass a more specific one. */
export function stopMessage(reason: StopReason, detail?: string): string {
  const base: Record<StopReason, string> = {
    converged: 'Loss reached the target.',
    'max-steps': 'Reached the maximum number of steps.',
    diverged: 'The loss became infinite or NaN: the run diverged.',
    singular: 'The linear system of this step is singular: no step can be computed.',
    stalled: 'The run stalled.',
    cancelled: 'Cancelled.',
    'context-lost': 'The WebGL context was lost; the run was stopped.',
    'engine-lost': 'The engine worker stopped answering (closed, out of memory or stopped by the browser); the steps before that are kept.',
    error: 'The run failed.',
  };
  return detail ? `${base[reason]} ${detail}` : base[reason];
}
