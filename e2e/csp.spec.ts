/**
 * The Content-Security-Policy (scripts/csp.mjs): the built page carries it as a meta tag and the
 * test server sends it as a header on every response, so the worker runs under it too; every
 * chapter runs under it (wasm compiling in the worker under 'wasm-unsafe-eval'); and the guard of
 * fixtures.ts really catches violations, on the page and in the worker, and requests off the
 * origin (negative controls, whose off-origin requests are aborted before they leave).
 */
import { readFileSync } from 'node:fs';
import { CSP, CSP_DIRECTIVES } from '../scripts/csp.mjs';
import { expect, test, type BrowserContext, type Page } from './fixtures';

const INDEX = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
/** Hosts the negative controls aim at; routed to an abort so nothing leaves the machine. */
const NOWHERE = /^https?:\/\/(example\.invalid|127\.0\.0\.2)(:\d+)?\//;

async function abortNowhere(context: BrowserContext) {
  const aborted: string[] = [];
  await context.route(NOWHERE, async (route) => {
    aborted.push(route.request().url());
    await route.abort();
  });
  return aborted;
}

async function open(page: Page, chapter: string) {
  await page.goto('about:blank');
  await page.goto(`./#ch=${chapter}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Curvature' })).toBeVisible();
}

test('the policy: no eval, no inline scripts; first in the built <head>; a header on every response', async ({ page }) => {
  const scriptSrc = CSP_DIRECTIVES['script-src'];
  expect(scriptSrc).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(CSP).not.toContain("'unsafe-eval'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(CSP_DIRECTIVES['default-src']).toEqual(["'self'"]);
  expect(CSP_DIRECTIVES['object-src']).toEqual(["'none'"]);

  // The built file: the meta tag is the first thing in <head>, and every script is a file.
  const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/.exec(INDEX);
  expect(meta?.[1]).toBe(CSP);
  const scripts = INDEX.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toMatch(/\ssrc="/);

  // Served: every response, the worker's script and the .wasm among them, carries the header.
  const responses: { url: string; csp: string | undefined }[] = [];
  page.on('response', (response) => responses.push({ url: response.url(), csp: response.headers()['content-security-policy'] }));
  await open(page, 'net-on-rosenbrock');
  await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  expect(await page.evaluate(() => {
    const first = document.head.firstElementChild;
    return first?.getAttribute('http-equiv') === 'Content-Security-Policy' ? first.getAttribute('content') : null;
  })).toBe(CSP);
  const urls = responses.map((r) => r.url);
  expect(urls).toContainEqual(expect.stringMatching(/\/assets\/engine\.worker-[^/]*\.js$/));
  expect(urls).toContainEqual(expect.stringMatching(/\.wasm$/));
  expect(responses.filter((r) => r.csp !== CSP)).toEqual([]);
});

test.describe('every chapter runs under the policy', () => {
  test('1. rosenbrock-fit, on wasm (compiled in the worker under wasm-unsafe-eval)', async ({ page }) => {
    await open(page, 'rosenbrock-fit');
    await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
    await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('30');
    await page.getByRole('button', { name: 'Run all' }).click();
    const table = page.getByRole('table', { name: 'Results' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  });

  for (const chapter of ['rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'your-function', 'your-data']) {
    test(chapter, async ({ page }) => {
      await open(page, chapter);
      await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
      await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('30');
      await page.getByRole('button', { name: 'Run all' }).click();
      const table = page.getByRole('table', { name: 'Results' });
      await expect(table.locator('tbody tr').first()).toBeVisible();
      await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
    });
  }

  test('curvature-tools: the point in float64, the digits net on wasm', async ({ page }) => {
    await open(page, 'curvature-tools');
    await expect(page.getByRole('table', { name: 'At the point' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Training steps' }).fill('10');
    await page.getByRole('button', { name: 'Train and look' }).click();
    await expect(page.getByTestId('digits-curvature')).toContainText('float32 on wasm', { timeout: 60_000 });
  });

  test('digits-sweep', async ({ page }) => {
    await open(page, 'digits-sweep');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const status = page.getByRole('status', { name: 'Sweep status' });
    await expect(status).toContainText('% done', { timeout: 60_000 });
    await expect(page.locator('.backend-measured')).toContainText('Backend:');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(status).toContainText('Cancelled', { timeout: 10_000 });
  });
});

test.describe('negative controls: the guard catches what it should', () => {
  test.use({ failOnSiteGuard: false });

  test('an inline script and an off-origin image on the page are violations', async ({ page, context, siteGuard }) => {
    const aborted = await abortNowhere(context);
    await open(page, 'rosenbrock-fit');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes";';
      document.body.append(script);
      const img = document.createElement('img');
      img.src = 'https://example.invalid/x.png';
      document.body.append(img);
    });
    await expect.poll(() => siteGuard.violations.join('\n')).toMatch(/page: script-src-elem blocked inline/);
    await expect.poll(() => siteGuard.violations.join('\n')).toMatch(/page: img-src blocked https:\/\/example\.invalid\/x\.png/);
    // Chromium's console says the same.
    await expect.poll(() => siteGuard.violations.filter((v) => v.startsWith('console: ')).length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.body.dataset.inlineRan)).toBeUndefined();
    // Chromium reports the image's request, then blocks it before the network (the route never sees it).
    expect(siteGuard.offOrigin).toEqual(['GET https://example.invalid/x.png (image)']);
    expect(aborted).toEqual([]);
  });

  test('a fetch off the origin in the worker is a violation', async ({ page, context, siteGuard }) => {
    await abortNowhere(context);
    const worker = page.waitForEvent('worker');
    await open(page, 'rosenbrock-fit');
    await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
    const outcome = await (await worker).evaluate(() => fetch('https://example.invalid/from-worker').then(() => 'fetched', (e: Error) => e.message));
    expect(outcome).toBe('Failed to fetch');
    await expect.poll(() => siteGuard.violations.join('\n')).toMatch(/worker .*engine\.worker-.*: .*https:\/\/example\.invalid\/from-worker.*connect-src 'self'/);
  });

  test("without 'wasm-unsafe-eval' in the worker's header, wasm cannot start and the guard says why", async ({ page, context, siteGuard }) => {
    // The worker's policy is its own response's header: serve it without 'wasm-unsafe-eval'.
    const withoutWasm = CSP.replace(" 'wasm-unsafe-eval'", '');
    expect(withoutWasm).not.toBe(CSP);
    await context.route(/\/assets\/engine\.worker-[^/]*\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': withoutWasm } });
    });
    await open(page, 'net-on-rosenbrock');
    // The chapter's default, wasm, cannot start: the worker falls back.
    await expect(page.getByRole('status').filter({ hasText: /^Backend: (cpu|webgl)$/ })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toHaveCount(0);
    // The tfjs wasm backend probes WebAssembly as the worker's module loads: that and the compile
    // are refused, which the worker logs nothing about; its DevTools issues say so.
    await expect.poll(() => siteGuard.violations.join('\n')).toMatch(/worker .*engine\.worker-.*: issue kWasmEvalViolation, script-src/);
  });

  test('a navigation off the origin is recorded (and aborted)', async ({ page, context, siteGuard }) => {
    const aborted = await abortNowhere(context);
    await open(page, 'rosenbrock-fit');
    // A policy does not stop a top-level navigation: only the request guard sees this one.
    await page.evaluate(() => {
      location.href = 'http://127.0.0.2:1/leak';
    });
    await expect.poll(() => siteGuard.offOrigin).toEqual(['GET http://127.0.0.2:1/leak (document)']);
    expect(aborted).toEqual(['http://127.0.0.2:1/leak']);
  });
});

// Expected failures (test.fail): the list reporter marks them with a cross and counts them passed;
// each fails only from the guard's error after the test body.
test.describe('the guard fails a test (marked test.fail: its ✘ is the expected failure, counted as passed)', () => {
  test('on a CSP violation', async ({ page }) => {
    test.fail(true, 'the inline script below must fail this test');
    await open(page, 'rosenbrock-fit');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = '1';
      document.body.append(script);
    });
  });

  test('on a request off the origin', async ({ page, context }) => {
    test.fail(true, 'the fetch below must fail this test');
    await abortNowhere(context);
    await page.goto('about:blank');
    await page.evaluate(() => fetch('http://127.0.0.2:1/probe').catch(() => undefined));
  });
});
