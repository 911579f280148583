/**
 * Cross-origin isolation (SharedArrayBuffer): from a plain static server that sends no
 * Cross-Origin-Opener-Policy or -Embedder-Policy, through the service worker from the load after
 * it took over; and from `npm run preview`, which sends both, on the first load with no worker.
 * The page and its engine worker are both isolated, and the page says which mode it runs in.
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { BASE, copyOfDist, removeDir, site, untilControlled } from './offline-site';
import { expect, test, type Page } from './fixtures';

test.use({ serviceWorkers: 'allow' });

/** The response headers the server itself sends for `url` (no browser, no service worker). */
const serverHeaders = (url: string) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      resolve(res.headers);
    }).on('error', reject);
  });

/** Whether the page and its engine worker are cross-origin isolated and have SharedArrayBuffer. */
async function isolation(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu)$/ })).toBeVisible();
  const worker = page.workers().find((w) => /engine\.worker-[^/]*\.js$/.test(w.url()));
  if (!worker) throw new Error('no engine worker');
  const probe = () => ({ isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer === 'function' });
  return { page: await page.evaluate(probe), worker: await worker.evaluate(probe) };
}

test.describe('from a static server that sends no isolation headers', () => {
  test.use({ baseURL: BASE });

  test('the service worker isolates the page and its worker from the next load, and the page says so', async ({ page }) => {
    test.setTimeout(120_000);
    const dir = copyOfDist();
    const server = await site(dir);
    try {
      const headers = await serverHeaders(BASE);
      expect([headers['cross-origin-opener-policy'], headers['cross-origin-embedder-policy']]).toEqual([undefined, undefined]);
      await page.goto('./');
      // First load: the server's page, not isolated; the worker installs and takes over, and the page says isolation comes with a reload.
      expect(await isolation(page)).toEqual({ page: { isolated: false, sab: false }, worker: { isolated: false, sab: false } });
      await untilControlled(page);
      await expect(page.locator('.site-mode')).toHaveText('Works offline · not cross-origin isolated yet (no SharedArrayBuffer): takes effect after a reload');
      await page.reload();
      expect(await isolation(page)).toEqual({ page: { isolated: true, sab: true }, worker: { isolated: true, sab: true } });
      await expect(page.locator('.site-mode')).toHaveText('Works offline · cross-origin isolated');
    } finally {
      await server.stop();
      removeDir(dir);
    }
  });
});

test.describe('from npm run preview', () => {
  const PREVIEW = 'http://127.0.0.1:4176/';
  test.use({ baseURL: PREVIEW });

  test('the server sends the isolation headers: isolated on the first load, with no service worker', async ({ page }) => {
    test.setTimeout(120_000);
    const repo = fileURLToPath(new URL('..', import.meta.url));
    // Its own process group, ended by its id afterwards (npm starts vite as a child).
    const preview = spawn('npm', ['run', '-s', 'preview', '--', '--port', '4176', '--strictPort'], { cwd: repo, detached: true, stdio: 'ignore' });
    try {
      await expect.poll(() => serverHeaders(PREVIEW).catch(() => null), { timeout: 30_000 }).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      await page.goto('./');
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      expect(await isolation(page)).toEqual({ page: { isolated: true, sab: true }, worker: { isolated: true, sab: true } });
      await expect(page.locator('.site-mode')).toContainText('cross-origin isolated');
      await expect(page.locator('.site-mode')).not.toContainText('not cross-origin isolated');
    } finally {
      if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
    }
  });
});
