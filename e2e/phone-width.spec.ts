/**
 * On a phone (390 x 844) no chapter is wider than the screen: nothing scrolls the page sideways
 * (a wide table or a long formula scrolls inside its own box instead).
 */
import { expect, test } from './fixtures';

const CHAPTERS = ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'digits-sweep', 'your-function', 'your-data'];

test.use({ viewport: { width: 390, height: 844 } });

for (const chapter of CHAPTERS) {
  test(`${chapter}: the page is no wider than a 390 px screen`, async ({ page }) => {
    await page.goto('about:blank');
    await page.goto(`./#ch=${chapter}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    // The optimizer chapters' backend line (chapter 5 shows its own once a job starts) and the charts laid out.
    if (chapter !== 'digits-sweep') await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
    await expect(page.locator('.js-plotly-plot').first()).toBeVisible();
    const wide = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      // What sticks out, for the message: the outermost elements past the right edge.
      out: Array.from(document.querySelectorAll('main *')).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement?.closest('.results, .katex, pre')).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    }));
    expect(wide.page, `wider than the screen: ${wide.out.join(', ')}`).toBeLessThanOrEqual(390);
  });
}
