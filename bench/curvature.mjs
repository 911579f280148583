// `npm run bench -- --curvature`: chapter 6's tools in the browser's worker, in ms as the worker
// times them (the status line's figure): the dense spectrum of chapter 3's net (41 parameters,
// float64 on cpu64: 41 Hessian-vector products and a 41 x 41 eigensolve) at a Levenberg-Marquardt
// run's point, chapter 4's (Lanczos, 96 parameters) and chapter 3's error bars; and the digits net's
// 20 extreme eigenvalues (10 at each end, 60 Lanczos steps, float32 on wasm) after 400 steps.

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Computes `kind` `times` times at the paused LM (or `run`) point of `chapter`; the worker's ms each time. */
async function panelTimes(page, base, chapter, kind, run, times) {
  await page.goto('about:blank');
  await page.goto(`${base}#ch=${chapter}`);
  await page.getByRole('status').filter({ hasText: /^Backend: (wasm|cpu|webgl)$/ }).waitFor();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForTimeout(500);
  const panel = page.getByRole('region', { name: 'Curvature where a run has got to' });
  await panel.getByRole('combobox', { name: 'At the parameters of' }).selectOption({ label: run });
  await panel.getByRole('radio', { name: kind }).check();
  const ms = [];
  for (let i = 0; i < times; i++) {
    await panel.getByRole('button', { name: 'Compute' }).click();
    await panel.getByText(/in float64 \(\d+ ms\)/).waitFor({ timeout: 120_000 });
    const text = await panel.getByText(/in float64 \(\d+ ms\)/).textContent();
    ms.push(Number(/\((\d+) ms\)/.exec(text)[1]));
    await page.waitForTimeout(200);
  }
  return ms;
}

async function digitsTimes(page, base, times) {
  const out = [];
  for (let i = 0; i < times; i++) {
    await page.goto('about:blank');
    await page.goto(`${base}#ch=curvature-tools&dsteps=400`);
    await page.getByRole('button', { name: 'Train and look' }).click();
    const status = page.getByTestId('digits-curvature').getByRole('status');
    await status.waitFor({ timeout: 120_000 });
    const text = await status.textContent();
    const [, train, lanczos, maps] = /training (\d+) ms, Lanczos (\d+) ms, the maps (\d+) ms/.exec(text);
    out.push({ train: Number(train), lanczos: Number(lanczos), maps: Number(maps), backend: /float32 on (\w+)/.exec(text)?.[1] });
  }
  return out;
}

export async function curvatureBench(page, base) {
  const row = (name, ms) => `| ${name} | ${median(ms)} | ${Math.min(...ms)} | ${Math.max(...ms)} | ${ms.length} |`;
  const ch3 = await panelTimes(page, base, 'net-on-rosenbrock', 'Spectrum', 'Levenberg-Marquardt', 5);
  const ch3bars = await panelTimes(page, base, 'net-on-rosenbrock', 'Error bars', 'Levenberg-Marquardt', 3);
  const ch4 = await panelTimes(page, base, 'rahimi-linear-net', 'Spectrum', 'Gauss-Newton, scale 0.2', 2);
  const digits = await digitsTimes(page, base, 3);
  return [
    '| in the worker, ms | median | min | max | runs |',
    '| --- | --- | --- | --- | --- |',
    row("chapter 3's spectrum: dense H (41 Hv) and J^T J, float64", ch3),
    row("chapter 3's error bars: J^T J covariance, H covariance, band and held-out coverage, float64", ch3bars),
    row("chapter 4's spectrum: Lanczos on H (60 Hv of 96 parameters) and J^T J, float64", ch4),
    row(`the digits net's 20 extreme eigenvalues: Lanczos, 60 Hv of 2,314 parameters, float32 on ${digits[0].backend}`, digits.map((d) => d.lanczos)),
    row('  (its 400 training steps before)', digits.map((d) => d.train)),
    row('  (its ten class maps)', digits.map((d) => d.maps)),
  ];
}
