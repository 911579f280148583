/**
 * Command-line arguments of chapter 5's commands: `digits-sweep` (the chapter's id in the registry:
 * its prune and disable sweeps) and `digits-mlp` (one digits net, trained as the sweeps train each
 * model). Refusals are one short line, never a throw; every option may be given once.
 */
import {
  CHAPTERS,
  DIGITS_LOSSES,
  quote,
  RACE_OPTIMIZERS,
  RACE_STEPS,
  sweepSettings,
  SWEEP_KINDS,
  SWEEP_MODES,
  SWEEP_PRESETS,
  type ChapterInfo,
  type DigitsLoss,
  type RunPrecision,
  type SweepKind,
  type SweepPreset,
  type SweepSettings,
} from '../catalog';
import { ArgError, readOptions, toNumber, type Grammar } from './options';
import { NODE_BACKENDS, type NodeBackend } from './args';

/** The digits chapter of the registry (its lab is 'digits'): its id names the sweep command. */
const DIGITS_CHAPTER = (CHAPTERS as readonly ChapterInfo[]).find((c) => c.lab.kind === 'digits');

/** The commands, by the name typed: the chapter's id for its sweeps, the net's problem id (NOTEBOOK.md) for one net. */
export const DIGITS_MLP = 'digits-mlp';
export const DIGITS_COMMANDS: Record<string, 'sweep' | 'mlp'> = { ...(DIGITS_CHAPTER ? { [DIGITS_CHAPTER.id]: 'sweep' as const } : {}), [DIGITS_MLP]: 'mlp' };
export const DIGITS_SWEEP = DIGITS_CHAPTER?.id ?? 'digits-sweep';

export const isDigitsCommand = (name: string) => Object.hasOwn(DIGITS_COMMANDS, name);

/** The default backend of float32 digits runs in Node: measured fastest for the quick sweep on a 2-core machine. */
export const DIGITS_DEFAULT_BACKEND: NodeBackend = 'wasm';
const QUICK = sweepSettings('prune', 'quick', 'cross-entropy', 1);
/** The sweeps' warm-up (the seed's fit of 200 steps before the intervention). */
export const DIGITS_WARMUP = QUICK.warmup;

/** "p in 0, 0.3, 0.6, 0.9 (prune), 0, 0.3, 0.6, 0.9, 1 (disable), 2 repeats": a preset from the catalog. */
function presetText(preset: SweepPreset): string {
  const of = (kind: SweepKind) => sweepSettings(kind, preset, 'cross-entropy', 1);
  const ps = (kind: SweepKind) => {
    const xs = of(kind).ps;
    return xs.length > 8 ? `${xs.length} values from ${xs[0]} to ${xs[xs.length - 1]}` : xs.join(', ');
  };
  return `p: ${SWEEP_KINDS.map((k) => `${ps(k)} (${k})`).join('; ')}; ${of('prune').repeats} repeats`;
}
/** The optimizers of one net: only preconditioned SGD has a trainer of its own. */
export const MLP_OPTIMIZERS = ['psgd'] as const;
/** `--loss correct` is the issue's name for the catalog's 'cross-entropy' (the correct one, as against the seed's). */
const LOSS_ALIASES: Record<string, DigitsLoss> = { correct: 'cross-entropy' };
const DIGITS_PRECISIONS: RunPrecision[] = ['float32', 'float64'];

const MAX_SEED = 2 ** 31 - 1;
const MAX_STEPS = 1_000_000;
const MAX_PS = 101;
const MAX_REPEATS = 100;

interface Common {
  ok: true;
  backend: NodeBackend;
  precision: RunPrecision;
  json: boolean;
}
export interface SweepArgs extends Common {
  command: 'sweep';
  /** The preset the settings start from; `custom` lists the options that changed it. */
  preset: SweepPreset;
  custom: string[];
  settings: SweepSettings;
}
export interface MlpArgs extends Common {
  command: 'mlp';
  optimizer: (typeof MLP_OPTIMIZERS)[number];
  loss: DigitsLoss;
  seed: number;
  /** Steps in all, warm-up included; the warm-up is a fit of its own, as in the sweeps. */
  maxSteps: number;
  warmup: number;
}
export type DigitsParsedArgs = SweepArgs | MlpArgs | { ok: false; error: string } | { help: 'sweep' | 'mlp' };

const COMMON_VALUE_FLAGS = ['backend', 'precision', 'seed', 'loss'];
const FLAGS: Record<'sweep' | 'mlp', string[]> = {
  sweep: [...COMMON_VALUE_FLAGS, 'kind', 'preset', 'ps', 'repeats', 'warmup', 'steps'],
  mlp: [...COMMON_VALUE_FLAGS, 'optimizer', 'max-steps', 'warmup'],
};
const LOSS_HELP = DIGITS_LOSSES.map((id) => {
  const aliases = Object.keys(LOSS_ALIASES).filter((a) => LOSS_ALIASES[a] === id);
  return id === 'seed' ? `${id} (the seed's double softmax)` : `${id}${id === 'cross-entropy' ? ' (default)' : ''}${aliases.length ? `, also called ${aliases.join(', ')}` : ''}`;
}).join('; ');

