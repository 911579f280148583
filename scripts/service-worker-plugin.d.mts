/** The service worker's build step: see service-worker-plugin.mjs. */
import type { Plugin } from 'vite';

export declare const SW_FILE: string;
export declare const NOT_PRECACHED: readonly RegExp[];
/** A file of the build, its path relative to the site's root. */
export interface BuildFile {
  path: string;
  bytes: Uint8Array;
}
/** A build's version and the files its worker precaches, each with its subresource-integrity SHA-256. */
export interface Precache {
  version: string;
  files: [path: string, integrity: string][];
}
export declare function precacheManifest(files: readonly BuildFile[], workerCode: string): Precache;
export declare function serviceWorkerSource(precache: Precache, workerCode: string): string;
export declare function readBuild(source: string): Precache;
export declare function serviceWorker(): Plugin;
