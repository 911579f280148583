import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { CSP } from './scripts/csp.mjs';
import { katexWoff2 } from './scripts/katex-woff2.mjs';
import { serviceWorker } from './scripts/service-worker-plugin.mjs';
import { ISOLATION_HEADERS } from './src/service-worker/rules.ts';

/**
 * The Content-Security-Policy (scripts/csp.mjs) as a meta tag first in the built page's <head>.
 * Build only: the dev server injects an inline script (React's refresh preamble) the policy forbids.
 */
function cspMeta(): Plugin {
  return {
    name: 'curvature-csp-meta',
    apply: 'build',
    // Written as text rather than as a tag descriptor, which would escape every quote as &#39;.
    transformIndexHtml(html) {
      if (/["&<>]/.test(CSP)) throw new Error('The CSP text needs escaping in an attribute.');
      if (!html.includes('<head>')) throw new Error('index.html has no <head> to put the CSP in.');
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

// base './' makes the built site work from any sub-path (the e2e tests serve it from one).
export default defineConfig({
  base: './',
  plugins: [react(), cspMeta(), katexWoff2(), serviceWorker()],
  // Cross-origin isolation from `npm start` and `npm run preview`; elsewhere sw.js adds the headers.
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  // The digits data ships as its gzipped CSV, imported by URL.
  assetsInclude: ['**/*.csv.gz'],
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
    // tfjs-core's gradients exist only as extensionless ESM (dist/register_all_gradients.js), which
    // Node cannot load by itself; Vite transforms them instead.
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
