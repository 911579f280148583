/**
 * Chapter 6's digits cell: its settings (in the link) and the worker's answer for them. Computing
 * is on request (it trains a net first: seconds); new settings forget the old answer.
 */
import { create } from 'zustand';
import { DIGITS_CURVATURE_DEFAULTS, type DigitsCurvature, type DigitsCurvatureSettings } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';

interface DigitsCellStore {
  settings: DigitsCurvatureSettings;
  result: DigitsCurvature | null;
  error: string | null;
  pending: boolean;
  connect(client: EngineClient): () => void;
  set(settings: DigitsCurvatureSettings): void;
  compute(): void;
}

let client: EngineClient | null = null;
let count = 0;
let asked: string | null = null;

export const useDigitsCell = create<DigitsCellStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    if (event.type === 'engine-lost' && asked) {
      asked = null;
      set({ pending: false, error: event.message });
    }
    if (event.type !== 'digits-curvature' || event.id !== asked) return;
    asked = null;
    set({ result: event.result, error: event.error ?? null, pending: false });
  };
  return {
    settings: DIGITS_CURVATURE_DEFAULTS,
    result: null,
    error: null,
    pending: false,
    connect(c) {
      client = c;
      return c.subscribe(onEvent);
    },
    set(settings) {
      asked = null;
      set({ settings, result: null, error: null, pending: false });
    },
    compute() {
      asked = `digits-curvature-${++count}`;
      set({ result: null, error: null, pending: true });
      client?.send({ type: 'digits-curvature', id: asked, settings: get().settings });
    },
  };
});
