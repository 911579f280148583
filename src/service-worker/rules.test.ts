import { describe, expect, test } from 'vitest';
import { cacheName, inScope, isScopeCache, ISOLATION_HEADERS, precachedUrl, withIsolation } from './rules';

const SCOPE = 'https://example.org/curvature/';
const FILES = new Set(['index.html', 'favicon.svg', 'assets/index-Abc.js', 'assets/engine.worker-Def.js', 'assets/tfjs-backend-wasm-simd-G.wasm']);
const at = (path: string, navigate = false) => precachedUrl(new URL(path, 'https://example.org'), navigate, SCOPE, FILES);

describe('withIsolation', () => {
  test('adds COOP and COEP, keeping the status, the body and every header the server sent (its CSP among them)', async () => {
    const csp = "default-src 'self'; worker-src 'self'";
    const original = new Response('<p>hi</p>', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/html', 'content-security-policy': csp } });
    const isolated = withIsolation(original);
    expect(isolated.status).toBe(200);
    expect(isolated.statusText).toBe('OK');
    expect(isolated.headers.get('content-type')).toBe('text/html');
    expect(isolated.headers.get('content-security-policy')).toBe(csp);
    expect(isolated.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(isolated.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await isolated.text()).toBe('<p>hi</p>');
  });

  test('replaces weaker isolation headers the server sent', () => {
    const isolated = withIsolation(new Response('x', { headers: { 'cross-origin-embedder-policy': 'unsafe-none' } }));
    expect(isolated.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  test('keeps a 404 a 404, and a bodiless status bodiless', async () => {
    const missing = withIsolation(new Response('not found', { status: 404 }));
    expect([missing.status, await missing.text(), missing.headers.get('cross-origin-opener-policy')]).toEqual([404, 'not found', 'same-origin']);
    const empty = withIsolation(new Response(null, { status: 204 }));
    expect([empty.status, empty.body]).toEqual([204, null]);
  });

  test('returns a response it cannot copy (status 0: an error, an opaque redirect) as it is', () => {
    const error = Response.error();
    expect(withIsolation(error)).toBe(error);
  });

  test('the headers are the two of cross-origin isolation', () => {
    expect(ISOLATION_HEADERS).toEqual({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  });
});

describe('precachedUrl', () => {
  test('a navigation to the app, whatever its query and fragment, gets the cached index.html', () => {
    for (const path of ['/curvature/', '/curvature/?cfg=abc', '/curvature/#ch=digits-sweep', '/curvature/index.html', '/curvature/index.html?x=1#ch=point']) {
      expect(at(path, true), path).toBe('https://example.org/curvature/index.html');
    }
  });

  test("a file of the build is answered from the cache by its URL, a query ignored", () => {
    expect(at('/curvature/assets/index-Abc.js')).toBe('https://example.org/curvature/assets/index-Abc.js');
    expect(at('/curvature/assets/tfjs-backend-wasm-simd-G.wasm?v=2')).toBe('https://example.org/curvature/assets/tfjs-backend-wasm-simd-G.wasm');
    expect(at('/curvature/favicon.svg', true)).toBe('https://example.org/curvature/favicon.svg');
  });

  test('anything else goes to the network: other files, other pages, other paths and origins', () => {
    expect(at('/curvature/assets/index-Old.js')).toBeNull(); // another build's
    expect(at('/curvature/sw.js')).toBeNull();
    expect(at('/curvature/')).toBeNull(); // not a navigation
    expect(at('/curvature/notes/other-page.html', true)).toBeNull();
    expect(at('/other/index.html', true)).toBeNull();
    expect(at('/curvature/assets/%E0%A4%A.js')).toBeNull(); // a malformed escape
    expect(precachedUrl(new URL('https://elsewhere.org/curvature/index.html'), true, SCOPE, FILES)).toBeNull();
  });

  test('scope: the same origin and a path under its path', () => {
    expect(inScope(new URL('https://example.org/curvature/a/b'), SCOPE)).toBe(true);
    expect(inScope(new URL('https://example.org/curvaturez'), SCOPE)).toBe(false);
    expect(inScope(new URL('http://example.org/curvature/'), SCOPE)).toBe(false);
  });
});

describe('caches', () => {
  test("are named by build and scope; a cache of this scope's other builds is its own, another scope's is not", () => {
    const mine = cacheName('v2', SCOPE);
    expect(isScopeCache(mine, SCOPE)).toBe(true);
    expect(isScopeCache(cacheName('v1', SCOPE), SCOPE)).toBe(true);
    expect(isScopeCache(cacheName('v1', 'https://example.org/other/'), SCOPE)).toBe(false);
    expect(isScopeCache('some-other-library-cache', SCOPE)).toBe(false);
  });
});
