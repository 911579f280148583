/**
 * Chapter 2 end to end: every optimizer on the valley, click-to-restart on the contour, the x-axis
 * switch, a diverged run, adding an optimizer.
 */
import { expect, test, type Page } from './fixtures';
import { finished, plot } from './two-parameter-lab';

const ALL = ['Gradient descent', 'Momentum', 'RMSProp', 'Adam', 'Newton', 'Newton-CG', 'Gauss-Newton', 'Levenberg-Marquardt'];

async function open(page: Page) {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-valley');
  await expect(page.getByRole('heading', { level: 2, name: '2. The Rosenbrock valley' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  // Keep the first-order runs short: this is about the page, not their patience.
  await page.getByRole('textbox', { name: 'Max steps' }).fill('2000');
}

type Trace = { name: string; x: number[]; meta?: { runId?: string; role?: string } };
const lines = (page: Page, chart: string) =>
  plot(page, chart).evaluate((el) => ((el as unknown as { data: Trace[] }).data ?? []).filter((d) => d.meta?.runId && !d.meta.role).map((d) => ({ name: d.name, x: d.x })));

test('every optimizer runs on the valley; the curvature methods reach (1, 1)', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = await finished(page);
  expect(Object.keys(table)).toEqual(ALL);
  for (const name of ['Newton', 'Newton-CG', 'Gauss-Newton', 'Levenberg-Marquardt']) {
    expect(table[name].stop, name).toBe('converged');
    expect(Math.abs(table[name].x - 1), name).toBeLessThan(1e-3);
    expect(Math.abs(table[name].y - 1), name).toBeLessThan(1e-3);
  }
  // Redraws are paced by their own cost, so the last one can come a moment after the runs end.
  for (const chart of ['contour', 'loss', 'grad']) {
    await expect.poll(async () => (await lines(page, chart)).map((l) => l.name), { message: chart, timeout: 10_000 }).toEqual(ALL);
  }
  await page.screenshot({ path: 'e2e/screenshots/ch2-run-all.png', fullPage: true });
});

test('a click on the contour restarts every run from that point', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  const first = await finished(page);
  // The plot area spans x in [-2, 2] and y in [-1, 3]; click at about (1.0, 0.0).
  const area = await plot(page, 'contour').evaluate((el) => {
    const l = (el as unknown as { _fullLayout: { xaxis: { _offset: number; _length: number; c2p(v: number): number }; yaxis: { _offset: number; c2p(v: number): number } } })._fullLayout;
    return { x: l.xaxis._offset + l.xaxis.c2p(1), y: l.yaxis._offset + l.yaxis.c2p(0) };
  });
  await plot(page, 'contour').click({ position: area });
  const x0 = Number(await page.getByRole('textbox', { name: 'Start x' }).inputValue());
  const y0 = Number(await page.getByRole('textbox', { name: 'Start y' }).inputValue());
  // Within a pixel or two of the target: the view is 4 units over a few hundred pixels.
  expect(Math.abs(x0 - 1)).toBeLessThan(0.05);
  expect(Math.abs(y0 - 0)).toBeLessThan(0.05);
  const again = await finished(page);
  expect(again.Newton.run).not.toBe(first.Newton.run);
  const start = await plot(page, 'contour').evaluate((el) => (el as unknown as { data: { x: number[]; meta?: { role?: string } }[] }).data.find((d) => d.meta?.role === 'start')?.x[0]);
  expect(start).toBe(x0);
  const newton = await plot(page, 'contour').evaluate((el) => (el as unknown as { data: { x: number[]; name: string }[] }).data.find((d) => d.name === 'Newton')?.x[0]);
  expect(newton).toBeCloseTo(x0, 5);
});

test('the x-axis switches between step, wall time and evaluations', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  await finished(page);
  await page.getByRole('radio', { name: 'evaluations' }).check();
  await expect(plot(page, 'loss').locator('.xtitle')).toHaveText(/gradient-equivalents/);
  // Gauss-Newton: one Jacobian (1 gradient-equivalent) per step, the start included.
  const gn = (await lines(page, 'loss')).find((l) => l.name === 'Gauss-Newton')!;
  expect(gn.x).toEqual(gn.x.map((_, i) => i + 1));
  // Newton-CG: the gradient (1) plus two per Hessian-vector product.
  const ncg = (await lines(page, 'loss')).find((l) => l.name === 'Newton-CG')!;
  expect(ncg.x[0]).toBe(1);
  expect(ncg.x[1]).toBeGreaterThan(3);
  await page.getByRole('radio', { name: 'wall time' }).check();
  await expect(plot(page, 'grad').locator('.xtitle')).toHaveText('engine time (ms)');
  await page.screenshot({ path: 'e2e/screenshots/ch2-evaluations.png', fullPage: true });
});

test('a diverged run is marked while the others go on; a second Adam can be added', async ({ page }) => {
  await open(page);
  await page.getByRole('textbox', { name: 'Gradient descent Learning rate' }).fill('0.01');
  // Arrowing through the list adds nothing; Enter (or Add) adds the one chosen.
  const add = page.getByRole('combobox', { name: 'Add an optimizer' });
  const rows = page.locator('.optimizer-row');
  const before = await rows.count();
  await add.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows).toHaveCount(before);
  await add.selectOption('adam');
  await expect(rows).toHaveCount(before);
  await add.press('Enter');
  await expect(rows).toHaveCount(before + 1);
  await page.getByRole('textbox', { name: 'Adam 2 Learning rate' }).fill('0.1');
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = await finished(page);
  expect(table['Gradient descent'].stop).toBe('diverged');
  expect(table['Adam, lr 0.1']).toBeDefined();
  expect(table.Newton.stop).toBe('converged');
  await expect(page.getByRole('row', { name: /Gradient descent/ })).toContainText('diverged');
});
