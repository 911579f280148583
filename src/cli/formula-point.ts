/**
 * `formula --at`: seed 004's tools at one point of a typed f(x, y) or f(x, y, z), headless: the
 * value, gradient and Hessian (double backprop), H v, H^-1 g by a dense float64 solve, and CG on
 * (H + damping I) x = g with its per-iteration residual and distance to the exact damped solution
 * (engine/curvature/point.ts). Without --at, `formula` is the optimizer race of args.ts. Bad input
 * is refused with one message and exit code 2, as the other commands do.
 */
import { CG_ITERATIONS, FLOAT64_BACKEND, quote, type PointField, type PointReport, type PointRequest } from '../catalog';
import { curvatureAtPoint, switchBackend } from '../engine';
import { commandOf } from './digits-args';
import { ArgError, readOptions, toNumber } from './options';

type Print = (line: string) => void;

export const FORMULA_POINT_USAGE = `At a point (seed 004): f of x, y (and z), its Hessian by double backprop, H v and H^-1 g:
       npm run experiment -- formula --f 'x^3 + 2*x*y + y^2 - x' --at 1,1 [--hvp 8,4]
                                     [--solve-g 16,12 [--cg-iters 10] [--damping 1e-3]] [--json]
  --f <text>            f(x, y), or f(x, y, z) when it uses z
  --at <x,y[,z]>        the point: f, its gradient and its Hessian there
  --hvp <v>             also H v, by double backprop (not from the Hessian)
  --solve-g <g>         also H^-1 g by a dense float64 LU solve (undamped; a singular H is
                        reported), and CG on (H + damping I) x = g with, per iteration,
                        |g - (H + damping I) x_k| / |g| and |x_k - x*| / |x*|
  --cg-iters <n>        CG's iterations, ${CG_ITERATIONS.min} to ${CG_ITERATIONS.max} (default ${CG_ITERATIONS.default}; fewer once it has converged)
  --damping <d>         CG's damping, 0 or more (default 0; the seed used 1e-3)
  --precision <p>       float32 (default, as for the other commands) or float64 (cpu64)
  --backend <b>         cpu (default) or wasm, for float32
  --json                one JSON line (value, grad, hessian, hvp, solve, cg, cgTrace, negativeCurvature...)`;

const VALUES = ['f', 'at', 'hvp', 'solve-g', 'cg-iters', 'damping', 'precision', 'backend'];
const SWITCHES = ['json', 'help'];
/** The options only the point tools have: any of them after `formula` selects this command. */
const POINT_ONLY = ['at', 'hvp', 'solve-g', 'cg-iters'];

/** Whether `argv` asks for the point tools: the problem formula with --at (or another option only they have). */
export function isFormulaPointCall(argv: string[]): boolean {
  return commandOf(argv) === 'formula' && argv.some((a) => POINT_ONLY.some((name) => a === `--${name}` || a.startsWith(`--${name}=`)));
}

interface PointArgs {
  request: PointRequest;
  precision: 'float32' | 'float64';
  backend: 'cpu' | 'wasm';
  json: boolean;
}

/** The flag each field of the request comes from, for the engine's refusals. */
const FLAG_OF: Record<PointField, string> = { f: '--f', at: '--at', v: '--hvp', g: '--solve-g', cgIters: '--cg-iters', damping: '--damping' };

const numbers = (flag: string, text: string) => text.split(',').map((t) => toNumber(flag, t.trim()));

function parsePointArgs(argv: string[]): PointArgs | { help: true } {
  if (argv.some((a) => a === '--help' || a === '-h')) return { help: true };
  const tokens = readOptions(argv, {
    kind: (name) => (VALUES.includes(name) ? 'value' : SWITCHES.includes(name) ? 'switch' : undefined),
    unknown: (name) => `unknown option ${quote(`--${name}`)} (formula --at computes at a point; it takes ${VALUES.map((v) => `--${v}`).join(', ')}, --json)`,
  });
  const positionals = tokens.flatMap((t) => ('positional' in t ? [t.positional] : []));
  if (positionals.length > 1) throw new ArgError(`unexpected argument ${quote(positionals[1])}`);
  const flags = new Map(tokens.flatMap((t) => ('name' in t ? [[t.name, t.value] as const] : [])));
  const at = flags.get('at');
  for (const name of ['hvp', 'solve-g']) if (at == null && flags.has(name)) throw new ArgError(`--${name} needs --at, the point where H is taken`);
  if (at == null) throw new ArgError('formula at a point needs --at <x,y> (or <x,y,z>)');
  const f = flags.get('f');
  if (f == null) throw new ArgError("formula --at needs --f, the function: --f 'x^3 + 2*x*y + y^2 - x'");
  const g = flags.get('solve-g');
  for (const name of ['cg-iters', 'damping']) if (g == null && flags.has(name)) throw new ArgError(`--${name} needs --solve-g: CG solves (H + damping I) x = g`);
  const request: PointRequest = { f, at: numbers('at', at) };
  const v = flags.get('hvp');
  if (v != null) request.v = numbers('hvp', v);
  if (g != null) request.g = numbers('solve-g', g);
  const cgIters = flags.get('cg-iters');
  if (cgIters != null) request.cgIters = toNumber('cg-iters', cgIters);
  const damping = flags.get('damping');
  if (damping != null) request.damping = toNumber('damping', damping);
  const precision = flags.get('precision') ?? 'float32';
  if (precision !== 'float32' && precision !== 'float64') throw new ArgError(`--precision must be float32 or float64, got ${quote(precision)}`);
  const backend = flags.get('backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm') throw new ArgError(`backend ${quote(backend)} is not available here (use cpu or wasm)`);
  return { request, precision, backend, json: flags.has('json') };
}

