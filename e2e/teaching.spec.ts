/**
 * A page to teach with: on a 1366 x 768 laptop, after Run all, the run button and the loss chart
 * are on screen together in every chapter; presentation mode covers the screen at projector sizes
 * (no text under 18 px, lines at least 2.5 px); dark mode follows the choice; a link can start
 * its runs when opened; no formula is a tab stop.
 */
import { expect, test, type Page } from './fixtures';

const CHAPTERS = ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'digits-sweep', 'your-function', 'your-data'];

const runButton = (page: Page, chapter: string) =>
  chapter === 'digits-sweep' ? page.getByRole('button', { name: 'Train', exact: true }) : page.getByRole('button', { name: 'Run all' });
const lossChart = (page: Page, chapter: string) => page.locator(chapter === 'digits-sweep' ? '[data-chart="race-loss"]' : '[data-chart="loss"]');

test.describe('at 1366 x 768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  for (const chapter of CHAPTERS) {
    test(`${chapter}: after Run all, the run button and the loss chart are both in view`, async ({ page }) => {
      await page.goto('about:blank');
      await page.goto(`./#ch=${chapter}`);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await runButton(page, chapter).click();
      await expect(runButton(page, chapter)).toBeInViewport({ ratio: 1 });
      await expect(lossChart(page, chapter)).toBeInViewport({ ratio: 1 });
      // The bar stays in reach while the reader scrolls down the charts.
      await page.mouse.wheel(0, 600);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
      await expect(page.locator('#lab .lab-bar').getByRole('button', { name: chapter === 'digits-sweep' ? 'Stop' : 'Reset', exact: true })).toBeInViewport({ ratio: 1 });
      if (chapter === 'digits-sweep') await page.getByRole('button', { name: 'Stop', exact: true }).click();
    });
  }
});

test('presentation mode: P puts the lab over the screen with no text under 18 px and chart lines of 2.5 px or more; Esc leaves it', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-valley');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('200');
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr[data-stop=""]')).toHaveCount(0);
  // P works with the focus still on the Run all button just clicked (a button keeps only its Space).
  await expect(page.getByRole('button', { name: 'Run all' })).toBeFocused();
  await page.keyboard.press('p');
  const lab = page.locator('#lab');
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  const box = await lab.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });

  // Every piece of text in the lab, charts included (Plotly's SVG text), at 18 px or more.
  await expect
    .poll(() =>
      lab.evaluate((root) => {
        const small: string[] = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement!;
          if (!n.textContent!.trim() || el.closest('.katex') || !el.getClientRects().length) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < 18) small.push(`${n.textContent!.trim().slice(0, 20)} (${size} px)`);
        }
        return small.slice(0, 5);
      }),
    )
    .toEqual([]);
  const widths = await lab.locator('[data-chart="loss"] .js-plotly-plot').evaluate((el) =>
    (el as unknown as { _fullData: { mode?: string; line?: { width: number } }[] })._fullData.filter((t) => t.mode === 'lines').map((t) => t.line!.width),
  );
  expect(widths.length).toBeGreaterThan(0);
  expect(Math.min(...widths)).toBeGreaterThanOrEqual(2.5);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  expect((await lab.boundingBox())!.width).toBeLessThan(1920);
});

test('dark mode: the theme choice colours the page and is remembered; the system preference is followed until a choice is made', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-fit');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await expect.poll(background).toBe('rgb(18, 18, 18)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect.poll(background).toBe('rgb(18, 18, 18)');
  // The charts follow: their paper is the page's.
  await expect.poll(() => page.locator('[data-chart="loss"] .main-svg').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(18, 18, 18)');
});

test('a link can start its runs when opened: the reader who follows it sees them race', async ({ page, context }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-valley');
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('300');
  await page.getByRole('checkbox', { name: 'start on open' }).check();
  await expect(page).toHaveURL(/&run=1$/);
  const link = page.url();

  const student = await context.newPage();
  await student.goto(link);
  const rows = student.getByRole('table', { name: 'Results' }).locator('tbody tr');
  await expect(rows).toHaveCount(8);
  await expect(student.getByRole('table', { name: 'Results' }).locator('tbody tr[data-stop=""]')).toHaveCount(0);
  await expect(student.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('300');
  await expect(student.getByRole('checkbox', { name: 'start on open' })).toBeChecked();

  // Without the option, the same settings open still.
  await page.getByRole('checkbox', { name: 'start on open' }).uncheck();
  await expect(page).not.toHaveURL(/run=1/);
  await student.goto('about:blank');
  await student.goto(page.url());
  await expect(student.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('300');
  await expect(student.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await expect(student.getByRole('table', { name: 'Results' }).locator('tbody tr')).toHaveCount(0);
});

test('no formula is a tab stop: Tab goes from control to control', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rahimi-linear-net');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  // Open every run's update rule, so the formulas under the rows are on the page too.
  for (const more of await page.getByRole('button', { name: /: update rule/ }).all()) await more.click();
  const stops: string[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body) return null;
      return a.closest('.katex, .math, .math-block, .update-rule') ? a.outerHTML.slice(0, 80) : '';
    });
    if (where === null) break;
    if (where) stops.push(where);
  }
  expect(stops).toEqual([]);
});
