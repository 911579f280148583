/**
 * Chapter 8 end to end: NIST's Misra1a pasted as a spreadsheet gives it, fitted in both precisions
 * and scored against the certified values; a CSV file opened and fitted by a straight line, checked
 * against the closed-form least squares; a model whose parameters the data cannot tell apart
 * reported as such; bad input refused at its field with nothing typed lost; and the link, which
 * carries a small table and leaves out a large one, saying so.
 */
import { expect, test, type Page } from './fixtures';

/** Misra1a's observations (src/data/nist/Misra1a.dat, lines 61 to 74): y, x. */
const MISRA1A = [
  [10.07, 77.6], [14.73, 114.9], [17.94, 141.1], [23.93, 190.8], [29.61, 239.9], [35.18, 289.0], [40.02, 332.8],
  [44.82, 378.4], [50.76, 434.8], [55.05, 477.3], [61.01, 536.8], [66.4, 593.1], [75.47, 689.1], [81.78, 760.0],
];
/** As a spreadsheet copies it: tab separated, a header row. */
const MISRA1A_TEXT = ['y\tx', ...MISRA1A.map(([y, x]) => `${y}\t${x}`)].join('\n');
const MISRA1A_MODEL = 'y = b1*(1-exp[-b2*x])';
/** The chapter's optimizers, in their order. */
const OPTIMIZERS = ['Levenberg-Marquardt', 'Gauss-Newton', 'Adam', 'Gradient descent'];

async function open(page: Page, url = './#ch=your-data') {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 2, name: '8. Your own data' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Backend: / })).toBeVisible();
}

const tableBox = (page: Page) => page.getByRole('textbox', { name: 'Data table' });
const modelBox = (page: Page) => page.getByRole('textbox', { name: 'Model' });
const runAll = (page: Page) => page.getByRole('button', { name: 'Run all' });
const report = (page: Page) => page.locator('[data-report]');
const maxSteps = (page: Page) => page.getByRole('textbox', { name: 'Max steps', exact: true });
const row = (page: Page, param: string) => report(page).getByRole('table', { name: 'Parameters' }).locator(`tr[data-param="${param}"]`);

/** Keeps only these optimizers' runs (the first-order ones take 5,000 slow steps). */
async function only(page: Page, keep: string[]) {
  for (const name of OPTIMIZERS) {
    await page.getByRole('checkbox', { name, exact: true }).setChecked(keep.includes(name));
  }
}

async function setStarts(page: Page, starts: Record<string, string>) {
  for (const [name, value] of Object.entries(starts)) await page.getByRole('textbox', { name: `Start ${name}`, exact: true }).fill(value);
}

/**
 * Pastes text into the table as a reader does, through the clipboard: Playwright's fill types it
 * in by the editing command insertText, which Chromium takes seconds over for a long table.
 */
