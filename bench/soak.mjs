// The soak (not a test): chapter 2 with all eight optimizers for up to 100,000 steps each, and
// chapter 4's largest link (16 runs of 1,000,000 steps) for a while. Every SAMPLE_MS: the page's
// JS heap, the worker's heap and live tensors, the steps taken, and the main thread's longest task
// and longest gap between frames so far. A leak or a stutter shows as a trend in the table.
import { deflateRawSync } from 'node:zlib';

const SAMPLE_MS = 5000;

const link = (base, config) => `${base}#ch=${config.problem}&c=1.${deflateRawSync(JSON.stringify(config)).toString('base64url')}`;

async function heapOf(session) {
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Runs `config` until every run stops or `limitMs` passes, sampling as it goes. */
async function soakOne(page, base, config, limitMs) {
  await page.goto('about:blank');
  await page.goto(link(base, config));
  await page.getByRole('status').filter({ hasText: /^Backend: [a-z]/ }).waitFor({ timeout: 60_000 });
  const session = await page.context().newCDPSession(page);
  await page.evaluate(() => {
    const w = window;
    w.__longest = 0;
    w.__gap = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__longest = Math.max(w.__longest, e.duration)))).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t) => {
      w.__gap = Math.max(w.__gap, t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.getByRole('button', { name: 'Run all' }).click();
  const t0 = Date.now();
  const samples = [];
  for (;;) {
    await page.waitForTimeout(SAMPLE_MS);
    const [worker] = page.workers();
    const memory = await worker.evaluate(() => self.curvatureMemory?.()).catch(() => null);
    const { longest, gap } = await page.evaluate(() => ({ longest: window.__longest, gap: window.__gap }));
    const table = await page.$$eval('table tbody tr', (trs) => trs.map((tr) => ({ steps: Number(tr.querySelector('.steps')?.textContent), stop: tr.getAttribute('data-stop') })));
    samples.push({
      s: (Date.now() - t0) / 1000,
      pageMB: (await heapOf(session)) / 2 ** 20,
      tensors: memory?.numTensors ?? NaN,
      tensorMB: (memory?.numBytes ?? NaN) / 2 ** 20,
      steps: table.reduce((n, r) => n + r.steps, 0),
      live: table.filter((r) => !r.stop).length,
      longest,
      gap,
    });
    console.log(`soak ${config.problem}: ${JSON.stringify(samples.at(-1))}`);
    if (!samples.at(-1).live || Date.now() - t0 > limitMs) break;
  }
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await session.detach();
  return samples;
}

export async function soak(page, base) {
  const valley = { v: 1, problem: 'rosenbrock-valley', backend: 'cpu', maxSteps: 100_000, targetLoss: 0, runs: ['gd', 'momentum', 'rmsprop', 'adam', 'newton', 'newton-cg', 'gauss-newton', 'lm'].map((optimizer) => ({ optimizer })) };
  const rahimi = { v: 1, problem: 'rahimi-linear-net', backend: 'wasm', maxSteps: 1_000_000, targetLoss: 0, runs: Array.from({ length: 16 }, (_, i) => ({ optimizer: i % 2 ? 'adam' : 'gd', hp: { lr: i % 2 ? 1e-4 : 1e-5 } })) };
  return {
    valley: await soakOne(page, base, valley, 10 * 60_000),
    rahimi: await soakOne(page, base, rahimi, 90_000),
  };
}

export function soakTable(name, samples) {
  return [
    `Soak, ${name}: every ${SAMPLE_MS / 1000} s.`,
    '',
    '| s | page heap (MB) | worker tensors | tensor MB | steps (all runs) | live runs | longest task (ms) | longest frame gap (ms) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...samples.map((x) => `| ${x.s.toFixed(0)} | ${x.pageMB.toFixed(1)} | ${x.tensors} | ${x.tensorMB.toFixed(2)} | ${x.steps} | ${x.live} | ${x.longest.toFixed(0)} | ${x.gap.toFixed(0)} |`),
    '',
  ];
}
