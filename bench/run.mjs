// npm run bench: engine speed per optimizer and backend, the first load (`--load` measures only
// that: load.mjs), and the main thread while runs stream (`--charts` measures only that, and
// `--charts --profile` adds CPU profiles: main-thread.mjs), measured in headless Chromium on the
// production build. Not a test: figures vary with the machine, so
// compare ratios from one run. Writes bench/results/<time>.md as well as printing the tables.
import { curvatureBench } from './curvature.mjs';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { serve } from '../e2e/serve.mjs';
import { runDigitsReference, runNumpyReference } from './reference/numpy-reference.mjs';
import { soak, soakTable } from './soak.mjs';
import { loadBench } from './load.mjs';
import { mainThreadBench } from './main-thread.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const BASE = `http://127.0.0.1:${PORT}/curvature/`;
const OPTIMIZERS = { gd: 'Gradient descent', adam: 'Adam', newton: 'Newton', 'gauss-newton': 'Gauss-Newton', lm: 'Levenberg-Marquardt' };
const BACKENDS = ['wasm', 'cpu', 'webgl'];
/** Steps to time per optimizer; fast-converging methods are re-run until they reach it. */
const STEPS = 2000;
const MAX_REPEATS = 40;

const link = (config) => `${BASE}#ch=${config.problem}&c=1.${deflateRawSync(JSON.stringify(config)).toString('base64url')}`;

/** A long run per optimizer: target 0 so first-order methods keep stepping. */
function config(optimizer, backend) {
  const hp = optimizer === 'gd' ? { lr: 1e-5 } : {};
  return { v: 1, problem: 'rosenbrock-fit', backend, maxSteps: STEPS, targetLoss: 0, runs: [{ optimizer, hp }] };
}

async function waitForStop(page) {
  await page.locator('table tbody tr').first().waitFor();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('table tbody tr')];
    return rows.length > 0 && rows.every((r) => r.getAttribute('data-stop'));
  }, null, { timeout: 300_000, polling: 50 });
  return page.$$eval('table', ([table]) => {
    // Columns by their header: chapters differ (parameters, validation loss).
    const col = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'Wall time (ms)');
    return [...table.querySelectorAll('tbody tr')].map((r) => ({
      name: r.children[0].textContent,
      steps: Number(r.querySelector('.steps')?.textContent),
      ms: Number(r.children[col].getAttribute('data-value')),
      stop: r.getAttribute('data-stop'),
    }));
  });
}

async function openWith(page, url, backend) {
  await page.goto('about:blank');
  await page.goto(url);
  const status = page.getByRole('status').filter({ hasText: /^Backend: / });
  await status.filter({ hasText: `Backend: ${backend}` }).waitFor({ timeout: 30_000 });
}

async function stepsPerSecond(page, optimizer, backend, cfg = config(optimizer, backend), atLeast = STEPS) {
  await openWith(page, link(cfg), backend);
  let steps = 0;
  let ms = 0;
  for (let i = 0; i < MAX_REPEATS && steps < atLeast; i++) {
    await page.getByRole('button', { name: 'Run all' }).click();
    const [row] = await waitForStop(page);
    steps += row.steps;
    ms += row.ms;
  }
  return { steps, ms, rate: (steps / ms) * 1000 };
}

/**
 * Chapter 4's whole default experiment (ten runs: eight first-order runs of 3,000 steps, batched,
 * and two least-squares runs of 200) as a user sees it: from the click on Run all until every row
 * of the table has stopped.
 */
