/** Chapter 4 end to end, shortened: the ten runs stream; Newton is greyed out with the reason. */
import { expect, test } from '@playwright/test';

test('the ten runs of seed 002 stream; dense Newton is refused with the reason', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rahimi-linear-net');
  await expect(page.getByRole('heading', { level: 2, name: /4\. Rahimi/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  // An impossible pairing is listed, greyed out, with its reason.
  const newton = page.getByRole('combobox', { name: 'Add an optimizer' }).locator('option', { hasText: /^Newton \(/ });
  await expect(newton).toBeDisabled();
  await expect(newton).toHaveText(/limited to 64 parameters \(Newton-CG needs only Hessian-vector products\)/);
  // Short runs: this checks the page, not the chapter's numbers (the unit tests do those).
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('60');
  await page.getByRole('textbox', { name: 'Gauss-Newton Max steps' }).fill('8');
  await page.getByRole('textbox', { name: 'Gauss-Newton 2 Max steps' }).fill('8');
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 80_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: tr.children[0].textContent, stop: tr.getAttribute('data-stop'), loss: Number(tr.children[3].textContent) })),
  );
  expect(rows.map((r) => r.name)).toEqual([
    'Gradient descent', 'Gradient descent 2', 'Gradient descent 3', 'Gradient descent 4', 'Adam', 'Adam 2', 'Adam 3', 'Adam 4', 'Gauss-Newton', 'Gauss-Newton 2',
  ]);
  const [gn05, gn2] = rows.slice(8);
  expect([gn05.stop, gn2.stop]).toEqual(['max-steps', 'max-steps']);
  // Eight damped least-squares steps scaled by 0.2 take the loss below the ones scaled by 0.05.
  expect(gn2.loss).toBeLessThan(gn05.loss);
  await page.waitForTimeout(300);
  const traces = await page.locator('[data-chart="loss"] .js-plotly-plot').evaluate((el) =>
    (el as unknown as { data: { meta?: { runId?: string; role?: string } }[] }).data.filter((d) => d.meta?.runId && !d.meta.role).length,
  );
  expect(traces).toBe(10);
  await page.screenshot({ path: 'screenshots/ch4-run.png', fullPage: true });
});
