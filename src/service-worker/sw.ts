/**
 * The site's service worker: offline use, and cross-origin isolation on hosts that send no
 * headers. scripts/service-worker-plugin.mjs bundles this file as sw.js at the site's root,
 * after a line that declares BUILD: the build's version (a hash of its files) and every file it
 * precaches, with each file's SHA-256.
 * - install: fetches every file of its build (revalidated with the server, checked against its
 *   hash) into a cache named by the version; one failure fails the install, so a cache is never
 *   partial and never mixes two builds. The first worker of a page takes over at once; a newer
 *   one waits until the page asks it to (the reader's consent: the page offers a reload).
 * - activate: deletes the caches of other builds, takes control of the open pages.
 * - fetch: a GET in scope for a file of its build is answered from its cache (a navigation to
 *   the app from its index.html), anything else in scope from the network; every answer carries
 *   the isolation headers, besides the headers the server sent.
 */
import { cacheName, inScope, isScopeCache, precachedUrl, withIsolation } from './rules';

declare const self: ServiceWorkerGlobalScope;
declare const BUILD: { version: string; files: [path: string, integrity: string][] };

const SCOPE = self.registration.scope;
const CACHE = cacheName(BUILD.version, SCOPE);
const FILES: ReadonlySet<string> = new Set(BUILD.files.map(([path]) => path));

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      BUILD.files.map(async ([path, integrity]) => {
        const url = new URL(path, SCOPE).href;
        // 'no-cache': revalidated with the server (a 304 costs nothing), never an older copy taken
        // unasked from the HTTP cache; integrity: exactly this build's file, or a failed install.
        const response = await fetch(url, { cache: 'no-cache', integrity });
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        await cache.put(url, response);
      }),
    );
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('install', (event) => {
  // No active worker yet: nothing to stay consistent with, so serve the open page from now on.
  const first = !self.registration.active;
  event.waitUntil(precache().then(() => (first ? self.skipWaiting() : undefined)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = (await caches.keys()).filter((name) => isScopeCache(name, SCOPE) && name !== CACHE);
      await Promise.all(stale.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

async function fromCache(url: string, request: Request): Promise<Response> {
  const cached = await (await caches.open(CACHE)).match(url);
  // Missing only if the browser dropped part of its storage: then the network's copy (an asset's
  // name holds its hash: the same file, or a 404).
  return withIsolation(cached ?? (await fetch(request)));
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !inScope(url, SCOPE)) return;
  const cached = precachedUrl(url, request.mode === 'navigate', SCOPE, FILES);
  event.respondWith(cached ? fromCache(cached, request) : fetch(request).then(withIsolation));
});