async function chapter4(page, backend) {
  await page.goto('about:blank');
  await page.goto(`${BASE}#ch=rahimi-linear-net`);
  await page.getByRole('status').filter({ hasText: /^Backend: [a-z]/ }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Backend').selectOption(backend);
  await page.getByRole('status').filter({ hasText: `Backend: ${backend}` }).waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run all' }).click();
  const rows = await waitForStop(page);
  return { wallMs: Date.now() - t0, rows };
}

/**
 * A chapter-5 sweep on 'auto' as a user runs it, from Run sweep until Finished (the data loaded and
 * the backend chosen included), once the page has loaded and gone idle; the main thread's longest
 * task meanwhile (Chromium's long tasks, over 50 ms), and what the worker measured per model-step.
 * With two workers training at once, the worker's per-model-step figure is one worker's: the wall
 * time is the measure of the work.
 */
async function timeSweep(page, hash) {
  await page.goto('about:blank');
  await page.goto(`${BASE}#ch=digits-sweep${hash}`);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
  await page.evaluate(() => {
    window.__sweepLongest = 0;
    window.__sweepLong = 0;
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        window.__sweepLongest = Math.max(window.__sweepLongest, e.duration);
        window.__sweepLong += 1;
      }),
    ).observe({ type: 'longtask' });
  });
  const status = page.getByRole('status', { name: 'Sweep status' });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await status.filter({ hasText: 'Finished' }).waitFor({ timeout: 1_800_000 });
  const wallMs = Date.now() - t0;
  const { longest, long } = await page.evaluate(() => ({ longest: window.__sweepLongest, long: window.__sweepLong }));
  const measured = await page.locator('.backend-measured').textContent();
  const perStepUs = Object.fromEntries([...measured.matchAll(/(webgl|wasm|cpu) ([\d.]+) (us|ms)/g)].map((m) => [m[1], Number(m[2]) * (m[3] === 'ms' ? 1000 : 1)]));
  const backend = /Backend: (\w+)/.exec(measured)?.[1];
  const rows = await page.getByRole('table', { name: 'Sweep results' }).locator('tbody tr').count();
  return { wallMs, longest, long, perStepUs, backend, measured: measured.trim(), rows };
}

/** Chapter 5's quick sweep (16 models of 200 + 3,000 steps: 2 repeats of 2 modes x 4 values of p). */
async function chapter5(page) {
  return { ...(await timeSweep(page, '')), models: 16 };
}

/**
 * float64 (cpu64) against float32 on tfjs's cpu backend, per engine step: chapter 1's optimizers
 * one by one, and chapter 4's ten runs (the first-order ones batched) from the results table.
 */
