/**
 * Export of what is shown: each chart as PNG and SVG with its title on the image; and no button
 * that sends a chart's data off the page (Plotly's "Share chart" is on by default in its bundle).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test("a chart downloads as PNG and as SVG, titled; Plotly's cloud upload is not offered", async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-fit');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('50');
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('table', { name: 'Results' }).locator('tbody tr[data-stop=""]')).toHaveCount(0);

  const title = 'Loss (log scale)';
  const loss = page.locator('[data-chart="loss"]');
  const save = async (format: 'PNG' | 'SVG') => {
    const download = page.waitForEvent('download');
    await loss.getByRole('button', { name: `Download “${title}” as ${format}` }).click();
    const file = await download;
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  };
  const png = await save('PNG');
  expect(png.name).toBe('curvature-loss.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(10_000);
  const svg = await save('SVG');
  expect(svg.name).toBe('curvature-loss.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain('<svg');
  expect(text).toContain(title);
  // Every run's legend entry is on the image too.
  expect(text).toContain('Levenberg-Marquardt');

  await loss.locator('.js-plotly-plot').hover();
  await expect(page.locator('.modebar-btn[data-title="Share chart"], .modebar-btn[data-title*="Chart Studio"]')).toHaveCount(0);
  await expect(page.locator('.modebar').first()).toBeAttached();
});
