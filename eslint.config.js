// Lint, including the one-way import rules between layers of DESIGN.md.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['catalog', 'formula', 'data', 'engine', 'protocol', 'worker', 'client', 'state', 'charts', 'ui', 'chapters', 'app', 'cli', 'service-worker'];
/** What each layer of src/ may import (besides itself and packages). */
const ALLOWED = {
  catalog: ['data'],
  formula: [],
  /** Tables of numbers: the reader's data parsed, NIST's reference problems, the LRE score. */
  data: [],
  engine: ['catalog', 'formula', 'data'],
  protocol: ['catalog'],
  worker: ['engine', 'protocol', 'catalog'],
  client: ['protocol', 'catalog'],
  state: ['client', 'protocol', 'catalog'],
  charts: ['catalog', 'protocol'],
  ui: ['state', 'charts', 'catalog', 'formula', 'data', 'protocol'],
  chapters: ['ui', 'state', 'charts', 'catalog'],
  app: ['chapters', 'ui', 'state', 'charts', 'client', 'protocol', 'catalog', 'formula', 'data'],
  cli: ['engine', 'catalog', 'formula', 'data'],
  /** The site's service worker (built on its own as sw.js): nothing of the app. */
  'service-worker': [],
};
/** Packages that only some layers may touch. */
const PAGE_ONLY = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'plotly.js-cartesian-dist-min', 'katex'];
const TFJS = ['@tensorflow/*'];

function layerRule(layer) {
  const forbiddenLayers = LAYERS.filter((l) => l !== layer && !ALLOWED[layer].includes(l));
  const patterns = forbiddenLayers.map((l) => ({
    // src/data by its path from src/: src/engine/data (the engine's shipped digits) is another folder.
    group: l === 'data' ? ['../data', '../data/*', '../../data', '../../data/*'] : [`**/${l}`, `**/${l}/**`, `../${l}/*`, `../../${l}/*`],
    message: `src/${layer} may not import src/${l} (see DESIGN.md, layers).`,
  }));
  const engineSide = ['catalog', 'formula', 'data', 'engine', 'protocol', 'worker', 'cli', 'service-worker'].includes(layer);
  if (engineSide) patterns.push({ group: PAGE_ONLY, message: `src/${layer} runs off the page: no React, zustand, Plotly or KaTeX.` });
  if (!['engine', 'worker', 'cli'].includes(layer)) patterns.push({ group: TFJS, message: `Only the engine and worker touch tfjs.` });
  // The worker and the CLI see the engine through its public entry (src/engine/index.ts), and its shipped data.
  if (layer === 'worker' || layer === 'cli') patterns.push({ group: ['../engine/*', '!../engine/data', '!../engine/test-backends'], message: "Import the engine through '../engine' (src/engine/index.ts), its public entry." });
  // Each chapter stands alone: shared parts live in ui/, what a chapter is in the registry.
  if (layer === 'chapters') patterns.push({ group: ['../ch*', '../ch*/**', '../../chapters/*/**'], message: 'A chapter may not import another chapter (share through src/ui or the registry).' });
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results/**', 'scratch/**', 'e2e/screenshots/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    rules: {
      'import/no-cycle': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-globals': ['error', { name: 'eval', message: 'Never evaluate text as code.' }],
    },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
  },
  ...LAYERS.map(layerRule),
  {
    files: ['src/catalog/**', 'src/engine/**', 'src/protocol/**', 'src/worker/**', 'src/service-worker/**'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', { name: 'eval', message: 'Never evaluate text as code.' }],
    },
  },
  {
    // Every spec runs under the site guard of e2e/fixtures.ts (no request off the origin, no CSP violation).
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './fixtures', which fails a test on any CSP violation or request off the origin." }],
      }],
    },
  },
);
