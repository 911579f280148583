// The site's service worker, built with the site (vite.config.ts). After Vite writes the build,
// this plugin bundles src/service-worker/sw.ts as one classic script and writes it as sw.js at
// the site's root, after a line declaring BUILD: the build's version and the files it precaches.
// - The version is a hash of every file of the build (name and contents) and of the worker's own
//   code: any change gives a new version, hence a new sw.js, which the browser installs as an
//   update, into a new cache.
// - The precache list is every file of the build: what Vite emitted (the page, every chunk, the
//   engine worker's chunks, the .wasm binaries, the fonts, the digits data) and public/'s files;
//   source maps excepted, should a build make them. Paths are relative to the site's root (sw.js
//   sits there, its scope is './'), so the site works from any sub-path.
// - Each file carries its SHA-256 (as a subresource-integrity string): the worker fetches it with
//   that integrity, so a file from another build (a deploy under way, a stale CDN copy) fails
//   the install instead of entering the cache.
// vite-plugin-pwa (workbox) would do this but could not be installed from our registry; see
// ../shared/research/library-choices.md section 5.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The worker's file name, at the site's root. */
export const SW_FILE = 'sw.js';
const SOURCE = fileURLToPath(new URL('../src/service-worker/sw.ts', import.meta.url));

/** Files of a build the worker does not precache: source maps (for developer tools, never for the page). */
export const NOT_PRECACHED = [/\.map$/];

/** @typedef {{ path: string, bytes: Uint8Array }} BuildFile A file of the build, its path relative to the site's root. */
/** @typedef {{ version: string, files: [path: string, integrity: string][] }} Precache */

/** @param {Uint8Array | string} bytes */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('base64');

/**
 * The version and precache list of a build: pure, the same files give the same result in any order.
 * @param {readonly BuildFile[]} files every file of the build but sw.js
 * @param {string} workerCode the worker's compiled code (a change in it alone is a new version too)
 * @returns {Precache}
 */
export function precacheManifest(files, workerCode) {
  /** @type {[string, string][]} */
  const all = files.map(({ path, bytes }) => {
    if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) throw new Error(`Not a path relative to the site's root: ${path}`);
    return [path, `sha256-${sha256(bytes)}`];
  });
  all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const [path, integrity] of all) hash.update(`${path}\0${integrity}\0`);
  hash.update(workerCode);
  const version = hash.digest('hex').slice(0, 16);
  return { version, files: all.filter(([path]) => path !== SW_FILE && !NOT_PRECACHED.some((re) => re.test(path))) };
}

/**
 * sw.js's text: the build's line, then the worker's code.
 * @param {Precache} precache
 * @param {string} workerCode
 */
export function serviceWorkerSource(precache, workerCode) {
  return `// Curvature's service worker (src/service-worker/sw.ts), built by scripts/service-worker-plugin.mjs.\nconst BUILD = ${JSON.stringify(precache)};\n${workerCode}`;
}

/**
 * The BUILD a built sw.js declares (for the tests).
 * @param {string} source
 * @returns {Precache}
 */
export function readBuild(source) {
  const line = /^const BUILD = (.*);$/m.exec(source);
  if (!line) throw new Error('No BUILD line in this sw.js.');
  return JSON.parse(line[1]);
}

/**
 * Every file under `dir`, as paths relative to it with '/' separators.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

/**
 * src/service-worker/sw.ts bundled as one classic script (an IIFE, not minified: it is short and
 * should read as written). A service worker as a module script is not in every browser yet.
 * @param {string} root
 * @returns {Promise<string>}
 */
async function compileWorker(root) {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry: SOURCE, formats: ['iife'], name: 'curvatureServiceWorker', fileName: () => SW_FILE },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`The service worker should bundle into one file, not ${chunks.length}.`);
  return chunks[0].code;
}

/**
 * The plugin: writes sw.js into the build's output after Vite has written everything else.
 * @returns {import('vite').Plugin}
 */
export function serviceWorker() {
  /** @type {import('vite').ResolvedConfig} */
  let config;
  return {
    name: 'curvature-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // After every other plugin's writeBundle: the files on disk are the final ones.
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler(options, bundle) {
        const dir = options.dir ?? resolve(config.root, config.build.outDir);
        // What this build emitted and public/'s copies; not whatever else an unemptied outDir holds.
        const paths = new Set(Object.keys(bundle));
        if (config.build.copyPublicDir && config.publicDir) for (const path of await listFiles(config.publicDir)) paths.add(path);
        paths.delete(SW_FILE);
        const files = await Promise.all([...paths].map(async (path) => ({ path, bytes: await readFile(join(dir, path)) })));
        const code = await compileWorker(config.root);
        const precache = precacheManifest(files, code);
        await writeFile(join(dir, SW_FILE), serviceWorkerSource(precache, code));
        const bytes = files.filter((f) => precache.files.some(([path]) => path === f.path)).reduce((sum, f) => sum + f.bytes.length, 0);
        config.logger.info(`${SW_FILE}: version ${precache.version}, precaches ${precache.files.length} files, ${(bytes / 1e6).toFixed(2)} MB`);
      },
    },
  };
}