async function paste(page: Page, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await tableBox(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(tableBox(page)).toHaveValue(text);
}

/** Runs all and waits until every run has stopped; returns each run's label and stop reason. */
async function runAndWait(page: Page) {
  await runAll(page).click();
  const table = page.getByRole('table', { name: 'Results' });
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await expect(table.locator('tbody tr[data-stop=""]')).toHaveCount(0, { timeout: 60_000 });
  return table.locator('tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.children[0].textContent, tr.getAttribute('data-stop')])));
}

/** A parameter's value and standard error as the report shows them (null: undetermined). */
async function fitted(page: Page, param: string) {
  const cells = row(page, param).locator('td');
  const se = (await cells.nth(1).textContent()) ?? '';
  return { value: Number(await cells.nth(0).textContent()), se: se === 'undetermined' ? null : Number(se.replace(/^± /, '')) };
}

/** The settings the page's link carries (decoded as the page encodes them: deflate-raw, base64url). */
function linked(page: Page) {
  return page.evaluate(async () => {
    const c = new URLSearchParams(location.hash.slice(1)).get('c');
    if (!c?.startsWith('1.')) return null;
    const bytes = Uint8Array.from(atob(c.slice(2).replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const json = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    return JSON.parse(json) as {
      maxSteps: number;
      precision: string;
      start: number[];
      runs: { optimizer: string; enabled?: boolean }[];
      fit: { model: string; data: { names: string[]; columns: number[][] }; omitted?: number };
    };
  });
}

/** A download's text. */
async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The numbers of a table's text, row by row (the header left out). */
const numbersOf = (text: string) =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/[\s,]+/).filter(Boolean).map(Number));

/** The coefficients of a combination as the report writes it: "1.00 a + 6.04e-21 b − 0.0239 d". */
function coefficients(text: string): Record<string, number> {
  const terms = text.matchAll(/(^|[+−])\s*(\d+(?:\.\d*)?(?:e[+-]?\d+)?) ([A-Za-z_]\w*)/g);
  return Object.fromEntries(Array.from(terms, ([, sign, value, name]) => [name, (sign === '−' ? -1 : 1) * Number(value)]));
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('Misra1a pasted from a spreadsheet is NIST\'s: both precisions fit it, Levenberg-Marquardt in float64 to the certified digits', async ({ page }) => {
  await open(page);
  const preset = page.getByRole('combobox', { name: 'Data preset' });
  await expect(preset).toHaveValue('Misra1a');
  await expect(page.getByRole('combobox', { name: 'Precision' })).toHaveValue('compare');
  // Away from Misra1a first, so that the paste really brings it back.
  await preset.selectOption('Rosenbrock (chapter 1)');
  await expect(tableBox(page)).toHaveValue(/^x, y, z\n/);
  await paste(page, MISRA1A_TEXT);
  await expect(page.getByText('14 rows of 2 columns (y, x), tab separated.')).toBeVisible();
  await modelBox(page).fill(MISRA1A_MODEL);
  await expect(preset).toHaveValue('Misra1a');
  await setStarts(page, { b1: '500', b2: '1e-4' });
  // Every optimizer in both precisions, the slow ones cut short.
  await maxSteps(page).fill('300');
  const stops = await runAndWait(page);
  expect(Object.keys(stops).sort()).toEqual(OPTIMIZERS.flatMap((n) => [n, `${n} · float64`]).sort());
  for (const name of ['Levenberg-Marquardt', 'Gauss-Newton']) {
    expect(stops[name], name).toBe('converged');
    expect(stops[`${name} · float64`], name).toBe('converged');
  }
  await expect(page.getByRole('combobox', { name: 'Report of' }).locator('option')).toHaveCount(8);

  // The report opens on Levenberg-Marquardt in float64, scored against NIST in both precisions.
  await expect(report(page).locator('.report-title')).toHaveText(/^Levenberg-Marquardt · float64: converged at step \d+$/);
  const digits = /^(\d+\.\d) \/ (\d+\.\d)$/;
  for (const param of ['b1', 'b2']) {
    const float64 = row(page, param).locator('[data-lre="float64"]');
    const float32 = row(page, param).locator('[data-lre="float32"]');
    await expect(float64).toHaveText(digits);
    await expect(float32).toHaveText(digits);
    const [, value, se] = digits.exec((await float64.textContent()) ?? '') ?? [];
    expect(Number(value), `${param} value digits`).toBeGreaterThanOrEqual(6);
    expect(Number(se), `${param} standard error digits`).toBeGreaterThanOrEqual(4);
  }
  await expect(row(page, 'b1').locator('td').nth(3)).toHaveText('238.94212918');
  await expect(row(page, 'b2').locator('td').nth(3)).toHaveText('5.5015643181e-4');
  const stat = async (name: string) => Number(await report(page).locator(`[data-stat="${name}"]`).textContent());
  expect((await stat('rss')).toPrecision(8)).toBe((1.2455138894e-1).toPrecision(8));
  expect((await stat('residual-sd')).toPrecision(8)).toBe((1.018787633e-1).toPrecision(8));
});

test('a CSV file opened and fitted by a line gives the closed-form least squares and its standard errors', async ({ page }) => {
  await open(page);
  const xs = [0, 1, 2, 3, 4, 5, 6, 7];
  const noise = [0.1, -0.05, 0.02, -0.12, 0.07, 0.03, -0.08, 0.04];
  const ys = xs.map((x, i) => 2 + 3 * x + noise[i]);
  const csv = ['x,y', ...xs.map((x, i) => `${x},${ys[i]}`)].join('\n') + '\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('status').filter({ hasText: 'Read line.csv.' })).toBeVisible();
  await expect(page.getByText('8 rows of 2 columns (x, y), comma separated.')).toBeVisible();
  await modelBox(page).fill('y = a + b*x');
  await expect(page.getByText('Parameters a, b; predictor x.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Data preset' })).toHaveValue('');
  await page.getByRole('combobox', { name: 'Precision' }).selectOption('float64');
  await only(page, ['Levenberg-Marquardt']);
  expect(await runAndWait(page)).toEqual({ 'Levenberg-Marquardt · float64': 'converged' });

  // Ordinary least squares: b = Sxy / Sxx, a = ybar - b xbar; s^2 (X^T X)^-1 gives
  // se(b)^2 = s^2 / Sxx and se(a)^2 = s^2 (1/n + xbar^2 / Sxx), s^2 = RSS / (n - 2).
  const n = xs.length;
  const xbar = xs.reduce((s, x) => s + x, 0) / n;
  const ybar = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - xbar) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - xbar) * (ys[i] - ybar), 0);
  const b = sxy / sxx;
  const a = ybar - b * xbar;
  const s2 = xs.reduce((s, x, i) => s + (ys[i] - a - b * x) ** 2, 0) / (n - 2);
  const se = { a: Math.sqrt(s2 * (1 / n + xbar ** 2 / sxx)), b: Math.sqrt(s2 / sxx) };

  await expect(row(page, 'a')).toBeVisible();
  for (const [param, value] of [['a', a], ['b', b]] as const) {
    const got = await fitted(page, param);
    expect(relative(got.value, value), `${param} = ${got.value}, OLS ${value}`).toBeLessThan(1e-6);
    expect(relative(got.se as number, se[param]), `se(${param}) = ${got.se}, OLS ${se[param]}`).toBeLessThan(1e-5);
  }
  expect(relative(Number(await report(page).locator('[data-stat="rss"]').textContent()), s2 * (n - 2))).toBeLessThan(1e-6);
  // The JSON report carries the numbers in full.
  const download = page.waitForEvent('download');
  await report(page).getByRole('button', { name: 'Download report (JSON)' }).click();
  const json = JSON.parse(await streamText(await (await download).createReadStream())) as { names: string[]; params: number[]; stdErrors: number[] };
  expect(json.names).toEqual(['a', 'b']);
  expect(relative(json.params[0], a)).toBeLessThan(1e-9);
  expect(relative(json.params[1], b)).toBeLessThan(1e-9);
  expect(relative(json.stdErrors[0], se.a)).toBeLessThan(1e-8);
  expect(relative(json.stdErrors[1], se.b)).toBeLessThan(1e-8);
});

