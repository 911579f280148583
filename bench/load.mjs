// The first load (`npm run bench -- --load`): the gzipped bytes of every built chunk, which of them
// chapter 1's first screen and its worker fetch, and the time from a cold navigation (a fresh
// context, nothing cached, no service worker) to the first screen (the chapter's Run all button)
// and to the first drawn point (the contour chart's first trace on the page). Sizes are gzip at
// level 9 of the files on disk, what a static host that compresses sends; times are the median of
// RUNS cold loads served from this machine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url);
const RUNS = 5;
/** Issue 16's budget for the first screen's JavaScript, gzipped. */
export const FIRST_SCREEN_BUDGET_KB = 400;
export const FIRST_POINT_GOAL_MS = 1000;

const kb = (bytes) => bytes / 1024;

/** Every file of the build under assets/ (and the page), with its size and gzipped size. */
function chunks() {
  const files = ['index.html', ...readdirSync(new URL('assets/', DIST)).map((f) => `assets/${f}`)];
  return new Map(
    files
      .filter((f) => statSync(new URL(f, DIST)).isFile())
      .map((f) => {
        const bytes = readFileSync(new URL(f, DIST));
        return [f, { raw: bytes.length, gz: /\.(gz|woff2?)$/.test(f) ? bytes.length : gzipSync(bytes, { level: 9 }).length }];
      }),
  );
}

/** One cold load of chapter 1: what the page and its worker fetched by each moment, and when. */
async function coldLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const fetched = [];
  // Dedicated workers' requests reach the page's events in Chromium; the worker's own list below says which.
  page.on('requestfinished', (r) => fetched.push({ url: r.url(), at: Date.now() }));
  const t0 = Date.now();
  await page.goto(`${base}#ch=rosenbrock-fit`);
  await page.getByRole('button', { name: 'Run all' }).waitFor();
  const screenAt = Date.now();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-chart] .js-plotly-plot');
    return !!el?.data?.some((t) => (t.x?.length ?? 0) > 0 || (t.z?.length ?? 0) > 0);
  }, null, { timeout: 60_000, polling: 'raf' });
  const pointAt = Date.now();
  // The worker's own modules (the engine, its backends) load as it starts; give it time to settle.
  await page.getByRole('status').filter({ hasText: /^Backend: [a-z]/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const workerUrls = new Set((await Promise.all(page.workers().map((w) => w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => [])))).flat());
  const workerScripts = page.workers().map((w) => w.url());
  await context.close();
  const rel = (url) => decodeURIComponent(new URL(url).pathname.replace(/^.*?\/curvature\//, ''));
  const byScreen = fetched.filter((f) => f.at <= screenAt).map((f) => rel(f.url));
  const byPoint = fetched.filter((f) => f.at <= pointAt).map((f) => rel(f.url));
  const worker = [...new Set([...workerScripts, ...workerUrls].map(rel))];
  return { screenMs: screenAt - t0, pointMs: pointAt - t0, byScreen, byPoint, worker, all: [...new Set(fetched.map((f) => rel(f.url)))] };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function loadBench(browser, base) {
  const sizes = chunks();
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, base));
  const last = loads.at(-1);
  const js = (files) => [...new Set(files)].filter((f) => f.endsWith('.js')).reduce((s, f) => s + (sizes.get(f)?.gz ?? 0), 0);
  const pageFirstScreen = js(last.byScreen.filter((f) => !last.worker.includes(f)));
  const workerJs = js(last.worker);
  const where = (f) => [last.byScreen.includes(f) && !last.worker.includes(f) ? 'first screen' : '', last.worker.includes(f) ? "worker's start" : '', !last.all.includes(f) ? 'when needed' : ''].filter(Boolean).join(', ') || 'after the first screen';
  const rows = [...sizes].filter(([f]) => f !== 'index.html').sort((a, b) => b[1].gz - a[1].gz);
  return [
    `Load: chapter 1 from a cold navigation (fresh context, no cache, no service worker), median of ${RUNS}.`,
    '',
    `- JavaScript for the first screen (the page's chunks fetched before Run all shows), gzipped: ${kb(pageFirstScreen).toFixed(0)} KB (budget: at most ${FIRST_SCREEN_BUDGET_KB} KB).`,
    `- JavaScript the engine worker fetches as it starts, gzipped: ${kb(workerJs).toFixed(0)} KB (page and worker together ${kb(pageFirstScreen + workerJs).toFixed(0)} KB).`,
    `- Time to the first screen: ${median(loads.map((l) => l.screenMs))} ms; to the first drawn point of chapter 1: ${median(loads.map((l) => l.pointMs))} ms (goal: under ${FIRST_POINT_GOAL_MS} ms). All ${RUNS}: ${loads.map((l) => l.pointMs).join(', ')} ms.`,
    '',
    '| file | KB | KB gzipped | loaded |',
    '| --- | ---: | ---: | --- |',
    ...rows.map(([f, s]) => `| ${f.replace(/^assets\//, '')} | ${kb(s.raw).toFixed(1)} | ${kb(s.gz).toFixed(1)} | ${where(f)} |`),
    '',
  ];
}
