/**
 * Chapter 1 in compare mode, in Chromium on the built site: every run in float32 (solid) and in
 * float64 (dashed, on the cpu64 backend), both floors drawn, and float64 reproducing the seed's
 * stops where float32 cannot. Screenshot: e2e/screenshots/precision-compare.png.
 */
import { expect, test } from './fixtures';

test('chapter 1, compare: float32 solid and float64 dashed, both floors, the seed reproduced in float64', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu|webgl)$/ })).toBeVisible();
  await page.getByLabel('Precision').selectOption('compare');
  // The choice is part of the link.
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe('');
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [(tr.children[0].textContent ?? '').trim(), { stop: tr.getAttribute('data-stop'), steps: Number(tr.children[1].textContent) }])),
  );
  // float32 gradient descent stalls near 9e-10; float64 stops where the seed did.
  expect(rows['Gradient descent'].stop).toBe('stalled');
  expect(rows['Gradient descent · float64']).toEqual({ stop: 'converged', steps: 582 });
  expect(rows['Adam · float64']).toEqual({ stop: 'converged', steps: 317 });
  expect(rows['Newton · float64']).toEqual({ stop: 'converged', steps: 6 });
  expect(rows['Gauss-Newton · float64']).toEqual({ stop: 'converged', steps: 4 });

  const loss = page.locator('[data-chart="loss"] .js-plotly-plot');
  const traces = () =>
    loss.evaluate((el) =>
      ((el as unknown as { data: { name: string; line?: { dash?: string }; meta?: { role?: string } }[] }).data ?? [])
        .filter((d) => !d.meta?.role)
        .map((d) => [d.name, d.line?.dash]),
    );
  await expect.poll(traces, { timeout: 10_000 }).toContainEqual(['Gradient descent · float64', 'dash']);
  // Redraws are paced by their own cost: wait for the one with float64 gradient descent's last step.
  const lastX = () =>
    loss.evaluate((el) => {
      const gd = (el as unknown as { data: { name: string; x: number[] }[] }).data.find((d) => d.name === 'Gradient descent · float64');
      return gd ? gd.x[gd.x.length - 1] : -1;
    });
  await expect.poll(lastX, { timeout: 10_000 }).toBe(582);
  const drawn = Object.fromEntries(await traces());
  expect(drawn['Gradient descent']).toBe('solid');
  expect(Object.values(drawn).filter((d) => d === 'dash')).toHaveLength(5);
  const floors = await loss.evaluate((el) => ((el as unknown as { layout: { annotations?: { text: string }[] } }).layout.annotations ?? []).map((a) => a.text));
  expect(floors).toEqual(['float32 floor 1.0e-13', 'float64 floor 3.5e-31']);
  await expect(page.getByText('The dotted line is the float64 floor.')).toBeVisible();
  await page.locator('[data-chart="loss"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/precision-compare.png', fullPage: false });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/precision-compare-table.png', fullPage: false });
});
