/**
 * The keyboard: a skip link first in the tab order, Space to run and to pause or resume, S to
 * step, R to reset, ? for the list of keys; keys typed into a field stay the field's; arrows step
 * a number field (a rate by a factor).
 */
import { expect, test } from './fixtures';

test('Space runs, pauses and resumes; S steps a paused race; R resets; ? lists the keys; a field keeps its keys', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-valley');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();

  // The first Tab reaches the skip link; following it puts focus on the lab.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the lab' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main #lab')).toBeFocused();
  await expect(page).toHaveURL(/#ch=rosenbrock-valley/);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Space');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Keys typed into a field are the field's: an s in Max steps is refused there, nothing steps.
  const maxSteps = page.getByRole('textbox', { name: 'Max steps', exact: true });
  await maxSteps.fill('');
  await maxSteps.pressSequentially('s');
  await expect(maxSteps).toHaveAttribute('aria-invalid', 'true');
  const rows = page.getByRole('table', { name: 'Results' }).locator('tbody tr');
  await expect(rows).toHaveCount(0);
  await maxSteps.fill('1000000');
  await page.locator('main h2').click();

  await page.keyboard.press(' ');
  await expect(rows).not.toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  // Paused: S takes exactly one step with every live run.
  const gd = page.getByRole('row', { name: /^Gradient descent/ }).locator('.steps');
  const before = Number(await gd.textContent());
  await page.keyboard.press('s');
  await expect(gd).toHaveText(String(before + 1));
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await page.keyboard.press('r');
  await expect(rows).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Keyboard' })).toHaveText('Reset.');
});

test('arrow keys step a number field: a learning rate by a factor of 2 (10 with Shift), max steps by 1, never out of range', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-valley');
  const lr = page.getByRole('textbox', { name: 'Gradient descent Learning rate' });
  await expect(lr).toHaveValue('0.001');
  await lr.press('ArrowUp');
  await expect(lr).toHaveValue('0.002');
  await lr.press('Shift+ArrowDown');
  await expect(lr).toHaveValue('0.0002');
  const maxSteps = page.getByRole('textbox', { name: 'Max steps', exact: true });
  await maxSteps.fill('1');
  await maxSteps.press('ArrowDown');
  await expect(maxSteps).toHaveValue('1');
  await expect(page).toHaveURL(/&c=1\./);
  const before = page.url();
  await maxSteps.press('ArrowUp');
  await expect(maxSteps).toHaveValue('2');
  // A stepped value is committed like a typed one: the link changes, and a reload reads it back.
  await expect.poll(() => page.url()).not.toBe(before);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Gradient descent Learning rate' })).toHaveValue('0.0002');
  await expect(page.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('2');
});

