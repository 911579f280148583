/** KaTeX's fonts in one format: see katex-woff2.mjs. */
import type { Plugin } from 'vite';

export declare function woff2Only(css: string): string;
export declare function katexWoff2(): Plugin;