export const SWEEP_USAGE = `usage: npm run experiment -- ${DIGITS_SWEEP} [options]

  Chapter 5's sweeps: each model trains --warmup steps, then a fraction p of its weights is pruned
  (or their optimization disabled), then it trains --steps more; train and test accuracy per model.

  --kind <k>            ${SWEEP_KINDS.map((k, i) => `${k} (${i ? '' : 'default; '}modes ${SWEEP_MODES[k].join(', ')})`).join(' or ')}
  --preset <p>          ${SWEEP_PRESETS.map((p, i) => `${p} (${i ? '' : 'default; '}${presetText(p)})`).join('\n                        or ')}
  --loss <l>            ${LOSS_HELP}
  --seed <n>            seed of the data split and of every model's draws (default 1)
  --ps <p,p,...>        the fractions p instead of the preset's (each in [0, 1])
  --repeats <n>         repeats instead of the preset's
  --warmup <n>          steps before the intervention (default ${DIGITS_WARMUP})
  --steps <n>           steps after it (default ${QUICK.steps})
  --backend <id>        tfjs backend of float32: ${NODE_BACKENDS.join(' or ')} (default ${DIGITS_DEFAULT_BACKEND})
  --precision <p>       float32 (default) or float64 (our cpu64 backend)
  --json                JSON lines: one object per finished model, then a summary
  --help                this text

Every option may be given once.`;

export const MLP_USAGE = `usage: npm run experiment -- ${DIGITS_MLP} [options]

  One digits net (32 tanh hidden units, softmax) trained by preconditioned SGD (lr 0.01, batch 32)
  as the sweeps train a model: a warm-up fit, then a second fit, with nothing pruned between.

  --optimizer <id>      psgd (default; only psgd for now)
  --max-steps <n>       steps in all, the warm-up included (default ${RACE_STEPS})
  --warmup <n>          steps of the first fit (default ${DIGITS_WARMUP}, at most --max-steps)
  --loss <l>            ${LOSS_HELP}
  --seed <n>            seed of the data split, the start and the minibatches (default 1)
  --backend <id>        tfjs backend of float32: ${NODE_BACKENDS.join(' or ')} (default ${DIGITS_DEFAULT_BACKEND})
  --precision <p>       float32 (default) or float64 (our cpu64 backend)
  --json                JSON lines: one object per step (accuracy every 100 steps), then a summary
  --help                this text

Every option may be given once.`;

/** The digits commands, for the runner's own --help. */
export const DIGITS_HELP = `Chapter 5 (the digits) has commands of its own (each with --help):
       npm run experiment -- ${DIGITS_SWEEP} [--kind prune|disable] [--preset quick|full] [--json] ...
       npm run experiment -- ${DIGITS_MLP} [--optimizer psgd] [--max-steps n] [--json] ...`;

/** Parses a digits command's arguments (`argv` holds the command itself, anywhere). */
export function parseDigitsArgs(argv: string[]): DigitsParsedArgs {
  const named = commandOf(argv);
  const command = named !== undefined && isDigitsCommand(named) ? DIGITS_COMMANDS[named] : undefined;
  if (!command) return { ok: false, error: `no digits command: expected ${Object.keys(DIGITS_COMMANDS).join(' or ')}` };
  if (argv.some((a) => a === '--help' || a === '-h')) return { help: command };
  try {
    const values = scan(argv, command, named as string);
    return command === 'sweep' ? sweepArgs(values) : mlpArgs(values);
  } catch (e) {
    if (e instanceof ArgError) return { ok: false, error: e.message };
    throw e;
  }
}

interface Values {
  flags: Map<string, string>;
  json: boolean;
}

/** Walks the list once, through the shared grammar. */
function scan(argv: string[], command: 'sweep' | 'mlp', name: string): Values {
  const other = command === 'sweep' ? 'mlp' : 'sweep';
  const grammar: Grammar = {
    kind: (flag) => (flag === 'json' ? 'switch' : FLAGS[command].includes(flag) ? 'value' : undefined),
    unknown: (flag) => `unknown option ${quote(`--${flag}`)} for ${name}${FLAGS[other].includes(flag) ? ` (it is an option of ${other === 'sweep' ? DIGITS_SWEEP : DIGITS_MLP})` : ''}`,
  };
  const values: Values = { flags: new Map(), json: false };
  let sawCommand = false;
  for (const token of readOptions(argv, grammar)) {
    if ('positional' in token) {
      if (sawCommand || token.positional !== name) throw new ArgError(`unexpected argument ${quote(token.positional)} (the command is ${quote(name)})`);
      sawCommand = true;
    } else if (token.value === null) values.json = true;
    else values.flags.set(token.name, token.value);
  }
  return values;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T, aliases: Record<string, T> = {}): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  if (Object.hasOwn(aliases, value)) return aliases[value];
  const names = allowed.map((a) => {
    const also = Object.keys(aliases).filter((k) => aliases[k] === a);
    return also.length ? `${a} (or ${also.join(', ')})` : a;
  });
  throw new ArgError(`--${flag} must be one of ${names.join(', ')}, got ${quote(value)}`);
}


