/** Chapter 4 end to end, the whole default experiment: the ten runs, the diverged ones marked, the target met. */
import { expect, test } from './fixtures';

test('the ten runs of seed 002 run to their ends; diverged runs are marked; least squares ends 6 orders below', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rahimi-linear-net');
  await expect(page.getByRole('heading', { level: 2, name: /4\. Rahimi/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backend: wasm' })).toBeVisible();
  // An impossible pairing is listed, greyed out, with its reason.
  const newton = page.getByRole('combobox', { name: 'Add an optimizer' }).locator('option', { hasText: /^Newton \(/ });
  await expect(newton).toBeDisabled();
  await expect(newton).toHaveText(/limited to 64 parameters \(Newton-CG and L-BFGS need none\)/);
  // The whole chapter: the batched first-order runs and the least-squares runs take ~3-4 s here.
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 80_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: tr.children[0].textContent, stop: tr.getAttribute('data-stop'), steps: Number(tr.querySelector('.steps')?.textContent), loss: Number(tr.children[3].getAttribute('data-value') ?? NaN) })),
  );
  expect(rows.map((r) => r.name)).toEqual([
    'Gradient descent, lr 1e-6', 'Gradient descent, lr 1e-5', 'Gradient descent, lr 1e-4', 'Gradient descent, lr 1e-3',
    'Adam, lr 1e-5', 'Adam, lr 1e-4', 'Adam, lr 1e-3', 'Adam, lr 0.01',
    'Gauss-Newton, scale 0.05', 'Gauss-Newton, scale 0.2',
  ]);
  // GD at lr 1e-4 and 1e-3 diverge within a few steps, marked in the table; the other six
  // first-order runs take all 3,000 steps.
  expect(rows.slice(0, 8).map((r) => r.stop)).toEqual(['max-steps', 'max-steps', 'diverged', 'diverged', ...Array(4).fill('max-steps')]);
  await expect(table.locator('tbody tr[data-stop="diverged"]')).toHaveCount(2);
  await expect(table.locator('tbody tr[data-stop="diverged"]').first()).toContainText('diverged');
  const [gn05, gn2] = rows.slice(8);
  // Step 0.05 takes its 200 steps; step 0.2 reaches the float32 floor and stalls there (or takes
  // all 200 steps): either way far below every first-order run.
  expect(gn05.stop).toBe('max-steps');
  expect(['stalled', 'max-steps']).toContain(gn2.stop);
  const bestFirstOrder = Math.min(...rows.slice(0, 8).filter((r) => r.stop === 'max-steps').map((r) => r.loss));
  expect(gn2.loss * 1e6).toBeLessThan(bestFirstOrder);
  const traces = () =>
    page.locator('[data-chart="loss"] .js-plotly-plot').evaluate((el) =>
      (el as unknown as { data: { meta?: { runId?: string; role?: string } }[] }).data.filter((d) => d.meta?.runId && !d.meta.role).length,
    );
  await expect.poll(traces, { timeout: 10_000 }).toBe(10);
  await page.screenshot({ path: 'e2e/screenshots/ch4-run.png', fullPage: true });
});
