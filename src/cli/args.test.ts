import { describe, expect, it } from 'vitest';
import { defaultExperiment, parseExperiment } from '../catalog';
import { parseArgs, type ParsedArgs } from './args';

/** The successful result, or a failed assertion naming the error. */
function ok(argv: string[]) {
  const parsed = parseArgs(argv);
  if ('help' in parsed || !parsed.ok) throw new Error(`expected ok, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function error(argv: string[]): string {
  const parsed: ParsedArgs = parseArgs(argv);
  if ('help' in parsed || parsed.ok) throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('parseArgs: short form', () => {
  it('with no arguments runs the chapter-1 experiment on cpu, as text', () => {
    const { experiment, backend, json } = ok([]);
    expect(experiment).toEqual(defaultExperiment());
    expect(backend).toBe('cpu');
    expect(json).toBe(false);
  });

  it('builds the config of the issue example, defaults filled', () => {
    const { experiment } = ok(['rosenbrock-fit', '--optimizer', 'gd', '--lr', '5e-4']);
    expect(experiment).toEqual({
      v: 1,
      problem: 'rosenbrock-fit',
      start: [5, 5],
      maxSteps: 40_000,
      targetLoss: 1e-10,
      backend: 'auto',
      precision: 'float32',
      seed: 1,
      runs: [{ optimizer: 'gd', enabled: true, hp: { lr: 5e-4 } }],
    });
  });

  it('--precision float64 or compare wins over the config; anything else is refused', () => {
    expect(ok(['rosenbrock-fit', '--precision', 'float64']).experiment.precision).toBe('float64');
    expect(ok(['--config', '{"problem":"rosenbrock-fit","precision":"float64","runs":[{"optimizer":"gd"}]}', '--precision=compare']).experiment.precision).toBe('compare');
    expect(parseArgs(['--precision', 'double'])).toEqual({ ok: false, error: '--precision must be one of float32, float64, compare, got "double"' });
  });

  it('takes the data seed of a problem with random data', () => {
    const { experiment } = ok(['net-on-rosenbrock', '--optimizer', 'lm', '--seed', '7']);
    expect([experiment.problem, experiment.seed, experiment.maxSteps]).toEqual(['net-on-rosenbrock', 7, 5000]);
  });

  it('takes optimizers repeated or as a comma list, in order, once each', () => {
    const { experiment } = ok(['--optimizer', 'lm,newton', '--optimizer', 'adam', '--optimizer=lm']);
    expect(experiment.runs.map((r) => r.optimizer)).toEqual(['lm', 'newton', 'adam']);
  });

  it('gives a hyperparameter only to the selected optimizers that have it', () => {
    const { experiment } = ok(['--optimizer', 'gd,adam,newton', '--lr', '0.1', '--b1', '0.5']);
    expect(experiment.runs.map((r) => r.hp)).toEqual([{ lr: 0.1 }, { lr: 0.1, b1: 0.5, b2: 0.999, eps: 1e-8, epsPlacement: 0 }, {}]);
  });

  it('applies a hyperparameter to the default set of all five', () => {
    const { experiment } = ok(['--mu0=0.01']);
    expect(experiment.runs.map((r) => r.optimizer)).toEqual(['gd', 'adam', 'newton', 'gauss-newton', 'lm']);
    expect(experiment.runs[4].hp).toEqual({ mu0: 0.01 });
    expect(experiment.runs[0].hp).toEqual({ lr: 5e-4 });
  });

  it('reads the stop rule, the start (negative numbers included) and the output options', () => {
    const parsed = ok(['--max-steps', '100', '--target-loss', '1e-6', '--start', '-1,2.5', '--json', '--backend', 'wasm']);
    expect(parsed.experiment.maxSteps).toBe(100);
    expect(parsed.experiment.targetLoss).toBe(1e-6);
    expect(parsed.experiment.start).toEqual([-1, 2.5]);
    expect(parsed.json).toBe(true);
    expect(parsed.backend).toBe('wasm');
  });

  it('takes --report repeated or as a comma list, in order, once each; none by default', () => {
    expect(ok([]).reports).toEqual([]);
    expect(ok(['net-on-rosenbrock', '--report', 'covariance,spectrum', '--report=input-jacobian', '--report', 'spectrum']).reports).toEqual(['covariance', 'spectrum', 'input-jacobian']);
    // Beside --config too: it says what to print, not what to run.
    expect(ok(['--config', '{"problem":"rahimi-linear-net","runs":[{"optimizer":"gd"}]}', '--report', 'covariance']).reports).toEqual(['covariance']);
    // A formula written as a sum of squares has residuals, so a covariance.
    expect(ok(['formula', '--f', '(x - 1)^2 + (y - 2)^2 + (x*y)^2', '--report', 'covariance']).reports).toEqual(['covariance']);
  });

  it('is the same experiment as the equivalent --config', () => {
    const short = ok(['--optimizer', 'adam', '--lr', '2', '--max-steps', '50', '--start', '1,1']);
    const config = ok(['--config', JSON.stringify({ problem: 'rosenbrock-fit', start: [1, 1], maxSteps: 50, runs: [{ optimizer: 'adam', hp: { lr: 2 } }] })]);
    expect(short.experiment).toEqual(config.experiment);
  });
});

describe('parseArgs: --config', () => {
  it('passes the JSON through the experiment schema', () => {
    const config = { problem: 'rosenbrock-fit', runs: [{ optimizer: 'newton' }] };
    const parsed = parseExperiment(config);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(ok(['--config', JSON.stringify(config), '--json'])).toEqual({ ok: true, experiment: parsed.experiment, backend: 'cpu', json: true, reports: [] });
  });

  it("takes the config's cpu or wasm backend unless --backend overrides it", () => {
    const config = JSON.stringify({ problem: 'rosenbrock-fit', backend: 'wasm', runs: [{ optimizer: 'gd' }] });
    expect(ok(['--config', config]).backend).toBe('wasm');
    expect(ok(['--config', config, '--backend', 'cpu']).backend).toBe('cpu');
  });
});

describe('parseArgs: help and errors', () => {
  it('answers --help or -h anywhere with help, even beside bad arguments', () => {
    expect(parseArgs(['--help'])).toEqual({ help: true });
    expect(parseArgs(['--optimizer', 'nope', '-h'])).toEqual({ help: true });
  });

  it.each([
    [['--frobnicate', '1'], 'unknown option "--frobnicate"'],
    [['--optimizer'], '--optimizer needs a value'],
    [['--lr', '--json'], '--lr needs a value'],
    [['--max-steps='], '--max-steps needs a value'],
    [['--lr', 'fast'], '--lr needs a number, got "fast"'],
    [['--start', '1,x'], '--start needs a number, got "x"'],
    [['--json=yes'], '--json takes no value'],
    [['rosenbrock-fit', 'extra'], 'unexpected argument "extra" (the problem is already "rosenbrock-fit")'],
    [['--optimizer', 'newton', '--lr', '1'], 'no selected optimizer takes --lr (only gd, momentum, rmsprop, adam, gauss-newton and psgd do)'],
    [['--optimizer', 'gd', '--mu0', '1'], 'no selected optimizer takes --mu0 (only lm does)'],
    [['--config', '{bad'], /^--config is not valid JSON \(.+\)$/],
    [['--config', '{}', '--optimizer', 'gd', '--lr', '1'], '--config cannot be combined with --optimizer, --lr; put them in the JSON'],
    [['rosenbrock-fit', '--config', '{}'], '--config cannot be combined with a problem; put them in the JSON'],
    [['--backend', 'webgl'], 'backend "webgl" is not available here (use cpu or wasm)'],
    [['--backend', 'tpu'], 'backend "tpu" is not available here (use cpu or wasm)'],
    [['--report', 'hessian'], '--report must be one of spectrum, covariance, input-jacobian, got "hessian"'],
    [['--report', ','], '--report needs at least one of spectrum, covariance, input-jacobian'],
    [['--report', 'input-jacobian'], '--report input-jacobian on rosenbrock-fit: Input Jacobians are drawn for a net of two inputs (chapter 3); the digits net has its own in chapter 6.'],
    [['formula', '--f', 'x^2 + y', '--report', 'spectrum,covariance'], '--report covariance on formula: The covariance s^2 (J^T J)^-1 needs residuals, which this problem does not provide (f is not written as a sum of squares).'],
  ])('%j -> %s', (argv, message) => {
    if (typeof message === 'string') expect(error(argv)).toBe(message);
    else expect(error(argv)).toMatch(message);
  });

  // Each row: the arguments, the config they stand for, and the schema's message for it.
  const R = 'rosenbrock-fit';
  it.each([
    [['--optimizer', 'constructor', '--lr', '1'], { problem: R, runs: [{ optimizer: 'constructor' }] }, 'runs.0.optimizer: Invalid type: Expected ("gd" | "momentum" | "rmsprop" | "adam" | "newton" | "newton-cg" | "gauss-newton" | "lm" | "psgd" | "bfgs" | "lbfgs") but received "constructor"'],
    [['--optimizer', 'nope'], { problem: R, runs: [{ optimizer: 'nope' }] }, 'runs.0.optimizer: Invalid type: Expected ("gd" | "momentum" | "rmsprop" | "adam" | "newton" | "newton-cg" | "gauss-newton" | "lm" | "psgd" | "bfgs" | "lbfgs") but received "nope"'],
    [['nope', '--optimizer', 'gd'], { problem: 'nope', runs: [{ optimizer: 'gd' }] }, 'problem: Invalid type: Expected ("rosenbrock-fit" | "rosenbrock-valley" | "net-on-rosenbrock" | "rahimi-linear-net" | "digits-mlp" | "formula" | "fit") but received "nope"'],
    [['--optimizer', 'gd', '--lr', '-1'], { problem: R, runs: [{ optimizer: 'gd', hp: { lr: -1 } }] }, 'runs.0: Gradient descent: Learning rate must be positive.'],
    [['--optimizer', 'adam', '--b1', '1'], { problem: R, runs: [{ optimizer: 'adam', hp: { b1: 1 } }] }, 'runs.0: Adam: beta1 must be less than 1.'],
    [['--max-steps', '1.5'], { problem: R, maxSteps: 1.5, runs: [{ optimizer: 'gd' }] }, 'maxSteps: Invalid integer: Received 1.5'],
    [['--start', '1,2,3'], { problem: R, start: [1, 2, 3], runs: [{ optimizer: 'gd' }] }, 'start must have 2 numbers for rosenbrock-fit, got 3.'],
    [['--config', '{"runs":[{"optimizer":"gd"}]}'], { runs: [{ optimizer: 'gd' }] }, 'problem: Invalid key: Expected "problem" but received undefined'],
  ])('%j: the schema message', (argv, config, message) => {
    expect(parseExperiment(config)).toEqual({ ok: false, error: message });
    expect(error(argv)).toBe(message);
  });
});

describe('parseArgs: refusals that used to pass silently', () => {
  it.each([[['--optimizer', ',']], [['--optimizer', ' , ']], [['--optimizer=,,']], [['--optimizer', 'gd', '--optimizer', ',']]])('%j: no optimizer id', (argv) => {
    expect(error(argv)).toBe('--optimizer needs at least one id');
  });

  it.each([
    [['--seed', '1', '--seed', '2']],
    [['--config', '{}', '--config', '{}']],
    [['--max-steps', '1', '--max-steps=2']],
    [['--target-loss', '0', '--target-loss', '0']],
    [['--start', '1,2', '--start', '3,4']],
    [['--backend', 'cpu', '--backend', 'wasm']],
    [['--precision', 'float32', '--precision', 'float64']],
    [['--lr=1', '--lr', '2']],
    [['--mu0', '1', '--optimizer', 'lm', '--mu0', '1']],
    [['--json', '--json']],
  ])('%j: an option given twice', (argv) => {
    const flag = argv[argv.length - 1].startsWith('--') ? argv[argv.length - 1] : argv[argv.length - 2];
    expect(error(argv)).toBe(`${flag.split('=')[0]} given twice`);
  });

  it('still takes --optimizer repeated', () => {
    expect(ok(['--optimizer', 'gd', '--optimizer', 'lm']).experiment.runs.map((r) => r.optimizer)).toEqual(['gd', 'lm']);
  });

  it('refuses a config whose every run is disabled, and takes one with a run enabled', () => {
    const config = (enabled: boolean[]) => JSON.stringify({ problem: 'rosenbrock-fit', runs: enabled.map((e, i) => ({ optimizer: ['gd', 'lm'][i], enabled: e })) });
    expect(error(['--config', config([false])])).toBe('every run is disabled: nothing to run');
    expect(error(['--config', config([false, false])])).toBe('every run is disabled: nothing to run');
    expect(ok(['--config', config([false, true])]).experiment.runs.map((r) => r.enabled)).toEqual([false, true]);
  });

  it('refuses a config that is not an object', () => {
    expect(error(['--config', '[]'])).toBe('the settings must be a JSON object, got an array.');
    expect(error(['--config', 'null'])).toBe('the settings must be a JSON object, got null.');
  });

  it('echoes a huge or multi-line value short, on one line', () => {
    const huge = `bad\n${'x'.repeat(1 << 20)}`;
    for (const argv of [
      ['rosenbrock-fit', huge],
      [huge],
      [`--${huge}`],
      [`--${huge}=1`],
      ['--lr', huge],
      ['--start', `1,${huge}`],
      ['--precision', huge],
      ['--backend', huge],
      ['--optimizer', huge],
      ['--config', huge],
      ['--config', JSON.stringify({ problem: 'rosenbrock-fit', backend: huge, runs: [{ optimizer: 'gd' }] })],
    ]) {
      const message = error(argv);
      expect(message.length, message.slice(0, 300)).toBeLessThan(300);
      expect(message).not.toContain('\n');
    }
    expect(error(['--lr', huge])).toMatch(/^--lr needs a number, got "bad\\nx+…x+"$/);
  });
});