function wholeNumber(flag: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const x = toNumber(flag, text);
  if (!Number.isInteger(x) || x < min || x > max) throw new ArgError(`--${flag} must be a whole number from ${min} to ${max}, got ${quote(text)}`);
  return x;
}

function common(values: Values): Common & { loss: DigitsLoss; seed: number } {
  const { flags } = values;
  const precision = oneOf('precision', flags.get('precision'), DIGITS_PRECISIONS, 'float32');
  const backend = oneOf('backend', flags.get('backend'), NODE_BACKENDS, DIGITS_DEFAULT_BACKEND);
  // A float64 run's backend is cpu64: a --backend beside it would be silently ignored.
  if (precision === 'float64' && flags.has('backend')) throw new ArgError('--backend is for float32 runs; float64 runs on cpu64');
  return {
    ok: true,
    precision,
    backend,
    json: values.json,
    loss: oneOf('loss', flags.get('loss'), DIGITS_LOSSES, 'cross-entropy', LOSS_ALIASES),
    seed: wholeNumber('seed', flags.get('seed'), 0, MAX_SEED, 1),
  };
}

function sweepArgs(values: Values): SweepArgs {
  const { flags } = values;
  const { loss, seed, ...rest } = common(values);
  const kind: SweepKind = oneOf('kind', flags.get('kind'), SWEEP_KINDS, 'prune');
  const preset: SweepPreset = oneOf('preset', flags.get('preset'), SWEEP_PRESETS, 'quick');
  const base = sweepSettings(kind, preset, loss, seed);
  const settings: SweepSettings = {
    ...base,
    ps: flags.has('ps') ? fractions(flags.get('ps') as string) : base.ps,
    repeats: wholeNumber('repeats', flags.get('repeats'), 1, MAX_REPEATS, base.repeats),
    warmup: wholeNumber('warmup', flags.get('warmup'), 0, MAX_STEPS, base.warmup),
    steps: wholeNumber('steps', flags.get('steps'), 1, MAX_STEPS, base.steps),
  };
  const custom = ['ps', 'repeats', 'warmup', 'steps'].filter((f) => flags.has(f));
  return { ...rest, command: 'sweep', preset, custom, settings };
}

/** A comma list of distinct fractions in [0, 1]. */
function fractions(text: string): number[] {
  const ps = text.split(',').map((s) => s.trim());
  if (ps.length > MAX_PS) throw new ArgError(`--ps takes at most ${MAX_PS} values, got ${ps.length}`);
  const xs = ps.map((s) => {
    if (s === '') throw new ArgError('--ps has an empty value');
    const x = toNumber('ps', s) + 0;
    if (!(x >= 0 && x <= 1)) throw new ArgError(`--ps values must be in [0, 1], got ${quote(s)}`);
    return x;
  });
  const repeated = xs.find((x, i) => xs.indexOf(x) !== i);
  if (repeated !== undefined) throw new ArgError(`--ps has ${repeated} twice`);
  return xs;
}

function mlpArgs(values: Values): MlpArgs {
  const { flags } = values;
  const { loss, seed, ...rest } = common(values);
  const optimizer = flags.get('optimizer') ?? 'psgd';
  if (!(MLP_OPTIMIZERS as readonly string[]).includes(optimizer)) {
    const raced = (RACE_OPTIMIZERS as readonly string[]).includes(optimizer) ? ` (the page's race trains ${optimizer} only beside psgd)` : '';
    throw new ArgError(`--optimizer must be psgd, got ${quote(optimizer)}: only psgd for now${raced}`);
  }
  const maxSteps = wholeNumber('max-steps', flags.get('max-steps'), 1, MAX_STEPS, RACE_STEPS);
  // The default warm-up shrinks to a short run; one asked for must fit in it.
  const warmup = flags.has('warmup') ? wholeNumber('warmup', flags.get('warmup'), 0, maxSteps, DIGITS_WARMUP) : Math.min(DIGITS_WARMUP, maxSteps);
  return { ...rest, command: 'mlp', optimizer: 'psgd', loss, seed, maxSteps, warmup };
}

/**
 * The command an argument list names: its first positional argument, skipping the value after any
 * `--flag` without `=` (every option but --json and --help takes one). Undefined when there is none.
 */
export function commandOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') continue;
    if (!arg.startsWith('--')) return arg;
    if (arg.includes('=') || arg === '--json' || arg === '--help') continue;
    if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) i++;
  }
  return undefined;
}