test('a model whose parameters enter only as a product: the report names the combination the data do not determine', async ({ page }) => {
  await open(page);
  await modelBox(page).fill('y = a*d*(1-exp(-b*x))');
  await expect(page.getByText('Parameters a, b, d; predictor x.')).toBeVisible();
  await setStarts(page, { a: '100', b: '1e-4', d: '2.5' });
  await page.getByRole('combobox', { name: 'Precision' }).selectOption('float64');
  await only(page, ['Levenberg-Marquardt']);
  // Its J^T J is singular at every point; the convergence test measures the step in the directions
  // the data determine, so the run converges there.
  await maxSteps(page).fill('300');
  expect(await runAndWait(page)).toEqual({ 'Levenberg-Marquardt · float64': 'converged' });
  await expect(page.getByRole('alert').filter({ hasText: 'No report' })).toHaveCount(0);
  const note = report(page).getByRole('note');
  await expect(note).toBeVisible();
  await expect(note).toHaveClass(/undetermined/);
  await expect(note).toContainText('JᵀJ is singular');
  const combination = (await note.locator('strong').textContent()) ?? '';
  expect(combination).toContain(' a');
  expect(combination).toContain(' d');
  for (const param of ['a', 'b', 'd']) await expect(row(page, param).locator('td').nth(1)).toHaveText('undetermined');
  // The fit itself is Misra1a's: a d is the certified b1.
  const [a, b, d] = [(await fitted(page, 'a')).value, (await fitted(page, 'b')).value, (await fitted(page, 'd')).value];
  expect(relative(a * d, 238.94212918)).toBeLessThan(1e-6);
  expect(relative(b, 5.5015643181e-4)).toBeLessThan(1e-6);
  // Moving along (a, -d) leaves a d unchanged: the combination is that direction, b out of it.
  const c = coefficients(combination);
  expect(Object.keys(c).sort()).toEqual(['a', 'd']);
  expect(relative(c.a / c.d, -a / d)).toBeLessThan(5e-3);
});