async function float64Rates(page) {
  const ch1 = {};
  for (const id of Object.keys(OPTIMIZERS)) {
    ch1[id] = {};
    // The second-order methods stop at the seed's 1e-10, so both precisions take the same steps
    // (with a target of 0, float32 LM runs on at its floor while float64 LM reaches 0 in 6 steps).
    const cfg = (precision) => ({ ...config(id, 'cpu'), precision, ...(id === 'gd' || id === 'adam' ? {} : { targetLoss: 1e-10 }) });
    for (const precision of ['float32', 'float64']) {
      // One untimed run first: the methods that converge in a few steps are timed over few steps,
      // where a first call's compilation would weigh.
      await stepsPerSecond(page, id, 'cpu', cfg(precision), 1);
      ch1[id][precision] = await stepsPerSecond(page, id, 'cpu', cfg(precision));
    }
  }
  const ch4 = {};
  for (const precision of ['float32', 'float64']) {
    await openWith(page, `${BASE}#ch=rahimi-linear-net`, 'wasm');
    await page.getByLabel('Backend').selectOption('cpu');
    await page.getByRole('status').filter({ hasText: 'Backend: cpu' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Precision').selectOption(precision);
    await page.getByRole('button', { name: 'Run all' }).click();
    const rows = await waitForStop(page);
    const perStep = (which) => {
      const picked = rows.filter((r) => which(r.name.replace(' · float64', '')));
      return picked.reduce((s, r) => s + r.ms, 0) / picked.reduce((s, r) => s + r.steps, 0);
    };
    ch4[precision] = { firstOrder: perStep((n) => !n.startsWith('Gauss')), leastSquares: perStep((n) => n.startsWith('Gauss')), rows };
  }
  return { ch1, ch4 };
}

function float64Table({ ch1, ch4 }) {
  const row = (name, f32, f64, steps = '') => `| ${name} | ${f32.toFixed(4)} | ${f64.toFixed(4)} | ${(f64 / f32).toFixed(2)} | ${steps} |`;
  return [
    'float64 (our cpu64 backend) against float32 on the tfjs cpu backend, engine ms per step (goal: at most 1.5x):',
    '',
    '| run | cpu float32 | cpu64 float64 | float64 / float32 | steps timed (float32, float64) |',
    '| --- | ---: | ---: | ---: | --- |',
    ...Object.entries(OPTIMIZERS).map(([id, label]) => row(`chapter 1, ${label}`, 1000 / ch1[id].float32.rate, 1000 / ch1[id].float64.rate, `${ch1[id].float32.steps}, ${ch1[id].float64.steps}`)),
    row("chapter 4, first-order runs (batched, each run's share)", ch4.float32.firstOrder, ch4.float64.firstOrder),
    row('chapter 4, least-squares runs', ch4.float32.leastSquares, ch4.float64.leastSquares),
    '',
  ];
}

/**
 * A whole full sweep (5 repeats of every mode and p: 500 models for pruning's two curves, 765 for
 * disabling's three), end to end: the two together are the five full curves, measured, not
 * extrapolated.
 */
async function fullSweep(page, kind) {
  return { ...(await timeSweep(page, `&kind=${kind}&preset=full&loss=cross-entropy&seed=1&backend=auto`)), models: kind === 'prune' ? 500 : 765 };
}

/**
 * NIST's seven fits from start 2 with Levenberg-Marquardt on cpu64 (float64), with the fits'
 * settings of the catalog, in a worker of the built site's own: engine time to convergence (the
 * run's elapsed compute time) and steps. The data go in as the CLI's `--nist` reads them.
 */
async function nistFits(page) {
  const { loadNistProblems } = await import('./nist-problems.mjs');
  const problems = await loadNistProblems();
  await openWith(page, `${BASE}#ch=rosenbrock-fit`, 'cpu');
  return page.evaluate(async (problems) => {
    const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => /engine\.worker-[^/]*\.js$/.test(n));
    const worker = new Worker(url, { type: 'module' });
    const events = [];
    let wake = () => {};
    worker.onmessage = (e) => {
      events.push(e.data);
      wake();
    };
    const until = async (pred) => {
      while (!pred()) await new Promise((resolve) => (wake = resolve));
    };
    await until(() => events.some((e) => e.type === 'ready'));
    const out = [];
    for (const p of problems) {
      const runId = `nist-${p.name}`;
      worker.postMessage({ type: 'start', runId, spec: p.spec });
      await until(() => events.some((e) => e.type === 'status' && e.id === runId && e.status === 'stopped'));
      const batches = events.filter((e) => e.type === 'batch' && e.runId === runId);
      const last = batches[batches.length - 1].columns;
      const k = last.step.length - 1;
      out.push({ name: p.name, steps: last.step[k], ms: last.elapsedMs[k], stop: events.find((e) => e.type === 'status' && e.id === runId && e.status === 'stopped').stop.reason });
    }
    worker.terminate();
    return out;
  }, problems);
}

function nistTable(fits) {
  return [
    "NIST's seven fits from start 2, Levenberg-Marquardt on cpu64 (float64) in the browser's worker: engine time to convergence (goal: under 0.5 s each).",
    '',
    '| dataset | stop | steps | engine ms |',
    '| --- | --- | ---: | ---: |',
    ...fits.map((f) => `| ${f.name} | ${f.stop} | ${f.steps} | ${f.ms.toFixed(0)} |`),
    '',
  ];
}

async function main() {
  const only4 = process.argv.includes('--chapter4');
  const onlyNist = process.argv.includes('--nist');
  const only5 = process.argv.includes('--chapter5');
  const only64 = process.argv.includes('--float64');
  if (!process.argv.includes('--no-build')) execSync('npm run -s build', { stdio: 'inherit' });
  const server = await serve(PORT, '/curvature/');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  if (process.argv.includes('--soak')) {
    try {
      const result = await soak(page, BASE);
      const lines = [...soakTable('chapter 2, all eight optimizers, 100,000 steps', result.valley), ...soakTable("chapter 4's largest link, 16 runs of 1,000,000 steps (90 s)", result.rahimi)];
      console.log(lines.join('\n'));
      mkdirSync('bench/results', { recursive: true });
      writeFileSync(`bench/results/soak-${new Date().toISOString().replace(/[:.]/g, '-')}.md`, lines.join('\n'));
    } finally {
      await browser.close();
      server.close();
    }
    return;
  }
  if (onlyNist) {
    try {
      const lines = nistTable(await nistFits(page));
      console.log(lines.join('\n'));
      mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
      writeFileSync(new URL(`./results/nist-${Date.now()}.md`, import.meta.url), lines.join('\n'));
    } finally {
      await browser.close();
      server.close();
    }
    return;
  }
  if (process.argv.includes('--curvature')) {
    try {
      const lines = await curvatureBench(page, BASE);
      console.log(lines.join('\n'));
    } finally {
      await browser.close();
      server.close();
    }
    return;
  }
  if (process.argv.includes('--charts') || process.argv.includes('--load')) {
    // Only the main thread while runs stream, or only the first load.
    try {
      const lines = process.argv.includes('--load') ? await loadBench(browser, BASE) : await mainThreadBench(page, BASE, { profile: process.argv.includes('--profile') });
      console.log('\n' + lines.join('\n'));
    } finally {
      await browser.close();
      server.close();
    }
    return;
  }
  const rates = {};
  const ch4 = {};
  const everything = !only4 && !only5 && !only64;
  let load = [];
  let mainThread = [];
  let ch5 = null;
  let f64 = null;
  try {
    if (!only4 && !only5) {
      f64 = await float64Rates(page);
      console.log(`float64: ${JSON.stringify({ ch1: Object.fromEntries(Object.entries(f64.ch1).map(([k, v]) => [k, [v.float32.rate, v.float64.rate]])), ch4: [f64.ch4.float32.firstOrder, f64.ch4.float64.firstOrder, f64.ch4.float32.leastSquares, f64.ch4.float64.leastSquares] })}`);
    }
    if (!only4 && !only64) {
      ch5 = await chapter5(page);
      console.log(`chapter 5, quick sweep on ${ch5.backend}: ${(ch5.wallMs / 1000).toFixed(1)} s, longest main-thread task ${ch5.longest.toFixed(0)} ms`);
      ch5.full = { prune: await fullSweep(page, 'prune'), disable: await fullSweep(page, 'disable') };
      console.log(`chapter 5, full sweeps: ${JSON.stringify(ch5.full)}`);
    }
    for (const backend of only5 || only64 ? [] : BACKENDS) {
      ch4[backend] = await chapter4(page, backend);
      console.log(`${backend} chapter 4, whole experiment: ${(ch4[backend].wallMs / 1000).toFixed(2)} s`);
      if (only4) continue;
      rates[backend] = {};
      for (const id of Object.keys(OPTIMIZERS)) {
        rates[backend][id] = await stepsPerSecond(page, id, backend);
        console.log(`${backend} ${id}: ${rates[backend][id].rate.toFixed(0)} steps/s (${rates[backend][id].steps} steps)`);
      }
      const lmNet = { v: 1, problem: 'net-on-rosenbrock', backend, maxSteps: 200, targetLoss: 0, runs: [{ optimizer: 'lm' }] };
      rates[backend].lmNet = await stepsPerSecond(page, 'lm', backend, lmNet, 200);
      console.log(`${backend} chapter-3 LM: ${(1000 / rates[backend].lmNet.rate).toFixed(2)} ms/step`);
    }
    if (everything) {
      load = await loadBench(browser, BASE);
      mainThread = await mainThreadBench(page, BASE);
    }
  } finally {
    await browser.close();
    server.close();
  }
  // After the browser has closed, so the two do not compete for the cores.
  const numpy = only5 || only64 ? null : { default: await runNumpyReference(), single: await runNumpyReference({ threads: 1 }) };
  // The quick sweep's work in NumPy: both prune modes, 4 values of p, 2 repeats (16 models).
  const digits = ch5 ? await Promise.all(['minimal', 'random'].map((mode) => runDigitsReference({ kind: 'prune', mode, ps: 4, repeats: 2, threads: 1 }))) : null;
  const base = rates.wasm;
  const lines = [
    `# Curvature bench, ${new Date().toISOString()}`,
    '',
    ...(numpy ? chapter4Table(ch4, numpy) : []),
    ...(ch5 ? chapter5Table(ch5, digits) : []),
    ...(f64 ? float64Table(f64) : []),
    ...load,
    ...mainThread,
  ];
  if (everything) lines.push(
    'Chapter 1, engine steps per second (engine compute time in the worker; ratio to wasm in brackets):',
    '',
    `| optimizer | ${BACKENDS.join(' | ')} |`,
    `| --- | ${BACKENDS.map(() => '---:').join(' | ')} |`,
    ...Object.entries(OPTIMIZERS).map(
      ([id, label]) => `| ${label} | ${BACKENDS.map((b) => `${rates[b][id].rate.toFixed(0)} (${(rates[b][id].rate / base[id].rate).toFixed(2)}x)`).join(' | ')} |`,
    ),
    '',
    `Chapter 3 (500 x 41 Jacobian), Levenberg-Marquardt: ${BACKENDS.map((b) => `${b} ${(1000 / rates[b].lmNet.rate).toFixed(2)} ms/step`).join(', ')}.`,
    '',
  );
  const text = lines.join('\n');
  console.log('\n' + text);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/bench-${Date.now()}.md`, import.meta.url), text);
}

/**
 * Chapter 5: the quick sweep and the five full curves in the browser, each timed end to end,
 * against float64 NumPy of the same work on one BLAS thread (the quick sweep's 16 models run in
 * NumPy; the five curves' NumPy time is its per-model-step cost times their 1,265 models), as
 * ratios beside the goals, and the main thread's longest task during each sweep.
 */
function chapter5Table(ch5, digits) {
  const { prune, disable } = ch5.full;
  const s = (ms) => (ms / 1000).toFixed(1);
  const longest = (r) => (r.long ? `${r.longest.toFixed(0)} ms (${r.long} over 50 ms)` : 'none over 50 ms');
  const lines = [
    `Chapter 5 in the browser on '${ch5.backend}' ('auto'), each sweep from Run sweep to Finished (loading the data and choosing the backend included); the full sweeps train on two workers:`,
    '',
    '| sweep | models x steps | browser (s) | longest main-thread task | rows of the results table (mode, p) |',
    '| --- | ---: | ---: | --- | ---: |',
    `| quick | 16 x 3,200 | ${s(ch5.wallMs)} | ${longest(ch5)} | ${ch5.rows} |`,
    `| full, prune (2 curves) | 500 x 3,200 | ${s(prune.wallMs)} | ${longest(prune)} | ${prune.rows} |`,
    `| full, disable (3 curves) | 765 x 3,200 | ${s(disable.wallMs)} | ${longest(disable)} | ${disable.rows} |`,
    `| the five full curves | 1,265 x 3,200 | ${s(prune.wallMs + disable.wallMs)} | | |`,
    '',
    `What 'auto' measured per model-step before each sweep (a short probe of one worker; the quick sweep's groups of 8 go to wasm unmeasured): ${[ch5, prune, disable].map((r, i) => `${['quick', 'prune', 'disable'][i]} ${Object.entries(r.perStepUs).map(([b, us]) => `${b} ${us} us`).join(', ') || 'not measured'}`).join('; ')}. Two workers train at once, so the wall times above are the measure.`,
    '',
  ];
  if (digits.some((d) => d.skipped)) return [...lines, `NumPy reference skipped: ${digits.find((d) => d.skipped).why}.`, ''];
  const numpyS = digits.reduce((sum, d) => sum + d.total_s, 0);
  const numpyPerStepUs = (numpyS / (16 * 3200)) * 1e6;
  const numpyFive = numpyPerStepUs * 1e-6 * 3200 * 1265;
  const five = (prune.wallMs + disable.wallMs) / 1000;
  lines.push(
    `Float64 NumPy of the seed's loop (bench/reference/digits_numpy.py, one BLAS thread), the quick sweep's 16 models: ${numpyS.toFixed(1)} s, ${numpyPerStepUs.toFixed(0)} us per model-step; the five full curves at that rate: ${numpyFive.toFixed(0)} s.`,
    '',
    '| work | browser / NumPy | goal |',
    '| --- | ---: | --- |',
    `| quick sweep | ${(ch5.wallMs / 1000 / numpyS).toFixed(2)} | at most 1.0 |`,
    `| the five full curves | ${(five / numpyFive).toFixed(2)} | at most 0.5 |`,
    '',
  );
  return lines;
}

/** Chapter 4 in the browser per backend against float64 NumPy, as ratios (goal: at most 1/4). */
function chapter4Table(ch4, numpy) {
  const ref = numpy.default;
  if (ref.skipped) {
    return ['Chapter 4, whole experiment in the browser:', '', ...Object.entries(ch4).map(([b, r]) => `- ${b}: ${(r.wallMs / 1000).toFixed(2)} s`), '', `NumPy reference skipped: ${ref.why}.`, ''];
  }
  const numpyS = { default: ref.total_s, single: numpy.single.total_s };
  const runs = (r) => r.rows.map((row) => `${row.name} ${row.stop} at ${row.steps}`).join('; ');
  return [
    `Chapter 4 (Rahimi's net), the whole default experiment: in the browser from Run all until every run has stopped; in float64 NumPy (bench/reference, numpy ${ref.numpy}: the seed's loop with its 10,000 x 96 lstsq per least-squares step) ${numpyS.default.toFixed(1)} s with the machine's BLAS threads (first-order ${ref.first_order_s.toFixed(1)} s, least squares ${ref.least_squares_s.toFixed(1)} s), ${numpyS.single.toFixed(1)} s with one BLAS thread. Goal: the browser in at most 0.25 of NumPy.`,
    '',
    '| backend | browser (s) | / NumPy | / NumPy, 1 thread |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(ch4).map(([b, r]) => `| ${b} | ${(r.wallMs / 1000).toFixed(2)} | ${(r.wallMs / 1000 / numpyS.default).toFixed(3)} | ${(r.wallMs / 1000 / numpyS.single).toFixed(3)} |`),
    '',
    ...Object.entries(ch4).map(([b, r]) => `- ${b}: ${runs(r)}`),
    '',
  ];
}

await main();
