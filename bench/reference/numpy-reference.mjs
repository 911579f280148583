// The float64 NumPy timing of chapter 4 (Rahimi's net), for the bench to set beside the app's.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./rahimi_numpy.py', import.meta.url));

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
