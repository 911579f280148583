// Launcher of the headless runner (src/cli/experiment.ts). tfjs-core registers its gradients only
// through extensionless ESM imports that Node cannot resolve, so the runner is loaded through
// Vite's SSR module runner with @tensorflow/* transformed, as the unit tests do (vite.config.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

// tfjs calls a bare `require` (util, and fs for the wasm binary) when it sees Node; modules the
// runner transforms see only globals, so lend them one.
globalThis.require ??= createRequire(import.meta.url);

// tfjs-backend-cpu greets Node users once, suggesting tfjs-node; drop only that message.
const warn = console.warn;
console.warn = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('Hi, looks like you are running TensorFlow.js in Node.js')) return;
  warn(...args);
};

/**
 * The wasm backend's Emscripten glue (wasm-out/*.js) is CommonJS imported from ESM; the module
 * runner gives modules no `module`, `exports` or `__dirname`, so wrap each file as ESM.
 */
const wasmGlue = {
  name: 'tfjs-wasm-glue-as-esm',
  transform(code, id) {
    const file = id.split('?')[0];
    if (!/[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/][^\\/]+\.js$/.test(file)) return null;
    const named = file.endsWith('.worker.js') ? 'export const wasmWorkerContents = module.exports.wasmWorkerContents;\n' : '';
    return {
      code:
        `const module = { exports: {} }; const exports = module.exports;\n` +
        `const __filename = ${JSON.stringify(file)}; const __dirname = ${JSON.stringify(path.dirname(file))};\n` +
        `${code}\nexport default module.exports;\n${named}`,
      map: null,
    };
  },
};

// Piping into `head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({
  root,
  configFile: false,
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  appType: 'custom',
  plugins: [wasmGlue],
  ssr: { noExternal: [/@tensorflow\//] },
  logLevel: 'error',
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { main } = await server.ssrLoadModule('/src/cli/experiment.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await server.close();
}
