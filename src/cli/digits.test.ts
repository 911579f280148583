/**
 * Chapter 5 through the runner's main, output captured: a tiny sweep and a short net (small
 * settings, not the presets, so each takes a second or two), as JSON lines and as text, and the
 * refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { switchBackend } from '../engine';
import { runMain } from './run-main.fixture';

beforeAll(async () => {
  // tf.memory() needs a backend before main picks its own.
  expect(await switchBackend('cpu')).toBe(true);
});

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const inUnit = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;

describe('digits-sweep', () => {
  it.each(['cpu', 'wasm'])('--json on %s: a line per finished model, then the means per mode and p', async (backend) => {
    const { code, out, err } = await runMain(['digits-sweep', '--kind', 'prune', '--ps', '0.9,0', '--repeats', '2', '--warmup', '5', '--steps', '15', '--seed', '3', '--backend', backend, '--json']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    const models = lines.slice(0, -1);
    const summary = lines[lines.length - 1];
    // 2 modes x 2 values of p x 2 repeats, each once.
    expect(models).toHaveLength(8);
    for (const m of models) {
      expect(Object.keys(m)).toEqual(['kind', 'mode', 'p', 'repeat', 'testAccuracy', 'trainAccuracy']);
      expect(m.kind).toBe('prune');
      expect(inUnit(m.testAccuracy) && inUnit(m.trainAccuracy)).toBe(true);
    }
    const keys = models.map((m) => `${m.mode} ${m.p} ${m.repeat}`);
    expect(new Set(keys)).toEqual(new Set(['minimal', 'random'].flatMap((mode) => [0, 0.9].flatMap((p) => [0, 1].map((r) => `${mode} ${p} ${r}`)))));
    expect(summary).toMatchObject({
      summary: true,
      command: 'digits-sweep',
      kind: 'prune',
      preset: 'quick',
      custom: ['ps', 'repeats', 'warmup', 'steps'],
      precision: 'float32',
      backend,
      settings: { kind: 'prune', modes: ['minimal', 'random'], ps: [0.9, 0], repeats: 2, warmup: 5, steps: 15, loss: 'cross-entropy', seed: 3 },
      models: 8,
    });
    // Per mode, then p ascending; each mean is the mean of its lines.
    expect(summary.means.map((m: { mode: string; p: number }) => `${m.mode} ${m.p}`)).toEqual(['minimal 0', 'minimal 0.9', 'random 0', 'random 0.9']);
    for (const m of summary.means) {
      const mine = models.filter((x) => x.mode === m.mode && x.p === m.p);
      expect(m.repeats).toBe(2);
      expect(m.testAccuracy).toBeCloseTo(mean(mine.map((x) => x.testAccuracy)), 12);
      expect(m.trainAccuracy).toBeCloseTo(mean(mine.map((x) => x.trainAccuracy)), 12);
      expect(m.testMin).toBe(Math.min(...mine.map((x) => x.testAccuracy)));
      expect(m.testMax).toBe(Math.max(...mine.map((x) => x.testAccuracy)));
    }
  });

  it('a disable sweep in float64 runs on cpu64', async () => {
    const { code, out } = await runMain(['digits-sweep', '--kind', 'disable', '--ps', '0.5', '--repeats', '1', '--warmup', '3', '--steps', '3', '--precision', 'float64', '--loss', 'seed', '--json']);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).map((m) => m.mode)).toEqual(['H', 'minimal', 'random']);
    expect(lines[3]).toMatchObject({ summary: true, kind: 'disable', precision: 'float64', backend: 'cpu64', settings: { loss: 'seed' }, models: 3 });
  });

  it('without --json: progress on stderr every 10%, the tables on stdout', async () => {
    const { code, out, err } = await runMain(['digits-sweep', '--ps', '0,0.5', '--repeats', '1', '--warmup', '2', '--steps', '8', '--backend', 'cpu']);
    expect(code).toBe(0);
    expect(err[0]).toMatch(/^prune sweep \(quick preset, changed by --ps, --repeats, --warmup, --steps\): minimal, random at p = 0, 0.5, 1 repeat, 2 \+ 8 steps, cross-entropy, seed 1, float32 on cpu$/);
    const percents = err.slice(1).map((l) => Number(/^prune sweep: (\d+)% \(/.exec(l)?.[1]));
    // A line each time a tenth is crossed (a slice of steps may cross several), the last at 100%.
    const tenths = percents.map((p) => Math.floor(p / 10));
    expect(tenths[0]).toBeGreaterThanOrEqual(1);
    tenths.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(tenths[i]));
    expect(percents[percents.length - 1]).toBe(100);
    expect(out[0]).toMatch(/: 4 models in \d+\.\d s$/);
    expect(out).toContain('test accuracy: mean over the repeats [lowest, highest]');
    expect(out.find((l) => l.startsWith('p '))).toMatch(/^p\s+prune smallest \|w\| \(minimal\)\s+prune at random \(random\)$/);
    expect(out.filter((l) => /^0\.5\s+\d\.\d{3}/.test(l))).toHaveLength(2);
  });
});

describe('digits-mlp', () => {
  it('--json: a line per step (accuracy every 100), then the accuracies', async () => {
    const { code, out, err } = await runMain(['digits-mlp', '--optimizer', 'psgd', '--max-steps', '120', '--warmup', '20', '--backend', 'cpu', '--json']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(121);
    const steps = lines.slice(0, -1);
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 120 }, (_, k) => k));
    for (const s of steps) {
      expect(s).toMatchObject({ run: 'psgd', precision: 'float32' });
      expect(s.loss).toBeGreaterThan(0);
    }
    expect(steps.filter((s) => 'testAccuracy' in s).map((s) => s.step)).toEqual([0, 100]);
    const summary = lines[120];
    expect(summary).toMatchObject({ run: 'psgd', precision: 'float32', summary: true, problem: 'digits-mlp', backend: 'cpu', lossFunction: 'cross-entropy', seed: 1, steps: 120, warmup: 20, loss: steps[119].loss });
    expect(inUnit(summary.testAccuracy) && inUnit(summary.trainAccuracy)).toBe(true);
    // 120 steps already learn something: far above the 10% of guessing.
    expect(summary.testAccuracy).toBeGreaterThan(0.5);
    expect(summary.testAccuracy).toBeGreaterThan(steps[0].testAccuracy);
  });

  it('without --json: the seed-style log and a table', async () => {
    const { code, out, err } = await runMain(['digits-mlp', '--max-steps', '40', '--backend', 'cpu']);
    expect(code).toBe(0);
    expect(err[0]).toBe('digits-mlp psgd: 40 steps (a warm-up fit of 40, then 0), cross-entropy, seed 1, float32 on cpu');
    expect(err).toHaveLength(11);
    expect(out[0]).toBe('== preconditioned SGD (psgd) lr=0.01 batch=32 on digits-mlp ==');
    expect(out.slice(1, 7).map((l) => l.split(',')[0])).toEqual(['step: 1', 'step: 2', 'step: 4', 'step: 8', 'step: 16', 'step: 32']);
    expect(out[7]).toMatch(/^ENDED AFTER 40 STEPS: train accuracy 0\.\d{4}, test accuracy 0\.\d{4}$/);
    expect(out[9]).toMatch(/^optimizer\s+precision\s+backend\s+steps\s+warm-up/);
    expect(out[10]).toMatch(/^psgd\s+float32\s+cpu\s+40\s+40\s+cross-entropy/);
  });
});

describe('main: digits refusals exit with 2 before anything runs', () => {
  it.each([
    [['digits-sweep', '--kind', 'nope'], '--kind must be one of prune, disable, got "nope"'],
    [['digits-mlp', '--optimizer', 'gd'], '--optimizer must be psgd, got "gd": only psgd for now (the page\'s race trains gd only beside psgd)'],
    [['--json', 'digits-sweep', '--lr', '1'], 'unknown option "--lr" for digits-sweep'],
  ])('%j', async (argv, message) => {
    expect(await runMain(argv)).toEqual({ code: 2, out: [], err: [`error: ${message}`, 'Run with --help for usage.'] });
  });

  it('gives each command its help, and the runner\'s help names them', async () => {
    expect((await runMain(['digits-sweep', '--help'])).out[0]).toMatch(/^usage: npm run experiment -- digits-sweep \[options\]/);
    expect((await runMain(['digits-mlp', '-h'])).out[0]).toMatch(/^usage: npm run experiment -- digits-mlp \[options\]/);
    const general = (await runMain(['--help'])).out[0];
    expect(general).toContain('npm run experiment -- digits-sweep');
    expect(general).toContain('npm run experiment -- digits-mlp');
  });
});
