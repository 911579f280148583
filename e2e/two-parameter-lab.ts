/**
 * What the specs of a two-parameter chapter (2 and 6) read from the page: the results table once
 * every run has stopped, and a chart's Plotly element.
 */
import { expect, type Page } from './fixtures';

/** Waits until every run has stopped; then, by run name, its stop, run id and end point (x, y). */
export async function finished(page: Page) {
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
  return table.locator('tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.children[0].textContent, { stop: tr.getAttribute('data-stop'), run: tr.getAttribute('data-run'), x: Number(tr.children[4].getAttribute('data-value') ?? NaN), y: Number(tr.children[5].getAttribute('data-value') ?? NaN) }])),
  );
}

/** The Plotly element of a chart. */
export const plot = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] .js-plotly-plot`);
