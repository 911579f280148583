/** Test-only: the runner's main with its output captured, checking that it leaves no tensor behind (a backend must have started). */
import { expect } from 'vitest';
import { tf } from '../engine';
import { main } from './experiment';

export async function runMain(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const before = tf.memory().numTensors;
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  expect(tf.memory().numTensors).toBe(before);
  return { code, out, err };
}
