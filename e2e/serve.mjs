// A tiny static server for the built site under a sub-path, as a strict static host would serve
// it: every response carries the site's Content-Security-Policy as a header, which (unlike the
// built page's meta tag) also reaches the worker.
// It sends no Cross-Origin-Opener-Policy or -Embedder-Policy (GitHub Pages cannot either): the
// site's service worker adds them (e2e/offline.spec.ts).
// Usage: node e2e/serve.mjs [port] [base] [root]   (defaults 4173, /curvature/, dist/)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP } from '../scripts/csp.mjs';

const ROOT = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json',
};

/**
 * @param {number} [port]
 * @param {string} [base]
 * @param {string | (() => string)} [root] the folder served, or a function read on every request
 *   (a test switches builds under a running server with it)
 */
export function serve(port = 4173, base = '/curvature/', root = ROOT) {
  const server = createServer((req, res) => {
    res.setHeader('content-security-policy', CSP);
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('not under ' + base);
      return;
    }
    let rel = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    const file = join(typeof root === 'function' ? root() : root, rel);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 4173);
  const base = process.argv[3] ?? '/curvature/';
  const root = process.argv[4] ?? ROOT;
  await serve(port, base, root);
  console.log(`Serving ${root} at http://127.0.0.1:${port}${base}`);
}