export async function formulaPointMain(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  const refuse = (message: string) => {
    err(`error: ${message}`);
    err('Run with --help for usage.');
    return 2;
  };
  let args: PointArgs | { help: true };
  try {
    args = parsePointArgs(argv);
  } catch (e) {
    if (e instanceof ArgError) return refuse(e.message);
    throw e;
  }
  if ('help' in args) {
    out(FORMULA_POINT_USAGE);
    return 0;
  }
  const backend = args.precision === 'float64' ? FLOAT64_BACKEND : args.backend;
  if (!(await switchBackend(backend))) {
    err(`error: the tfjs ${backend} backend did not start.`);
    return 2;
  }
  const outcome = curvatureAtPoint(args.request);
  if (!outcome.ok) return refuse(outcome.field === 'f' ? `--f: ${outcome.message}` : `${FLAG_OF[outcome.field]} ${outcome.message}`);
  const { request } = args;
  if (args.json) out(JSON.stringify(pointJson(request, outcome.report, backend)));
  else for (const line of pointText(request, outcome.report, backend)) out(line);
  return 0;
}

/**
 * The one JSON line: what was asked, then what came back. `solve` is null with `singular` saying
 * why; JSON has no NaN, so a distance without x* (a singular damped matrix) is null.
 */
function pointJson(request: PointRequest, r: PointReport, backend: string) {
  const { variables, precision, value, grad, hessian } = r;
  return {
    f: request.f,
    variables,
    at: request.at,
    precision,
    backend,
    value,
    grad,
    hessian,
    ...(request.v && { v: request.v, hvp: r.hvp }),
    ...(request.g && {
      g: request.g,
      solve: r.solve ?? null,
      singular: r.singular ?? null,
      cgIters: request.cgIters ?? CG_ITERATIONS.default,
      damping: request.damping ?? 0,
      cg: r.cg,
      cgIterations: r.cgIterations,
      cgExact: r.cgExact ?? null,
      cgTrace: r.cgTrace,
      negativeCurvature: r.negativeCurvature !== undefined,
      negativeCurvatureMessage: r.negativeCurvature ?? null,
    }),
  };
}

/** Ten significant digits: enough to read, the JSON has them all. */
const num = (x: number) => String(Number(x.toPrecision(10)));
const vec = (xs: readonly number[]) => `(${xs.map(num).join(', ')})`;

function pointText(request: PointRequest, r: PointReport, backend: string): string[] {
  const lines = [`f(${r.variables.join(', ')}) = ${request.f} at ${vec(request.at)}, in ${r.precision} on ${backend}`, `  f        ${num(r.value)}`, `  gradient ${vec(r.grad)}`];
  r.hessian.forEach((row, i) => lines.push(`  ${i === 0 ? 'Hessian ' : '        '} [${row.map(num).join(', ')}]`));
  if (request.v && r.hvp) lines.push(`  H v      ${vec(r.hvp)}  for v = ${vec(request.v)}, by double backprop`);
  if (request.g && r.cg && r.cgTrace) {
    lines.push(`  H^-1 g   ${r.solve ? vec(r.solve) : '-'}  for g = ${vec(request.g)}, by a dense LU solve`);
    if (r.singular) lines.push(`           ${r.singular}`);
    const damping = request.damping ?? 0;
    const A = damping > 0 ? `H + ${damping} I` : 'H';
    const asked = request.cgIters ?? CG_ITERATIONS.default;
    const converged = r.cgIterations !== undefined && r.cgIterations < asked && !r.negativeCurvature ? ', converged' : '';
    lines.push(`  CG       ${vec(r.cg)}  on (${A}) x = g: ${r.cgIterations} of ${asked} iterations${converged}${r.cgExact ? `; exact ${vec(r.cgExact)}` : ''}`);
    if (r.cgTrace.length) lines.push('    iteration  |g - A x_k| / |g|  |x_k - x*| / |x*|');
    r.cgTrace.forEach((t, k) => lines.push(`    ${String(k + 1).padEnd(9)}  ${t.residual.toExponential(3).padEnd(17)}  ${Number.isNaN(t.distance) ? '-' : t.distance.toExponential(3)}`));
    if (r.negativeCurvature) lines.push(`  ${r.negativeCurvature}`);
  }
  return lines;
}
