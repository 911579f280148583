/** The runner's exit codes for refused arguments: 2 and a message, before any backend starts. */
import { describe, expect, it } from 'vitest';
import { main } from './experiment';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('main: refused arguments exit with 2', () => {
  it.each([
    [['--config', JSON.stringify({ problem: 'rosenbrock-fit', runs: [{ optimizer: 'gd', enabled: false }, { optimizer: 'lm', enabled: false }] })], 'every run is disabled: nothing to run'],
    [['--optimizer', ' , '], '--optimizer needs at least one id'],
    [['--seed', '1', '--seed', '2'], '--seed given twice'],
    [['--config', '[]'], 'the settings must be a JSON object, got an array.'],
  ])('%j', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, out: [], err: [`error: ${message}`, 'Run with --help for usage.'] });
  });
});
