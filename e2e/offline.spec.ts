/**
 * The service worker on a plain static host (e2e/serve.mjs, no isolation headers), under the
 * site's CSP header: after one visit the site works with no network, chapters 1 and 5 included
 * (both in the cross-origin isolated page the worker makes); and a new build deployed over the
 * old is offered, then taken whole, never mixed with the old.
 * The other specs block service workers (playwright.config.ts): these allow them, on a server
 * and origin of their own.
 */
import AxeBuilder from '@axe-core/playwright';
import { buildLabelled, buildOf, BASE, cacheOf, caches, copyOfDist, filesIn, loadedPaths, removeDir, site, untilControlled } from './offline-site';
import { expect, test, type Page } from './fixtures';

test.use({ serviceWorkers: 'allow', baseURL: BASE });

const dirs: string[] = [];
test.afterAll(() => dirs.forEach(removeDir));

/** The results table by optimizer, once no run is live (as ch1-rosenbrock-fit.spec.ts reads it). */
async function results(page: Page) {
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: (tr.children[0].textContent ?? '').trim(), stop: tr.getAttribute('data-stop'), loss: Number(tr.children[3].getAttribute('data-value') ?? NaN) })),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r]));
}

test('offline: after one visit the site reloads with no network and runs chapter 1 and chapter 5\'s quick sweep', async ({ page, context }) => {
  test.setTimeout(480_000);
  const dir = copyOfDist();
  dirs.push(dir);
  const server = await site(dir);
  await page.goto('./#ch=rosenbrock-fit');
  await untilControlled(page);

  // No network: the browser offline (measured: this fails the service worker's own fetches too), and no server either.
  await context.setOffline(true);
  await server.stop();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: "1. Fitting Rosenbrock's parameters" })).toBeVisible();
  // The worker made this load cross-origin isolated; the app runs there unchanged (COEP require-corp).
  await expect(page.locator('.site-mode')).toHaveText('Works offline · cross-origin isolated');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.getByRole('button', { name: 'Run all' }).click();
  const ch1 = await results(page);
  expect(ch1['Levenberg-Marquardt'].stop).toBe('converged');
  expect(ch1['Levenberg-Marquardt'].loss).toBeLessThan(1e-6);
  expect(ch1.Newton.stop).toBe('converged');

  // Chapter 5 by a navigation (served offline from its cached index.html, the fragment kept): its chunk, the digits data and the .wasm from the cache.
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await expect(page.getByRole('heading', { level: 2, name: /5\. SGD as approximate Bayesian inference/ })).toBeVisible();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const status = page.getByRole('status', { name: 'Sweep status' });
  await expect(status).toContainText('Finished', { timeout: 400_000 });
  const table = page.getByRole('table', { name: 'Sweep results' });
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  // p = 0 trains the full net: its test accuracy is high (as in ch5-digits-sweep.spec.ts).
  expect(Number(await table.locator('tbody tr').first().locator('td').nth(1).textContent())).toBeGreaterThan(0.9);
  await context.setOffline(false);
});

test('a new build served over the old: the page stays whole on the old, offers the new, and reloads into it whole', async ({ page, context }) => {
  test.setTimeout(180_000);
  const a = buildLabelled('A');
  const b = buildLabelled('B');
  dirs.push(a, b);
  const [buildA, buildB] = [buildOf(a), buildOf(b)];
  expect(buildB.version).not.toBe(buildA.version);
  // Each precaches every file of its build (sw.js aside), the engine worker's chunks and the .wasm among them.
  for (const [dir, build] of [[a, buildA], [b, buildB]] as const) expect([...build.files].sort()).toEqual(filesIn(dir).filter((f) => f !== 'sw.js'));
  for (const kind of [/^index\.html$/, /^favicon\.svg$/, /^assets\/engine\.worker-.*\.js$/, /^assets\/tfjs-backend-wasm-simd-.*\.wasm$/, /^assets\/digits\.csv-.*\.gz$/, /\.woff2$/, /\.css$/]) {
    expect(buildB.files.some((f) => kind.test(f)), String(kind)).toBe(true);
  }
  // The label is in the page's code: the entry chunks differ, so a mix would show.
  const entry = (files: string[]) => files.filter((f) => /^assets\/index-.*\.js$/.test(f));
  expect(entry(buildA.files)).not.toEqual(entry(buildB.files));

  const server = await site(a);
  try {
    await page.goto('./');
    await untilControlled(page);
    await expect(page.locator('.site-mode')).toContainText('build A');
    expect(Object.keys(await caches(page))).toEqual([cacheOf(buildA.version)]);
    // A second tab of build A.
    const other = await context.newPage();
    await other.goto('./#ch=rosenbrock-valley');
    await expect(other.locator('.site-mode')).toContainText('build A');

    // Deploy B. A reload still shows A, all of it from A's cache; the browser finds B's sw.js, which saves B whole and waits.
    server.serve(b);
    await page.reload();
    const notice = page.getByRole('alert').filter({ hasText: 'A new version is available.' });
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.site-mode')).toContainText('build A');
    await expect(page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu)$/ })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('.site-update').include('.site-mode').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: 'e2e/screenshots/update-notice.png' });
    const loadedA = await loadedPaths(page);
    expect(loadedA.filter((f) => !buildA.files.includes(f))).toEqual([]);
    expect(loadedA).toContain(entry(buildA.files)[0]);
    const both = await caches(page);
    expect(Object.keys(both).sort()).toEqual([cacheOf(buildA.version), cacheOf(buildB.version)].sort());
    expect(both[cacheOf(buildB.version)]).toEqual([...buildB.files].sort());

    // Consent: the notice's Reload (by keyboard) takes B, and the page reloads into it.
    await notice.getByRole('button', { name: 'Reload' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.site-mode')).toContainText('build B', { timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'new version' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu)$/ })).toBeVisible();
    // Never a mix: everything the page and its engine worker loaded is B's; A's cache is gone.
    const loadedB = await loadedPaths(page);
    expect(loadedB.filter((f) => !buildB.files.includes(f))).toEqual([]);
    expect(loadedB).toContain(entry(buildB.files)[0]);
    expect(loadedB.some((f) => f.endsWith('.wasm'))).toBe(true);
    await expect.poll(async () => Object.keys(await caches(page))).toEqual([cacheOf(buildB.version)]);
    expect((await caches(page))[cacheOf(buildB.version)]).toEqual([...buildB.files].sort());

    // The other tab is not reloaded under the reader (runs would end): it says it is older and offers the reload.
    await expect(other.getByRole('alert')).toContainText('A new version took over in another tab');
    await expect(other.locator('.site-mode')).toContainText('build A');
    await other.getByRole('button', { name: 'Reload' }).click();
    await expect(other.locator('.site-mode')).toContainText('build B');
  } finally {
    await server.stop();
  }
});
