/**
 * Chapter 5 end to end: the quick sweep runs with a moving progress bar, the accuracy curves and
 * their bands fill in, and a cancel stops it keeping what was done; a bad seed in a link is
 * refused with a notice.
 */
import { expect, test, type Page } from './fixtures';

const testTraces = (page: Page) =>
  page.locator('[data-chart="test-accuracy"] .js-plotly-plot').evaluate((el) =>
    (el as unknown as { data: { name?: string; meta?: { role?: string }; x: number[] }[] }).data.map((d) => ({ name: d.name, role: d.meta?.role, points: d.x.length })),
  );

test('the quick sweep: progress moves, curves and bands fill in, cancel keeps what was done', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await expect(page.getByRole('heading', { level: 2, name: /5\. SGD as approximate Bayesian inference/ })).toBeVisible();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const status = page.getByRole('status', { name: 'Sweep status' });
  const bar = page.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(status).toContainText('% done', { timeout: 60_000 });
  const first = Number(await bar.getAttribute('value'));
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(first);
  await expect(page.locator('.backend-measured')).toContainText('Backend:');
  // The first repeat of every mode and p finishes, then the sweep is cancelled during the second.
  const table = page.getByRole('table', { name: 'Sweep results' });
  await expect(table.locator('tbody tr')).toHaveCount(8, { timeout: 180_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('Cancelled', { timeout: 10_000 });
  await expect(status).toContainText('the 8 models finished before are kept');
  await expect(table.locator('tbody tr')).toHaveCount(8);
  // Two modes, each a band (two traces) and a mean line over the 4 values of p.
  await expect.poll(async () => (await testTraces(page)).filter((t) => t.name).map((t) => [t.name, t.points]), { timeout: 10_000 }).toEqual([
    ['prune smallest |w|', 4],
    ['prune at random', 4],
  ]);
  // p = 0 trains the full net for 3,200 steps: its test accuracy is high.
  const accuracyAtZero = Number(await table.locator('tbody tr').first().locator('td').nth(1).textContent());
  expect(accuracyAtZero).toBeGreaterThan(0.9);
  await page.screenshot({ path: 'e2e/screenshots/ch5-sweep.png', fullPage: true });
});

test('a link with a bad seed opens the defaults with a notice', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep&kind=disable&seed=-3');
  await expect(page.getByText('This link could not be read: "seed" must be a whole number')).toBeVisible();
  await expect(page.getByRole('radio', { name: /prune weights/ })).toBeChecked();
});

test('the race: three optimizers from one start stream loss, accuracy and H; Stop keeps what was drawn', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.getByRole('status', { name: 'Race status' });
  await expect(status).toContainText('Step', { timeout: 30_000 });
  const points = (chart: string) =>
    page.locator(`[data-chart="${chart}"] .js-plotly-plot`).evaluate((el) =>
      (el as unknown as { data: { name?: string; x: number[] }[] }).data.filter((d) => d.name).map((d) => [d.name, d.x.length] as const),
    );
  // Accuracy arrives every 100 steps: wait for step 200's (three points per optimizer).
  await expect.poll(async () => (await points('race-accuracy')).map(([, n]) => n >= 3), { timeout: 90_000 }).toEqual([true, true, true]);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText('Cancelled at step');
  expect((await points('race-loss')).map(([name]) => name)).toEqual(['preconditioned SGD (lr 0.01)', 'plain SGD (lr 0.01)', 'Adam (lr 1e-3)']);
  expect((await points('race-h')).map(([name]) => name)).toEqual(['H max', 'H median', 'H min']);
  await page.screenshot({ path: 'e2e/screenshots/ch5-race.png', fullPage: true });
});

test('float64: the race runs on the float64 backend, says so, and the choice is in the link', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await page.getByLabel('Precision').selectOption('float64');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('precision=float64');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.getByRole('status', { name: 'Race status' });
  await expect(status).toContainText('Step', { timeout: 30_000 });
  await expect(page.getByText('Backend: cpu64')).toBeVisible();
  // Accuracy at steps 0 and 100 for all three, drawn.
  const accuracyPoints = () =>
    page.locator('[data-chart="race-accuracy"] .js-plotly-plot').evaluate((el) => (el as unknown as { data: { name?: string; x: number[] }[] }).data.filter((d) => d.name).map((d) => d.x.length >= 2));
  await expect.poll(accuracyPoints, { timeout: 60_000 }).toEqual([true, true, true]);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText('Cancelled at step');
  await page.locator('[data-chart="race-loss"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/ch5-float64.png', fullPage: false });
});

test('chapter 5 has a Copy link too: the link it copies reopens the same sweep settings', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await page.getByRole('textbox', { name: 'Data seed' }).fill('7');
  await expect(page).toHaveURL(/seed=7/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('textbox', { name: 'Data seed' })).toHaveValue('7');
});