test('bad input is refused at its field, Run all waits, and nothing typed is lost', async ({ page }) => {
  await open(page);
  // A ragged row.
  const ragged = 'x, y\n1, 2.1\n2, 3.9, 7\n3, 6.2\n4, 8.1';
  await tableBox(page).fill(ragged);
  await expect(page.getByRole('alert').filter({ hasText: 'row 3 has 3 cells, the header has 2' })).toBeVisible();
  await expect(tableBox(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(runAll(page)).toBeDisabled();
  await expect(tableBox(page)).toHaveValue(ragged);
  // A cell that is not a number, named by its row and column.
  const word = 'x, y\n1, 2.1\n2, 3.9\n3, abc\n4, 8.1';
  await tableBox(page).fill(word);
  await expect(page.getByRole('alert').filter({ hasText: "row 4, column 2: 'abc' is not a number" })).toBeVisible();
  await expect(runAll(page)).toBeDisabled();
  await expect(tableBox(page)).toHaveValue(word);
  // Mended, it runs again.
  await tableBox(page).fill('x, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 8.1');
  await expect(tableBox(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(runAll(page)).toBeEnabled();

  // A model whose response is not a column (on the right every other name is a parameter).
  await modelBox(page).fill('w = b1*x');
  await expect(page.getByRole('alert').filter({ hasText: "'w' at column 1 is not a data column (x, y)" })).toBeVisible();
  await expect(modelBox(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(runAll(page)).toBeDisabled();
  await expect(modelBox(page)).toHaveValue('w = b1*x');
  await modelBox(page).fill('y = b1*x + b2');
  await expect(runAll(page)).toBeEnabled();

  // An uncertainty of 0.
  const weighted = 'x, y, s\n1, 2.1, 0.1\n2, 3.9, 0.1\n3, 6.2, 0\n4, 8.1, 0.2';
  await tableBox(page).fill(weighted);
  await expect(runAll(page)).toBeEnabled();
  await page.getByRole('combobox', { name: 'Uncertainties' }).selectOption('s');
  await expect(page.getByRole('alert').filter({ hasText: "row 4, column 's': an uncertainty must be a positive number, got 0." })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Uncertainties' })).toHaveAttribute('aria-invalid', 'true');
  await expect(runAll(page)).toBeDisabled();
  await expect(tableBox(page)).toHaveValue(weighted);
});

test('the link carries a small table, the model and the settings; a large table it leaves out, and says so', async ({ page }) => {
  await open(page);
  const text = 'time, signal\n0, 5.02\n1, 3.11\n2, 1.86\n3, 1.12\n4, 0.69\n5, 0.41';
  const model = 'signal = A*exp(-k*time)';
  await tableBox(page).fill(text);
  await modelBox(page).fill(model);
  await setStarts(page, { A: '4', k: '0.3' });
  await maxSteps(page).fill('321');
  await page.getByRole('combobox', { name: 'Precision' }).selectOption('float64');
  await only(page, ['Levenberg-Marquardt']);
  // The fragment is written after each edit: wait until it holds them all.
  const columns = [0, 1].map((c) => numbersOf(text).map((r) => r[c]));
  await expect
    .poll(() => linked(page))
    .toMatchObject({ maxSteps: 321, precision: 'float64', start: [4, 0.3], fit: { model, data: { names: ['time', 'signal'], columns } } });
  expect((await linked(page))?.runs.map((r) => r.enabled !== false)).toEqual([true, false, false, false]);
  const url = page.url();
  expect(await runAndWait(page)).toEqual({ 'Levenberg-Marquardt · float64': 'converged' });
  const before = [await fitted(page, 'A'), await fitted(page, 'k')];
  expect(relative(before[0].value, 5)).toBeLessThan(0.05);

  await open(page, url);
  expect(numbersOf(await tableBox(page).inputValue())).toEqual(numbersOf(text));
  await expect(modelBox(page)).toHaveValue(model);
  await expect(maxSteps(page)).toHaveValue('321');
  await expect(page.getByRole('textbox', { name: 'Start A', exact: true })).toHaveValue('4');
  await expect(page.getByRole('textbox', { name: 'Start k', exact: true })).toHaveValue('0.3');
  await expect(page.getByRole('combobox', { name: 'Precision' })).toHaveValue('float64');
  expect(await runAndWait(page)).toEqual({ 'Levenberg-Marquardt · float64': 'converged' });
  expect([await fitted(page, 'A'), await fitted(page, 'k')]).toEqual(before);

  // 2 columns of 2,600 rows: 5,200 numbers, more than a link carries.
  const rows = Array.from({ length: 2600 }, (_, i) => `${i / 100}\t${(3 * Math.exp(-0.02 * i)).toFixed(6)}`);
  await paste(page, ['t\tv', ...rows].join('\n'));
  await expect(page.getByText('2,600 rows of 2 columns (t, v), tab separated. Its 5,200 numbers are more than a link carries (5,000)')).toBeVisible();
  await modelBox(page).fill('v = A*exp(-k*t)');
  await expect.poll(async () => (await linked(page))?.fit.omitted).toBe(5200);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied, without the table (5,200 numbers; a link carries at most 5,000).' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  await open(page, page.url());
  await expect(page.locator('.notice')).toContainText('This link left out the table’s 5,200 numbers');
  await expect(modelBox(page)).toHaveValue('v = A*exp(-k*t)');
  await expect(runAll(page)).toBeDisabled();
});
