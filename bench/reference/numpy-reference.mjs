// The float64 NumPy timings of chapter 4 (Rahimi's net) and chapter 5 (the digits sweep), for the
// bench to set beside the app's.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./rahimi_numpy.py', import.meta.url));
const DIGITS_SCRIPT = fileURLToPath(new URL('./digits_numpy.py', import.meta.url));

/**
 * Why the reference cannot run here, or null when it can. Checked up front so that a machine
 * without Python or NumPy skips the comparison with a hint instead of failing the bench.
 */
async function missingNumpy() {
  try {
    await run('python3', ['-c', 'import numpy']);
    return null;
  } catch (err) {
    if (err.code === 'ENOENT') return 'python3 not found: install Python 3 and NumPy to compare with the float64 NumPy reference';
    return 'numpy cannot be imported by python3: pip install numpy or Debian\'s python3-numpy';
  }
}

/**
 * Runs bench/reference/rahimi_numpy.py and returns its JSON (timings and per-run results) with
 * skipped: false, or { skipped: true, why } when Python or NumPy is missing. A failure of the
 * script itself is thrown: that is a bug to see, not a machine to skip.
 * @param {{ seed?: number, quick?: boolean, threads?: number }} [options] quick: 300 first-order and
 *   20 least-squares steps; threads: BLAS threads (OPENBLAS_NUM_THREADS), the machine's default if unset
 */
export async function runNumpyReference({ seed = 1, quick = false, threads } = {}) {
  const why = await missingNumpy();
  if (why) return { skipped: true, why };
  const args = [SCRIPT, '--seed', String(seed), ...(quick ? ['--quick'] : [])];
  // The full run takes tens of seconds on a busy machine; allow for a slow one.
  const env = threads ? { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) } : process.env;
  const { stdout } = await run('python3', args, { timeout: 600_000, env });
  return { skipped: false, ...JSON.parse(stdout) };
}

/**
 * Runs bench/reference/digits_numpy.py, one chapter-5 curve, and returns its JSON (timings and the
 * accuracy curve) with skipped: false, or { skipped: true, why } as runNumpyReference does.
 * @param {{ kind?: 'prune' | 'disable', mode?: string, loss?: 'cross-entropy' | 'seed', seed?: number,
 *   repeats?: number, ps?: number, threads?: number }} [options] ps: only that many evenly spaced
 *   values of p (all 51, or 50 for pruning, if unset); threads as for runNumpyReference
 */
export async function runDigitsReference({ kind = 'prune', mode = 'minimal', loss = 'cross-entropy', seed = 1, repeats = 5, ps, threads } = {}) {
  const why = await missingNumpy();
  if (why) return { skipped: true, why };
  const args = [DIGITS_SCRIPT, '--kind', kind, '--mode', mode, '--loss', loss, '--seed', String(seed), '--repeats', String(repeats), ...(ps ? ['--ps', String(ps)] : [])];
  // A full curve is 250 models of 3,200 steps: one to two minutes on the dev machine; allow for a slow one.
  const env = threads ? { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) } : process.env;
  const { stdout } = await run('python3', args, { timeout: 900_000, env });
  return { skipped: false, ...JSON.parse(stdout) };
}
