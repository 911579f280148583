// End-to-end tests in the system Chromium (Playwright's own browser download cannot work here),
// against the production build served from a sub-path.
import { defineConfig } from '@playwright/test';

// E2E_PORT: a second checkout can run its suite beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE = `http://127.0.0.1:${PORT}/curvature/`;

export default defineConfig({
  testDir: '.',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: BASE,
    // The site's service worker would answer every request from its cache, out of page.route's
    // sight (the fault-injection specs): blocked here, allowed by the specs that test it (offline*.spec.ts).
    serviceWorkers: 'block',
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  webServer: { command: `node serve.mjs ${PORT} /curvature/`, url: BASE, reuseExistingServer: !process.env.CI, cwd: import.meta.dirname },
});
