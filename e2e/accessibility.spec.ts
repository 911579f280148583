/**
 * Accessibility of every chapter, checked by axe-core (WCAG 2 A and AA rules) after a short run,
 * so the live parts (table, log, charts) are checked too: in light and dark mode, and presenting.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';

/** axe's WCAG 2 A and AA findings, one line each. Plotly's own SVG internals (drag layers, modebar) are not ours to fix. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.js-plotly-plot').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.length} x ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

const CHAPTERS = ['rosenbrock-fit', 'rosenbrock-valley', 'net-on-rosenbrock', 'rahimi-linear-net', 'your-function', 'your-data'];

for (const chapter of CHAPTERS) {
  test(`${chapter}: no WCAG A/AA violations`, async ({ page }) => {
    await page.goto('about:blank');
    await page.goto(`./#ch=${chapter}`);
    await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
    await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('30');
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr').first()).toBeVisible();
    expect(await violations(page), 'light').toEqual([]);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    expect(await violations(page), 'dark').toEqual([]);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByRole('button', { name: 'Exit presentation' })).toBeVisible();
    expect(await violations(page), 'dark, presenting').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.getByRole('button', { name: 'Present' }).click();
    expect(await violations(page), 'light, presenting').toEqual([]);
  });
}

test('curvature-tools: no WCAG A/AA violations with its numbers, CG chart and the digits maps shown', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=curvature-tools&dsteps=20');
  await expect(page.getByRole('table', { name: 'At the point' })).toBeVisible();
  await page.getByRole('button', { name: 'Train and look' }).click();
  await expect(page.getByTestId('digits-curvature')).toBeVisible({ timeout: 60_000 });
  expect(await violations(page), 'light').toEqual([]);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  expect(await violations(page), 'dark').toEqual([]);
});

test('the curvature cell: no WCAG A/AA violations with a spectrum and error bars shown', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-fit');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
  const panel = page.getByRole('region', { name: 'Curvature where a run has got to' });
  for (const kind of ['Spectrum', 'Error bars']) {
    await panel.getByRole('radio', { name: kind }).check();
    await panel.getByRole('button', { name: 'Compute' }).click();
    await expect(panel.getByRole('status').first()).toContainText(/in float64/);
    expect(await violations(page), kind).toEqual([]);
  }
});

test('digits-sweep: no WCAG A/AA violations while a sweep runs', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=digits-sweep');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('status', { name: 'Sweep status' })).toContainText('% done', { timeout: 60_000 });
  expect(await violations(page), 'light').toEqual([]);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  expect(await violations(page), 'dark').toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
});
