/**
 * The page's side of the service worker (src/service-worker/sw.ts, built as sw.js): registers it
 * in the production build, and tells the site store (state/site-store.ts) what it finds.
 * - The first worker takes over this page at once (its later chunks and the engine's files come
 *   from its cache), but cross-origin isolation through it starts only with the next load: the
 *   page says so, and does not reload by itself (that would end the reader's runs).
 * - A newer build waits, saved whole, until the reader accepts it: the store's applyUpdate asks
 *   the waiting worker to take over, and the page reloads once it has (the new build's page, all
 *   of it from the new build's cache).
 */
import { useSite } from '../state/site-store';

const HOUR = 60 * 60 * 1000;

export function startServiceWorker(): void {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  const label: unknown = import.meta.env.VITE_BUILD_LABEL;
  useSite.setState({ isolated: globalThis.crossOriginIsolated === true, controlledAtLoad: Boolean(container?.controller), build: typeof label === 'string' ? label : '' });
  // The development server has no sw.js (and sends the isolation headers itself).
  if (!import.meta.env.PROD || !container) return;

  let controlled = Boolean(container.controller);
  let accepted = false;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (accepted) {
      if (!reloading) location.reload();
      reloading = true;
    } else if (controlled) {
      useSite.setState({ update: 'replaced' }); // another tab accepted a newer build: this page's files are gone
    }
    controlled = true; // else the first worker took this page over
  });

  const register = async () => {
    const registration = await container.register('./sw.js', { scope: './', updateViaCache: 'none' });
    const follow = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const note = () => {
        if (worker.state === 'activated') useSite.setState({ offline: 'ready' });
        else if (worker.state === 'installed' && registration.active && worker === registration.waiting) useSite.setState({ update: 'waiting' });
        else if (worker.state === 'redundant' && !registration.active) useSite.setState({ offline: 'failed' });
      };
      worker.addEventListener('statechange', note);
      note();
    };
    useSite.setState({
      offline: registration.active ? 'ready' : 'saving',
      applyUpdate: () => {
        if (!registration.waiting) return location.reload();
        accepted = true;
        registration.waiting.postMessage({ type: 'skip-waiting' });
      },
    });
    follow(registration.waiting);
    follow(registration.installing);
    registration.addEventListener('updatefound', () => follow(registration.installing));
    // The browser looks for a new sw.js on each load; a page left open looks every hour too.
    setInterval(() => void registration.update().catch(() => undefined), HOUR);
  };
  const start = () => void register().catch(() => useSite.setState({ offline: 'failed' }));
  // After the page's own files: the worker then fetches the whole build once more, revalidated.
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
