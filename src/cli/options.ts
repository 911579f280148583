/**
 * The command line's grammar, one for every command: positionals, and options written `--name`,
 * `--name value` or `--name=value`. Each command says which names it knows, which take a value and
 * which may repeat; what the values mean is the command's own business.
 */
import { quote } from '../catalog';

/** A refusal of the arguments: its message is shown as it is, with exit code 2. */
export class ArgError extends Error {}

export interface Grammar {
  /** 'value' for an option with a value, 'switch' for one without, undefined for an unknown name. */
  kind(name: string): 'value' | 'switch' | undefined;
  /** The refusal of an unknown option (it may say where the option belongs). */
  unknown(name: string): string;
  /** Options that may be given more than once (every other once only, so none is silently overridden). */
  repeatable?: readonly string[];
}

export type Token = { positional: string } | { name: string; value: string | null };

/** The arguments as positionals and options, in order; refuses what the grammar does not allow. */
export function readOptions(argv: string[], grammar: Grammar): Token[] {
  const out: Token[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out.push({ positional: arg });
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = grammar.kind(name);
    if (!kind) throw new ArgError(grammar.unknown(name));
    if (seen.has(name) && !grammar.repeatable?.includes(name)) throw new ArgError(`--${name} given twice`);
    seen.add(name);
    if (kind === 'switch') {
      if (eq >= 0) throw new ArgError(`--${name} takes no value`);
      out.push({ name, value: null });
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      // A following "--flag" is not a value; a negative number ("-1,2") is.
      value = argv[i + 1]?.startsWith('--') ? undefined : argv[i + 1];
      if (value !== undefined) i++;
    }
    if (value === undefined || value === '') throw new ArgError(`--${name} needs a value`);
    out.push({ name, value });
  }
  return out;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number as typed (no hex, no spaces, no "Infinity"). */
export function toNumber(flag: string, text: string): number {
  if (!NUMBER.test(text)) throw new ArgError(`--${flag} needs a number, got ${quote(text)}`);
  return Number(text);
}
