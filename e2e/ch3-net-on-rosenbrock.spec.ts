/** Chapter 3 end to end: the net trains live; Gauss-Newton stops as singular while the others go on. */
import { expect, test } from './fixtures';

test('Adam, Gauss-Newton, LM and Newton-CG train the net; GN is stopped as singular; LM leads', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=net-on-rosenbrock');
  await expect(page.getByRole('heading', { level: 2, name: '3. A neural net on Rosenbrock data' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Max steps' }).fill('150');
  await page.getByRole('textbox', { name: 'Newton-CG CG iterations' }).fill('5');
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 80_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.children[0].textContent, { stop: tr.getAttribute('data-stop'), loss: Number(tr.children[3].getAttribute('data-value') ?? NaN), val: Number(tr.children[4].getAttribute('data-value') ?? NaN) }])),
  );
  expect(rows['Gauss-Newton'].stop).toBe('singular');
  await expect(page.getByRole('row', { name: /Gauss-Newton/ })).toContainText('singular');
  expect(rows['Levenberg-Marquardt'].stop).toBe('max-steps');
  expect(rows['Newton-CG'].stop).toBe('max-steps');
  // After the same 150 steps LM is far below Adam (unit tests: LM at 100 steps < Adam at 5,000).
  expect(rows['Levenberg-Marquardt'].loss).toBeLessThan(0.1);
  expect(rows['Levenberg-Marquardt'].loss * 10).toBeLessThan(rows.Adam.loss);
  expect(rows['Levenberg-Marquardt'].val).toBeGreaterThan(0);
  const validation = await page.locator('[data-chart="loss"] .js-plotly-plot').evaluate((el) =>
    (el as unknown as { data: { name: string; meta?: { role?: string } }[] }).data.filter((d) => d.meta?.role === 'validation').map((d) => d.name),
  );
  expect(validation).toContain('Levenberg-Marquardt (validation)');
  // The net's prediction beside the true surface, for Levenberg-Marquardt by default.
  await expect(page.getByRole('combobox', { name: 'Show the net of' }).locator('option:checked')).toHaveText('Levenberg-Marquardt');
  const heatmaps = page.locator('[data-chart="prediction"] .js-plotly-plot');
  await expect.poll(() => heatmaps.evaluate((el) => ((el as unknown as { data?: unknown[] }).data ?? []).length)).toBe(2);
  await page.screenshot({ path: 'e2e/screenshots/ch3-run.png', fullPage: true });
});
