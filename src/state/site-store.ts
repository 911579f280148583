/**
 * How this copy of the site runs, as app/service-worker.ts finds it: cross-origin isolated or
 * not, saved for offline use or not, and whether a newer build waits for the reader's consent.
 */
import { create } from 'zustand';

/** 'unavailable': no service worker here (the development server, a browser without them). */
export type OfflineState = 'unavailable' | 'saving' | 'ready' | 'failed';
/** 'waiting': a newer build is saved and waits; 'replaced': another tab accepted it, this page is older. */
export type UpdateState = 'none' | 'waiting' | 'replaced';

export interface SiteStore {
  /** self.crossOriginIsolated: SharedArrayBuffer is available to the page and its workers. */
  isolated: boolean;
  /** Whether a service worker controlled this page when it loaded (it can isolate a page only from its load). */
  controlledAtLoad: boolean;
  offline: OfflineState;
  update: UpdateState;
  /** The build's label (VITE_BUILD_LABEL when it was built), '' without one. */
  build: string;
  /** Accepts the waiting build: the page reloads into it (set by app/service-worker.ts). */
  applyUpdate(): void;
}

export const useSite = create<SiteStore>()(() => ({
  isolated: false,
  controlledAtLoad: false,
  offline: 'unavailable',
  update: 'none',
  build: '',
  applyUpdate: () => location.reload(),
}));

/** The one-line mode: offline or not, isolated or not, and why not when it can tell. */
export function siteMode(s: Pick<SiteStore, 'isolated' | 'controlledAtLoad' | 'offline' | 'build'>): string {
  const offline = { unavailable: 'Not saved for offline use', saving: 'Saving for offline use…', ready: 'Works offline', failed: 'Could not be saved for offline use' }[s.offline];
  const isolation = s.isolated
    ? 'cross-origin isolated'
    : s.controlledAtLoad
      ? 'not cross-origin isolated: this browser does not allow it here (no SharedArrayBuffer)'
      : s.offline === 'ready'
        ? 'not cross-origin isolated yet (no SharedArrayBuffer): takes effect after a reload'
        : 'not cross-origin isolated (no SharedArrayBuffer)';
  return `${offline} · ${isolation}${s.build ? ` · build ${s.build}` : ''}`;
}
