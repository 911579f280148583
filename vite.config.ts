import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// base './' makes the built site work from any sub-path (the e2e tests serve it from one).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // The digits data ships as its gzipped CSV, imported by URL.
  assetsInclude: ['**/*.csv.gz'],
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
    // tfjs-core's gradients exist only as extensionless ESM (dist/register_all_gradients.js), which
    // Node cannot load by itself; Vite transforms them instead.
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
