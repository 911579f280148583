/**
 * Moving between chapters: the contents push a history entry per chapter, Back and Forward return
 * to each with its settings, and a link pasted into the open tab opens what it says.
 */
import { expect, test, type Page } from './fixtures';

const heading = (page: Page) => page.getByRole('heading', { level: 2 }).filter({ hasText: /^\d\. / });
const contents = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name });

test('Back after opening chapters 1, 3 and 5 returns to 3, then 1, with their settings; Forward goes on again', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-fit');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('111');
  await contents(page, /^3\. /).click();
  await expect(heading(page)).toHaveText(/^3\. A neural net/);
  await page.getByRole('textbox', { name: 'Max steps', exact: true }).fill('333');
  await expect(page).toHaveURL(/ch=net-on-rosenbrock&c=/);
  await contents(page, /^5\. /).click();
  await expect(heading(page)).toHaveText(/^5\. SGD/);
  await page.getByRole('textbox', { name: 'Data seed' }).fill('7');
  await expect(page).toHaveURL(/ch=digits-sweep&.*seed=7/);

  await page.goBack();
  await expect(heading(page)).toHaveText(/^3\. A neural net/);
  await expect(page.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('333');
  await page.goBack();
  await expect(heading(page)).toHaveText(/^1\. Fitting/);
  await expect(page.getByRole('textbox', { name: 'Max steps', exact: true })).toHaveValue('111');
  await page.goForward();
  await page.goForward();
  await expect(heading(page)).toHaveText(/^5\. SGD/);
  await expect(page).toHaveURL(/seed=7/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test("a link to another chapter pasted into the open tab opens it; a broken one opens the defaults with a notice", async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('./#ch=rosenbrock-fit');
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
  // As if typed in the address bar: a navigation to a new fragment of the same page.
  await page.evaluate(() => (location.hash = '#ch=rosenbrock-valley'));
  await expect(heading(page)).toHaveText(/^2\. The Rosenbrock valley/);
  await expect(page.getByRole('textbox', { name: 'Start x' })).toHaveValue('-1.2');
  await page.evaluate(() => (location.hash = '#ch=rahimi-linear-net&c=1.garbage'));
  await expect(heading(page)).toHaveText(/^4\. Rahimi/);
  await expect(page.getByRole('alert')).toContainText('This link could not be read');
  await page.evaluate(() => (location.hash = '#ch=no-such-chapter'));
  await expect(heading(page)).toHaveText(/^1\. Fitting/);
  await expect(page.getByRole('alert')).toContainText('there is no chapter "no-such-chapter"');
});
