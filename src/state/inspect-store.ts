/**
 * The curvature panel's report: what was asked (a run, the step it had reached, which report) and
 * the worker's answer, computed in float64 at that run's parameters. One request at a time: a new
 * one replaces the pending one, whose answer is then dropped. A lost engine turns a pending request
 * into its message; a new race or a reset forgets the report.
 */
import { create } from 'zustand';
import { definitionOf, type CurvatureReport, type Experiment, type Inspection } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';
import { useRuns, type RunView } from './runs-store';
import { last, lastParams } from './series';

export interface Inspected {
  runId: string;
  step: number;
  what: Inspection;
  report: CurvatureReport | null;
  error: string | null;
  pending: boolean;
  /** What the worker took to compute it (ms). */
  ms: number;
}

interface InspectStore {
  inspected: Inspected | null;
  connect(client: EngineClient): () => void;
  /** The report `what` at the run's latest parameters. */
  request(e: Experiment, run: RunView, what: Inspection): void;
  reset(): void;
}

let client: EngineClient | null = null;
let count = 0;
let asked: string | null = null;

export const useInspect = create<InspectStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    const held = get().inspected;
    if (event.type === 'engine-lost' && asked && held) {
      asked = null;
      set({ inspected: { ...held, pending: false, error: event.message } });
    }
    if (event.type !== 'inspect' || event.id !== asked || !held) return;
    asked = null;
    set({ inspected: { ...held, report: event.report, error: event.error ?? null, pending: false, ms: event.ms } });
  };
  return {
    inspected: null,
    connect(c) {
      client = c;
      const unsubscribe = c.subscribe(onEvent);
      const forget = useRuns.subscribe((runs, prev) => {
        const held = get().inspected;
        if (runs.runs !== prev.runs && held && !runs.runs.some((r) => r.runId === held.runId)) get().reset();
      });
      return () => {
        unsubscribe();
        forget();
      };
    },
    request(e, run, what) {
      if (!run.series.length) return;
      asked = `inspect-${++count}`;
      const step = last(run.series, 'step');
      set({ inspected: { runId: run.runId, step, what, report: null, error: null, pending: true, ms: 0 } });
      client?.send({ type: 'inspect', id: asked, problem: e.problem, seed: e.seed, ...definitionOf(e), params: lastParams(run.series), what });
    },
    reset() {
      asked = null;
      set({ inspected: null });
    },
  };
});
