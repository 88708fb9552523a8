/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium), against a production build served by
 * `vite preview` — built in the `e2e` mode, the production build plus the test hook `window.__mmdTestApi`
 * (src/ui/test-api.ts), which `npm run build` leaves out. Never run `npx playwright install` here: the browser
 * is the system one.
 */
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const CI = Boolean(process.env.CI);
/** set by .ci/test-all.sh: Playwright's json reporter writes the figures there (see .ci/count.mjs) */
const JSON_REPORT = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
/**
 * MMD_E2E_PORT runs the suite against a build and server of its own (dist-e2e-PORT/ on that port), so that two
 * runs on one machine do not share a port or overwrite each other's build; unset, the build is dist/ on 4173.
 */
const PORT = Number(process.env.MMD_E2E_PORT ?? 4173);
const OWN_BUILD = process.env.MMD_E2E_PORT !== undefined;
const SERVER = OWN_BUILD
  ? `npx vite build --mode e2e --outDir dist-e2e-${PORT} && npx vite preview --outDir dist-e2e-${PORT} --host 127.0.0.1 --port ${PORT} --strictPort`
  : 'npm run build -- --mode e2e && npm run preview';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  forbidOnly: true,
  retries: CI ? 1 : 0,
  workers: CI ? 1 : 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ...(CI ? [['html', { open: 'never' }] as const] : []), ...(JSON_REPORT ? [['json', { outputFile: JSON_REPORT }] as const] : [])],
  outputDir: OWN_BUILD ? `../test-results-${PORT}` : '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: SERVER,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
