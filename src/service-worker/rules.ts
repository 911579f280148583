/**
 * The service worker's pure rules (sw.ts wires them to its events): which cached file answers a
 * request, which caches are its own, and the headers that make a page cross-origin isolated.
 * Also the one copy of those headers: vite.config.ts sends them from `npm start` and
 * `npm run preview`; on a static host that cannot (GitHub Pages), the worker adds them.
 */

/** Cross-origin isolation: with both, the page and its workers get SharedArrayBuffer. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Statuses whose response must have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The response with the isolation headers added and every header it had kept (the
 * Content-Security-Policy a strict host sends among them). An opaque response (status 0: a
 * navigation's redirect, another origin's file) cannot be copied and is returned as it is.
 */
export function withIsolation(response: Response): Response {
  if (response.status < 200 || response.status > 599) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(NULL_BODY.has(response.status) ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Caches of this app are named by its build and its scope: two copies on one origin keep theirs. */
const PREFIX = 'curvature ';
export const cacheName = (version: string, scope: string) => `${PREFIX}${version} ${scope}`;

/** Whether `name` is a cache of this app at `scope` (of any build). */
export const isScopeCache = (name: string, scope: string) => name.startsWith(PREFIX) && name.endsWith(` ${scope}`);

/** Whether `url` is under the worker's scope (same origin, path under the scope's path). */
export function inScope(url: URL, scope: string): boolean {
  const s = new URL(scope);
  return url.origin === s.origin && url.pathname.startsWith(s.pathname);
}

/**
 * The URL of the precached file (of this build) that answers a GET for `url`, or null when none
 * does and the network should. `files` are the build's paths relative to the scope; a navigation
 * to the scope itself or to index.html, whatever its query or fragment, gets index.html. Any
 * other navigation gets the file it names if precached, else the network: an unknown path in
 * scope may be another page of the host, and is not this app.
 */
export function precachedUrl(url: URL, navigate: boolean, scope: string, files: ReadonlySet<string>): string | null {
  if (!inScope(url, scope)) return null;
  const root = new URL(scope).pathname;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice(root.length));
  } catch {
    return null; // a malformed escape names no file of ours
  }
  if (navigate && (path === '' || path === 'index.html')) return files.has('index.html') ? new URL('index.html', scope).href : null;
  return files.has(path) ? new URL(path, scope).href : null;
}
