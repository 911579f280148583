/**
 * Chapter 5's training race on the page: a job of the one store shape (job-store.ts) whose record
 * is growing columns, one per entrant, that the charts read (mutated in place; `version` bumps).
 */
import { RACE_OPTIMIZERS, type RaceStep } from '../catalog';
import { createJobStore } from './job-store';
import { useSweepChoice } from './sweep-store';

export interface RaceColumns {
  step: number[];
  /** Per entrant, in RACE_OPTIMIZERS order. */
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
  return c;
}

export const useRace = createJobStore<RaceColumns>({
  prefix: 'race',
  empty: emptyColumns,
  progress: (columns, event, id) => (event.type === 'race-progress' && event.id === id ? append(columns, event.steps) : null),
});

/** Starts the race with the sweep's data settings (loss, seed, backend, precision). */
export function runRace() {
  const { loss, seed, backend, precision } = useSweepChoice.getState().choice;
  useRace.getState().start((id) => ({ type: 'race', id, loss, seed, backend, precision }));
}
