/**
 * Chapter 7 end to end: a typed function (Himmelblau) raced by every optimizer that applies, a
 * click on the contour restarting them, a formula refused at its field with its position, the
 * least-squares methods greyed out for a function that is not a sum of squares, and the formula
 * carried by the link.
 */
import { expect, test, type Page } from './fixtures';
import { finished, plot } from './two-parameter-lab';

const HIMMELBLAU = '(x^2 + y - 11)^2 + (x + y^2 - 7)^2';

async function open(page: Page, hash = '#ch=your-function') {
  await page.goto('about:blank');
  await page.goto(`./${hash}`);
  await expect(page.getByRole('heading', { level: 2, name: '7. Your own function' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Max steps' }).fill('2000');
}

const contour = (page: Page) => plot(page, 'contour');

test('Himmelblau typed in: every method that applies runs, the curvature methods reach a minimum, a click restarts them all', async ({ page }) => {
  await open(page);
  const field = page.getByRole('textbox', { name: 'f(x, y)' });
  await field.fill('');
  await field.pressSequentially(HIMMELBLAU);
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('Himmelblau');
  await expect(page.getByText('A sum of 2 squares')).toBeVisible();
  await page.getByRole('button', { name: 'Run all' }).click();
  const table = await finished(page);
  expect(Object.keys(table)).toEqual(['Gradient descent', 'Momentum', 'Adam', 'Newton', 'Newton-CG', 'Levenberg-Marquardt']);
  // From (0, 0) the curvature methods end at one of the four minima, where f = 0.
  const minima = [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]];
  for (const name of ['Newton-CG', 'Levenberg-Marquardt']) {
    expect(table[name].stop, name).toBe('converged');
    expect(Math.min(...minima.map(([x, y]) => Math.hypot(table[name].x - x, table[name].y - y))), name).toBeLessThan(1e-3);
  }
  // The four minima are marked, and a click at about (-3, 3) restarts every run from there.
  const stars = await contour(page).evaluate((el) => (el as unknown as { data: { x: number[]; meta?: { role?: string } }[] }).data.find((d) => d.meta?.role === 'solution')?.x.length);
  expect(stars).toBe(4);
  const at = await contour(page).evaluate((el) => {
    const l = (el as unknown as { _fullLayout: { xaxis: { _offset: number; c2p(v: number): number }; yaxis: { _offset: number; c2p(v: number): number } } })._fullLayout;
    return { x: l.xaxis._offset + l.xaxis.c2p(-3), y: l.yaxis._offset + l.yaxis.c2p(3) };
  });
  await contour(page).click({ position: at });
  expect(Math.abs(Number(await page.getByRole('textbox', { name: 'Start x' }).inputValue()) + 3)).toBeLessThan(0.1);
  const again = await finished(page);
  expect(again['Levenberg-Marquardt'].run).not.toBe(table['Levenberg-Marquardt'].run);
  // From near (-3, 3), Levenberg-Marquardt goes to the minimum there.
  expect(Math.hypot(again['Levenberg-Marquardt'].x + 2.805118, again['Levenberg-Marquardt'].y - 3.131312)).toBeLessThan(1e-3);
});

test('a formula that does not parse is refused at its field with its position, and nothing runs', async ({ page }) => {
  await open(page);
  const field = page.getByRole('textbox', { name: 'f(x, y)' });
  await field.fill('x^2 + (y');
  await expect(page.getByRole('alert').filter({ hasText: "expected ')' at column 9" })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Run all' })).toBeDisabled();
  await field.fill('sinn(x) + y^2');
  await expect(page.getByRole('alert').filter({ hasText: "unknown function 'sinn' at column 1" })).toBeVisible();
  await field.fill('x^2 + y^2');
  await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled();
});

test('a function that is not a sum of squares greys out the least-squares methods, with the reason', async ({ page }) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('Matyas');
  await expect(page.getByRole('textbox', { name: 'Start x' })).toHaveValue('8');
  const lm = page.getByRole('combobox', { name: 'Add an optimizer' }).locator('option', { hasText: 'Levenberg-Marquardt' });
  await expect(lm).toBeDisabled();
  await expect(lm).toHaveText(/needs residuals/);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('Booth');
  await expect(lm).toBeEnabled();
});

test('the formula is in the link: a reload keeps it; a link whose formula does not read opens the defaults with a notice', async ({ page }) => {
  await open(page);
  const field = page.getByRole('textbox', { name: 'f(x, y)' });
  await field.fill('(x - 1)^2 + 3*(y + 2)^2');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#ch=your-function&c=/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'f(x, y)' })).toHaveValue('(x - 1)^2 + 3*(y + 2)^2');
  // The same settings with a broken formula, encoded as the page encodes links.
  const broken = await page.evaluate(async () => {
    const json = JSON.stringify({ problem: 'formula', formula: 'x +* y', runs: [{ optimizer: 'gd' }] });
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return '1.' + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  await open(page, `#ch=your-function&c=${broken}`);
  await expect(page.getByRole('alert').filter({ hasText: /formula does not read/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'f(x, y)' })).toHaveValue(HIMMELBLAU);
});
