// The main thread while runs stream (`npm run bench -- --charts`): chapter 1's five runs, chapter 1
// in compare mode (ten traces: each run in float32 and float64) and chapter 4's ten runs. For each,
// over WATCH_MS: the longest task (Chromium's long-task entries, over 50 ms), the longest gap
// between animation frames, how often the loss chart drew new steps (Hz), and how far it trailed
// the step counter. `--profile` adds the main thread's CPU profile of each: self time by function.
import { deflateRawSync } from 'node:zlib';

const WATCH_MS = 8000;
export const GOALS = { longestTaskMs: 50, frameGapMs: 100, chartHz: 10 };

const link = (base, config) => `${base}#ch=${config.problem}&c=1.${deflateRawSync(JSON.stringify(config)).toString('base64url')}`;
const FIVE = ['gd', 'adam', 'newton', 'gauss-newton', 'lm'].map((optimizer) => ({ optimizer, hp: optimizer === 'gd' ? { lr: 1e-6 } : {} }));

/** The scenarios: a name and the page to open. Long runs (target 0) so every run streams throughout. */
export const SCENARIOS = [
  { name: "chapter 1, five runs (wasm)", url: (base) => link(base, { v: 1, problem: 'rosenbrock-fit', backend: 'wasm', maxSteps: 20_000, targetLoss: 0, runs: FIVE }) },
  { name: 'chapter 1, compare mode: ten traces (wasm and cpu64)', url: (base) => link(base, { v: 1, problem: 'rosenbrock-fit', backend: 'wasm', precision: 'compare', maxSteps: 20_000, targetLoss: 0, runs: FIVE }) },
  { name: "chapter 4, the default ten runs ('auto')", url: (base) => `${base}#ch=rahimi-linear-net` },
];

/** Installs the observers in the page: long tasks, frame gaps, and the loss chart's redraws and lag. */
function observe() {
  const w = window;
  Object.assign(w, { __longest: 0, __long: 0, __gap: 0, __draws: [], __lags: [] });
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => {
      w.__longest = Math.max(w.__longest, e.duration);
      w.__long += 1;
    }),
  ).observe({ type: 'longtask' });
  let last = performance.now();
  const seen = new Map();
  let drawnBefore = 0;
  const chartStep = () => {
    const el = document.querySelector('[data-chart="loss"] .js-plotly-plot');
    let max = 0;
    // What was drawn last, on the live layer or by Plotly (plotly-figure.tsx).
    for (const t of el?.__shown ?? el?.data ?? []) if (t.mode?.includes('lines') && t.x?.length) max = Math.max(max, t.x[t.x.length - 1]);
    return max;
  };
  const frame = (t) => {
    w.__gap = Math.max(w.__gap, t - last);
    last = t;
    const counter = Number(document.querySelector('.step-counter')?.textContent.replace(/[^0-9]/g, '') || 0);
    if (counter && !seen.has(counter)) seen.set(counter, t);
    const drawn = chartStep();
    if (drawn !== drawnBefore) {
      w.__draws.push(t);
      drawnBefore = drawn;
    }
    for (const [step, at] of seen)
      if (drawn >= step) {
        w.__lags.push(t - at);
        seen.delete(step);
      }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function profileTop(session, top = 15) {
  const { profile } = await session.send('Profiler.stop');
  const dt = new Map();
  // Self time per node from the samples' time deltas.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  for (const [id, us] of dt) {
    const f = byId.get(id).callFrame;
    const file = f.url.split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function watch(page, base, scenario, profile) {
  await page.goto('about:blank');
  await page.goto(scenario.url(base));
  await page.getByRole('status').filter({ hasText: /^Backend: [a-z]/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run all' }).waitFor();
  await page.waitForTimeout(500);
  // The reader watches the loss chart: on screen (figures off screen are redrawn less often).
  await page.locator('[data-chart="loss"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => performance.clearMeasures());
  await page.evaluate(observe);
  const session = profile ? await page.context().newCDPSession(page) : null;
  if (session) {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
  }
  await page.getByRole('button', { name: 'Run all' }).click();
  await page.waitForTimeout(WATCH_MS);
  const top = session ? await profileTop(session) : null;
  const r = await page.evaluate(() => ({
    longest: window.__longest,
    long: window.__long,
    gap: window.__gap,
    draws: window.__draws,
    lags: window.__lags,
    // The page's own measure of each figure's redraws (ui/redraw-scheduler.ts).
    redraws: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('redraw ')).map((m) => [m.name.slice(7), m.duration]),
  }));
  const perChart = new Map();
  for (const [chart, ms] of r.redraws) perChart.set(chart, [...(perChart.get(chart) ?? []), ms]);
  r.charts = [...perChart].map(([chart, ms]) => `${chart} ${ms.length}x, median ${median(ms).toFixed(0)} / max ${Math.max(...ms).toFixed(0)} ms`).join('; ');
  const steps = await page.$$eval('table tbody tr .steps', (cells) => cells.reduce((s, c) => s + Number(c.textContent), 0));
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await session?.detach();
  r.lags.sort((a, b) => a - b);
  // Redraw rate over the time the chart was drawing (first to last draw).
  const span = (r.draws.at(-1) - r.draws[0]) / 1000;
  const hz = r.draws.length > 1 ? (r.draws.length - 1) / span : 0;
  return { ...r, steps, hz, lag: { median: r.lags[Math.floor(r.lags.length / 2)] ?? NaN, p95: r.lags[Math.floor(r.lags.length * 0.95)] ?? NaN }, top };
}

export async function mainThreadBench(page, base, { profile = false } = {}) {
  const results = [];
  for (const s of SCENARIOS) {
    const r = await watch(page, base, s, profile);
    results.push({ ...s, ...r });
    console.log(`${s.name}: longest task ${r.longest.toFixed(0)} ms (${r.long} over 50 ms), frame gap ${r.gap.toFixed(0)} ms, loss chart ${r.hz.toFixed(1)} Hz, lag median ${r.lag.median.toFixed(0)} / p95 ${r.lag.p95.toFixed(0)} ms, ${r.steps} steps`);
    console.log(`    redraws: ${r.charts}`);
    if (r.top) for (const [fn, ms] of r.top) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
  }
  return [
    `The main thread while the runs stream, ${WATCH_MS / 1000} s each (goals: longest task under ${GOALS.longestTaskMs} ms, no frame gap over ${GOALS.frameGapMs} ms, the loss chart redrawn at ${GOALS.chartHz} Hz or more).`,
    '',
    '| scenario | longest task (ms) | tasks over 50 ms | longest frame gap (ms) | loss chart redraws (Hz) | chart behind the data: median / p95 (ms) | steps streamed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.name} | ${r.longest ? r.longest.toFixed(0) : '< 50 (none)'} | ${r.long} | ${r.gap.toFixed(0)} | ${r.hz.toFixed(1)} | ${r.lag.median.toFixed(0)} / ${r.lag.p95.toFixed(0)} | ${r.steps} |`),
    '',
    'Each figure\'s redraws in that time (the page\'s own `redraw <chart>` measures): count, median and longest.',
    '',
    ...results.map((r) => `- ${r.name}: ${r.charts || 'none measured'}`),
    '',
  ];
}
