/**
 * The live layer (ui/live-layer.ts): while runs stream, new points are drawn on a canvas over the
 * plot area, not by Plotly. Checked here against Plotly itself: each drawn point sits where
 * Plotly's own axes (c2p) put it, in its trace's colour, and nothing is lost: once the runs stop,
 * Plotly draws every point and the canvas goes.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from './fixtures';

/** Chapter 1's five runs for 20,000 steps with no target, so that they stream for a while (the bench's scenario). */
const FIVE = ['gd', 'adam', 'newton', 'gauss-newton', 'lm'].map((optimizer) => ({ optimizer, hp: optimizer === 'gd' ? { lr: 1e-6 } : {} }));
const CONFIG = { v: 1, problem: 'rosenbrock-fit', backend: 'wasm', maxSteps: 20_000, targetLoss: 0, runs: FIVE };
const LINK = `./#ch=rosenbrock-fit&c=1.${deflateRawSync(JSON.stringify(CONFIG)).toString('base64url')}`;

/**
 * For every line drawn live on a chart, a sample of its points: the share whose pixel on the
 * canvas (where Plotly's c2p puts it, moved by `shift` px) has the trace's colour within 1 px.
 * Read in one synchronous evaluation, so no redraw comes in between.
 */
async function liveMatch(page: Page, chart: string, shift = 0) {
  return page.locator(`[data-chart="${chart}"]`).evaluate((figure, shift) => {
    type Axis = { _offset: number; _length: number; c2p(v: number): number };
    const el = figure.querySelector('.js-plotly-plot') as HTMLElement & { _fullLayout: { xaxis: Axis; yaxis: Axis }; __shown: { mode: string; x: number[]; y: number[]; line?: { color: string } }[] };
    const canvas = figure.querySelector('canvas.live-layer') as HTMLCanvasElement;
    if (canvas.style.display !== 'block') return null;
    const { xaxis: xa, yaxis: ya } = el._fullLayout;
    const dpr = canvas.width / xa._length;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    let tried = 0;
    let matched = 0;
    for (const t of el.__shown.filter((d) => d.mode === 'lines' && d.line?.color?.startsWith('#'))) {
      const rgb = hex(t.line!.color);
      for (let i = Math.floor(t.x.length / 2); i < t.x.length; i += Math.max(1, Math.floor(t.x.length / 40))) {
        const px = xa.c2p(t.x[i]);
        const py = ya.c2p(t.y[i]) + shift;
        if (!Number.isFinite(px) || !Number.isFinite(py) || px < 3 || py < 3 || px > xa._length - 3 || py > ya._length - 3) continue;
        tried += 1;
        let hit = false;
        for (let dx = -1; dx <= 1 && !hit; dx++)
          for (let dy = -1; dy <= 1 && !hit; dy++) {
            const k = (Math.round((py + dy) * dpr) * canvas.width + Math.round((px + dx) * dpr)) * 4;
            hit = pixels[k + 3] > 200 && rgb.every((c, j) => Math.abs(c - pixels[k + j]) < 40);
          }
        if (hit) matched += 1;
      }
    }
    const hidden = Array.from(el.querySelectorAll<SVGGElement>('.scatterlayer .trace')).filter((g) => g.style.visibility === 'hidden').length;
    return { tried, share: matched / Math.max(tried, 1), hidden };
  }, shift);
}

test('while chapter 1 streams, the canvas draws every line where Plotly would; once the runs stop Plotly has every point', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto(LINK);
  await expect(page.getByRole('status').filter({ hasText: /^Backend: wasm$/ })).toBeVisible();
  await page.locator('[data-chart="loss"]').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Run all' }).click();
  // The first live frame of the loss chart, read in the same evaluation as the canvas.
  let live: Awaited<ReturnType<typeof liveMatch>> = null;
  await expect.poll(async () => (live = await liveMatch(page, 'loss'))?.tried ?? 0, { timeout: 30_000, intervals: [50] }).toBeGreaterThan(20);
  expect(live!.share, 'share of sampled points drawn in their colour where Plotly maps them').toBeGreaterThan(0.9);
  // Plotly's copies of the live traces are hidden, so that nothing is drawn twice.
  expect(live!.hidden).toBeGreaterThan(0);
  // The same check 12 px off misses: the test can tell a misplaced line.
  const off = await liveMatch(page, 'loss', 12);
  if (off) expect(off.share).toBeLessThan(0.5);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // Settled: Plotly drew every point shown, the canvas is gone and its traces are visible again.
  const figure = page.locator('[data-chart="loss"]');
  await expect(figure.locator('canvas.live-layer')).toBeHidden({ timeout: 10_000 });
  const settled = await figure.locator('.js-plotly-plot').evaluate((el) => {
    const e = el as HTMLElement & { data: { x: number[] }[]; __shown: { x: number[] }[] };
    return {
      same: e.data.length === e.__shown.length && e.data.every((t, i) => t.x.length === e.__shown[i].x.length && t.x.at(-1) === e.__shown[i].x.at(-1)),
      hidden: Array.from(el.querySelectorAll<SVGGElement>('.scatterlayer .trace')).filter((g) => g.style.visibility === 'hidden').length,
    };
  });
  expect(settled).toEqual({ same: true, hidden: 0 });
});
