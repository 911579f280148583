// The seven NIST problems as the bench sends them to the worker, read from the shipped .dat files by
// the same parser as the page and the CLI, with the fit settings of the catalog (loaded through Vite).
import { createServer } from 'vite';

export async function loadNistProblems() {
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'silent' });
  try {
    const { loadNist, NIST_DATASETS } = await vite.ssrLoadModule('/src/data/nist.ts');
    const { FIT_HYPERPARAMETERS, FIT_XTOL } = await vite.ssrLoadModule('/src/catalog/index.ts');
    return NIST_DATASETS.map(({ name }) => {
      const p = loadNist(name);
      const definition = { problem: 'fit', model: p.model, data: { names: [...p.columnNames], columns: p.columns.map((c) => Array.from(c)) } };
      return { name, spec: { problem: 'fit', definition, optimizer: 'lm', hp: FIT_HYPERPARAMETERS.lm, start: [...p.start2], maxSteps: 2000, targetLoss: -Infinity, xtol: FIT_XTOL.float64, precision: 'float64' } };
    });
  } finally {
    await vite.close();
  }
}
