/** The test server: see serve.mjs. */
import type { Server } from 'node:http';

/** Serves `root` (dist/ by default; a function is read on every request) under `base` on 127.0.0.1:`port`. */
export declare function serve(port?: number, base?: string, root?: string | (() => string)): Promise<Server>;
