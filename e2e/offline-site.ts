/**
 * What the service-worker specs (offline*.spec.ts) share: a copy of a build served by
 * e2e/serve.mjs (no isolation headers) on a port of its own, whose folder can be switched under
 * the running server; a build made for the test; and what a page loaded, as paths of the build.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBuild } from '../scripts/service-worker-plugin.mjs';
import { expect, type Page } from './fixtures';
import { serve } from './serve.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/** The port of these specs' own server: a fresh origin, with no service worker of the other specs' server (4173). */
export const PORT = 4177;
export const BASE = `http://127.0.0.1:${PORT}/curvature/`;

/** A folder of its own under the system's temporary folder. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'curvature-sw-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** A copy of dist/ (the build `npm run build` made), safe from a rebuild during the test. */
export function copyOfDist(): string {
  const dir = tempDir();
  cpSync(join(REPO, 'dist'), dir, { recursive: true });
  return dir;
}

/** A production build of the working tree into a new folder, labelled (VITE_BUILD_LABEL: shown in the page's mode line). */
export function buildLabelled(label: string): string {
  const dir = tempDir();
  execFileSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: REPO,
    env: { ...process.env, VITE_BUILD_LABEL: label },
    stdio: 'pipe',
  });
  return dir;
}

/** A running e2e/serve.mjs on PORT serving `root`, switchable to another folder. */
export async function site(root: string) {
  let current = root;
  const server: Server = await serve(PORT, '/curvature/', () => current);
  return {
    serve: (dir: string) => {
      current = dir;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The build's version and precached paths, as its sw.js declares them. */
export function buildOf(dir: string) {
  const build = readBuild(readFileSync(join(dir, 'sw.js'), 'utf8'));
  return { version: build.version, files: build.files.map(([path]) => path) };
}

/** Every file in a build's folder, as paths relative to it. */
export const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();

/** The cache name sw.js uses for a build at BASE (src/service-worker/rules.ts). */
export const cacheOf = (version: string) => `curvature ${version} ${BASE}`;

/** Waits until the service worker has installed and controls the page. */
export async function untilControlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await expect(page.locator('.site-mode')).toContainText('Works offline');
}

/** What this page's document and its workers loaded from the site, as paths of the build ('index.html' for the page). */
export async function loadedPaths(page: Page): Promise<string[]> {
  const names = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map((e) => e.name));
  for (const worker of page.workers()) {
    names.push(worker.url(), ...(await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))));
  }
  return [
    ...new Set(
      names
        .filter((name) => name.startsWith(BASE))
        .map((name) => {
          const url = new URL(name);
          const path = decodeURIComponent(url.pathname.slice(new URL(BASE).pathname.length));
          return path === '' ? 'index.html' : path;
        }),
    ),
  ].sort();
}

/** This origin's caches, each with its entries as paths of the build. */
export function caches(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async (base) => {
    const out: Record<string, string[]> = {};
    for (const name of await globalThis.caches.keys()) {
      const keys = await (await globalThis.caches.open(name)).keys();
      out[name] = keys.map((r) => r.url.slice(base.length)).sort();
    }
    return out;
  }, BASE);
}
