/**
 * Chapter 6's cell: its settings (in the link) and the worker's answer at the point. An answer is
 * shown only for the settings it was asked with: an edit or a new link forgets it, and an answer
 * to a request no longer held is dropped. A lost engine turns a pending request into its message.
 */
import { create } from 'zustand';
import { DEFAULT_POINT, type PointReport, type PointSettings } from '../catalog';
import type { EngineClient } from '../client/engine-client';
import type { WorkerEvent } from '../protocol/messages';

interface PointStore {
  settings: PointSettings;
  /** The answer for `settings`, once computed. */
  result: PointReport | null;
  error: string | null;
  pending: boolean;
  connect(client: EngineClient): () => void;
  /** New settings (a field, a preset, a link): the old answer goes. */
  set(settings: PointSettings): void;
  compute(): void;
}

let client: EngineClient | null = null;
let count = 0;
let asked: string | null = null;

export const usePoint = create<PointStore>()((set, get) => {
  const onEvent = (event: WorkerEvent) => {
    if (event.type === 'engine-lost' && asked) {
      asked = null;
      set({ pending: false, error: event.message });
    }
    if (event.type !== 'point' || event.id !== asked) return;
    asked = null;
    set({ result: event.result, error: event.error ?? null, pending: false });
  };
  return {
    settings: DEFAULT_POINT,
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
      asked = `point-${++count}`;
      set({ result: null, error: null, pending: true });
      client?.send({ type: 'point', id: asked, settings: get().settings });
    },
  };
});
