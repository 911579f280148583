/**
 * The reports of chapter 8's fits: one per finished run, asked of the worker (which computes it in
 * float64 whatever the run's precision) at the run's last parameters, with the curve's bands on a
 * grid of its predictor. A report answers the parameters it was asked for: a new run or a reset
 * forgets the old ones, and an answer for a request no longer held is dropped.
 */
import { create } from 'zustand';
import type { Band, FitDefinition, FitReport } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';
import { useRuns } from './runs-store';

export interface RunReport {
  /** The parameters the report is at. */
  params: number[];
  report: FitReport | null;
  band: Band | null;
  /** Why there is no report (a fault of the worker's, or the engine lost). */
  error: string | null;
  pending: boolean;
}

interface FitReportStore {
  /** By run id. */
  reports: Record<string, RunReport>;
  connect(client: EngineClient): () => void;
  /**
   * Asks for the report of a run's fit at `params` (and the bands at the points `bandAt` gives),
   * unless it has it. `bandAt` is called only then: the page asks on every redraw.
   */
  request(runId: string, definition: FitDefinition, params: number[], bandAt?: () => number[] | undefined): void;
  reset(): void;
}

let client: EngineClient | null = null;
/** Request ids, so that an answer is matched to the request that is still held. */
let count = 0;
const pendingIds = new Map<string, string>();

const sameParams = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export const useFitReports = create<FitReportStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    if (event.type === 'engine-lost') {
      const lost = [...pendingIds.values()];
      pendingIds.clear();
      set((s) => ({
        reports: Object.fromEntries(Object.entries(s.reports).map(([id, r]) => [id, lost.includes(id) ? { ...r, pending: false, error: event.message } : r])),
      }));
      return;
    }
    if (event.type !== 'fit-report') return;
    const runId = pendingIds.get(event.id);
    if (runId === undefined) return;
    pendingIds.delete(event.id);
    set((s) => ({ reports: { ...s.reports, [runId]: { ...s.reports[runId], report: event.report, band: event.band, error: event.error ?? null, pending: false } } }));
  };
  return {
    reports: {},
    connect(c) {
      client = c;
      const unsubscribe = c.subscribe(onEvent);
      // A run the page no longer shows (a new race, a reset) takes its report with it.
      const forget = useRuns.subscribe((runs, prev) => {
        if (runs.runs === prev.runs) return;
        const shown = new Set(runs.runs.map((r) => r.runId));
        const { reports } = get();
        if (Object.keys(reports).some((id) => !shown.has(id))) set({ reports: Object.fromEntries(Object.entries(reports).filter(([id]) => shown.has(id))) });
      });
      return () => {
        unsubscribe();
        forget();
      };
    },
    request(runId, definition, params, bandAt) {
      const held = get().reports[runId];
      if (held && sameParams(held.params, params)) return;
      for (const [id, r] of pendingIds) if (r === runId) pendingIds.delete(id);
      const id = `fit-report-${++count}`;
      pendingIds.set(id, runId);
      set((s) => ({ reports: { ...s.reports, [runId]: { params, report: null, band: null, error: null, pending: true } } }));
      const at = bandAt?.();
      client?.send({ type: 'fit-report', id, definition, params, ...(at ? { bandAt: at } : {}) });
    },
    reset() {
      pendingIds.clear();
      set({ reports: {} });
    },
  };
});
