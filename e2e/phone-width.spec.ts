/**
 * On a phone (390 x 844) no chapter is wider than the screen: nothing scrolls the page sideways
 * (a wide table scrolls inside its own box instead), with the settings folded away (as a phone
 * opens) and unfolded; the charts take the screen's width.
 */
import { expect, test } from './fixtures';

const CHAPTERS = ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'digits-sweep', 'your-function', 'your-data'];

test.use({ viewport: { width: 390, height: 844 } });

test('curvature-tools: the page is no wider than a 390 px screen, its numbers and maps shown', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=curvature-tools&dsteps=20');
  await expect(page.getByRole('table', { name: 'At the point' })).toBeVisible();
  await page.getByRole('button', { name: 'Train and look' }).click();
  await expect(page.getByTestId('digits-curvature')).toBeVisible({ timeout: 60_000 });
  const out = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    out: Array.from(document.querySelectorAll('main *')).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement?.closest('.results, .katex, pre')).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
  expect(out.page, `wider than the screen: ${out.out.join(', ')}`).toBeLessThanOrEqual(390);
});

for (const chapter of CHAPTERS) {
  test(`${chapter}: the page is no wider than a 390 px screen`, async ({ page }) => {
    await page.goto('about:blank');
    await page.goto(`./#ch=${chapter}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    // The optimizer chapters' backend line (chapter 5 shows its own once a job starts) and the charts laid out.
    // (On a phone the settings start folded away: the line is there, not shown.)
    if (chapter !== 'digits-sweep') await expect(page.locator('.backend-status')).toHaveText(/^Backend: (?!starting)/);
    await expect(page.locator('.js-plotly-plot').first()).toBeVisible();
    const width = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        // What sticks out, for the message: the outermost elements past the right edge.
        out: Array.from(document.querySelectorAll('main *')).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement?.closest('.results, .katex, pre')).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      }));
    const folded = await width();
    expect(folded.page, `wider than the screen: ${folded.out.join(', ')}`).toBeLessThanOrEqual(390);
    // The settings panel opened from the bar fits too, and the charts stay full width under it.
    const settings = page.getByRole('button', { name: 'Settings', exact: true });
    if (chapter === 'digits-sweep') return;
    await expect(settings).toHaveAttribute('aria-expanded', 'false');
    await settings.click();
    await expect(page.getByRole('combobox', { name: 'Backend' })).toBeVisible();
    const open = await width();
    expect(open.page, `wider than the screen: ${open.out.join(', ')}`).toBeLessThanOrEqual(390);
    const chart = await page.locator('[data-chart="loss"]').boundingBox();
    expect(chart!.width).toBeGreaterThan(330);
  });
}
