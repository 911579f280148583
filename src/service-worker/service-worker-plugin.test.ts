import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { precacheManifest, readBuild, serviceWorkerSource, type BuildFile } from '../../scripts/service-worker-plugin.mjs';

const bytes = (text: string) => new TextEncoder().encode(text);
const BUILD: BuildFile[] = [
  { path: 'index.html', bytes: bytes('<!doctype html>') },
  { path: 'favicon.svg', bytes: bytes('<svg/>') },
  { path: 'assets/index-Abc.js', bytes: bytes('console.log(1)') },
  { path: 'assets/engine.worker-Def.js', bytes: bytes('self.onmessage = null') },
  { path: 'assets/index-Ghi.css', bytes: bytes('body{}') },
  { path: 'assets/tfjs-backend-wasm-simd-J.wasm', bytes: new Uint8Array([0, 97, 115, 109]) },
  { path: 'assets/digits.csv-K.gz', bytes: new Uint8Array([31, 139, 8]) },
  { path: 'assets/KaTeX_Main-Regular-L.woff2', bytes: bytes('woff2') },
  { path: 'assets/index-Abc.js.map', bytes: bytes('{}') },
];
const CODE = 'self.addEventListener("fetch", () => {});';

describe('precacheManifest', () => {
  test('lists every file of the build but source maps, relative to the root, with its SHA-256', () => {
    const { files } = precacheManifest(BUILD, CODE);
    expect(files.map(([path]) => path).sort()).toEqual(BUILD.map((f) => f.path).filter((p) => !p.endsWith('.map')).sort());
    for (const [path, integrity] of files) {
      expect(path).not.toMatch(/^\/|^\.\.?\//);
      const file = BUILD.find((f) => f.path === path)!;
      expect(integrity).toBe(`sha256-${createHash('sha256').update(file.bytes).digest('base64')}`);
    }
  });

  test('the same files, in any order, give the same version and list', () => {
    const a = precacheManifest(BUILD, CODE);
    const b = precacheManifest([...BUILD].reverse(), CODE);
    expect(b).toEqual(a);
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
  });

  test("any change gives a new version: a byte of any file (a source map not precached too), a file's name, a file more, the worker's code", () => {
    const base = precacheManifest(BUILD, CODE).version;
    const versions = new Set([base]);
    for (let i = 0; i < BUILD.length; i++) {
      const changed = BUILD.map((f, j) => (j === i ? { ...f, bytes: new Uint8Array([...f.bytes, 1]) } : f));
      versions.add(precacheManifest(changed, CODE).version);
    }
    versions.add(precacheManifest(BUILD.map((f, j) => (j === 2 ? { ...f, path: 'assets/index-Xyz.js' } : f)), CODE).version);
    versions.add(precacheManifest([...BUILD, { path: 'assets/chunk-P.js', bytes: bytes('') }], CODE).version);
    versions.add(precacheManifest(BUILD, CODE + ' ').version);
    expect(versions.size).toBe(BUILD.length + 4);
  });

  test('never lists sw.js itself, and refuses a path that is not relative to the root', () => {
    expect(precacheManifest([...BUILD, { path: 'sw.js', bytes: bytes('') }], CODE).files.map(([p]) => p)).not.toContain('sw.js');
    for (const path of ['/index.html', '../index.html', 'assets/../../x.js', 'assets\\x.js', '']) {
      expect(() => precacheManifest([{ path, bytes: bytes('') }], CODE), path).toThrow(/relative/);
    }
  });
});

test("sw.js's text declares BUILD on a line of its own, read back as written, before the worker's code", () => {
  const precache = precacheManifest(BUILD, CODE);
  const source = serviceWorkerSource(precache, CODE);
  expect(readBuild(source)).toEqual(precache);
  expect(source.endsWith(CODE)).toBe(true);
});
