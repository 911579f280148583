/**
 * Faults a user meets, provoked for real in the built site: links of every optimizer chapter read
 * back after a reload, a WebGL context lost mid-run, and a worker that dies.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from './fixtures';

const link = (config: object) => `./#ch=${(config as { problem: string }).problem}&c=1.${deflateRawSync(JSON.stringify(config)).toString('base64url')}`;

async function open(page: Page, hash: string) {
  await page.goto('about:blank');
  await page.goto(hash);
  await expect(page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu|webgl)$/ })).toBeVisible();
}

/** The table's rows as {name, stop, steps, loss (as shown), lossValue (every digit, data-value)}. */
async function rows(page: Page) {
  return page
    .getByRole('table', { name: 'Results' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => ({ name: tr.children[0].textContent ?? '', stop: tr.getAttribute('data-stop'), steps: Number(tr.querySelector('.steps')?.textContent), loss: (tr.children[3].textContent ?? '').trim(), lossValue: Number(tr.children[3].getAttribute('data-value') ?? NaN) })));
}

for (const chapter of ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net']) {
  test(`${chapter}: settings survive a reload (the link the page writes, it reads)`, async ({ page }) => {
    await open(page, `./#ch=${chapter}`);
    await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('4321');
    await expect(page).toHaveURL(/&c=1\./);
    await expect.poll(() => page.url()).not.toBe(`${page.url().split('#')[0]}#ch=${chapter}`);
    const written = page.url();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('4321');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(page.url()).toBe(written);
  });
}

/**
 * The worker's WebGL context, kept where the test can reach it: the worker chunk is served with a
 * line before it that remembers every context OffscreenCanvas hands out (tfjs's own canvas).
 */
const KEEP_CONTEXTS = `{ const get = OffscreenCanvas.prototype.getContext; OffscreenCanvas.prototype.getContext = function (...a) { const c = get.apply(this, a); if (c && String(a[0]).startsWith('webgl')) (self.__contexts ??= []).push(c); return c; }; }\n`;

test('a WebGL context lost mid-run: no run reports convergence it did not reach; the page moves to wasm', async ({ page }) => {
  await page.route('**/assets/engine.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: KEEP_CONTEXTS + (await response.text()) });
  });
  // First-order runs that cannot reach a loss of 0 in float32, with a target of 0: only a loss read
  // as 0 from a dead context could "converge".
  const runs = [{ optimizer: 'gd', hp: { lr: 1e-6 } }, { optimizer: 'adam', hp: { lr: 1e-3 } }, { optimizer: 'momentum' }, { optimizer: 'rmsprop', hp: { lr: 1e-4 } }];
  await open(page, link({ v: 1, problem: 'rosenbrock-fit', backend: 'webgl', maxSteps: 1_000_000, targetLoss: 0, runs }));
  await expect(page.getByRole('status').filter({ hasText: 'Backend: webgl' })).toBeVisible();
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect.poll(async () => Math.min(...(await rows(page)).map((r) => r.steps)), { timeout: 60_000 }).toBeGreaterThan(20);
  const [worker] = page.workers();
  const lost = await worker.evaluate(() => {
    const contexts = (self as unknown as { __contexts?: WebGL2RenderingContext[] }).__contexts ?? [];
    contexts.forEach((gl) => gl.getExtension('WEBGL_lose_context')?.loseContext());
    return contexts.length;
  });
  expect(lost).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr[data-stop=""]')).toHaveCount(0);
  const after = await rows(page);
  expect(after.map((r) => r.stop)).toEqual(['context-lost', 'context-lost', 'context-lost', 'context-lost']);
  for (const r of after) {
    expect(r.loss).not.toMatch(/^0/);
    expect(r.lossValue).toBeGreaterThan(1e-6);
  }
  await page.screenshot({ path: 'e2e/screenshots/context-lost.png', fullPage: true });
  // Run all again: the runs start afresh on wasm and move.
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect.poll(async () => Math.min(...(await rows(page)).map((r) => r.steps)), { timeout: 30_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
});

test('a dead worker: the page says so, marks the interrupted runs, and a new worker runs the next Run all', async ({ page }) => {
  await open(page, link({ v: 1, problem: 'rosenbrock-valley', backend: 'cpu', maxSteps: 1_000_000, targetLoss: 0, runs: [{ optimizer: 'gd', hp: { lr: 1e-6 } }, { optimizer: 'newton' }] }));
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect.poll(async () => (await rows(page))[0].steps, { timeout: 30_000 }).toBeGreaterThan(100);
  const [worker] = page.workers();
  await worker.evaluate(() => self.close()).catch(() => undefined);
  const kept = (await rows(page))[0].steps;
  await expect(page.getByRole('alert').filter({ hasText: /stopped answering/ })).toBeVisible({ timeout: 30_000 });
  const after = await rows(page);
  // The live run is marked and keeps its steps; Newton, finished before, keeps its own stop.
  expect(after.map((r) => r.stop)).toEqual(['engine-lost', 'converged']);
  expect(after[0].steps).toBeGreaterThanOrEqual(kept);
  await page.screenshot({ path: 'e2e/screenshots/engine-lost.png', fullPage: true });
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect.poll(async () => (await rows(page))[0].steps, { timeout: 30_000 }).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
});
