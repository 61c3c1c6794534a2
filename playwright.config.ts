/**
 * E2E: real Chromium pages (fake media devices) register with the real development PBX and call each
 * other. Run through `npm run test:e2e` (scripts/e2e.sh): it builds the app with the e2e settings into
 * test-results/dist-e2e and runs this suite inside a loopback-only network namespace.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const CI = !!process.env.CI;
/** one folder for everything a run writes; set E2E_RESULTS to run two suites side by side */
const results = process.env.E2E_RESULTS ?? 'test-results';
const distDir = process.env.E2E_DIST_DIR ?? `${results}/dist-e2e`;

export default defineConfig({
  testDir: 'e2e',
  // e2e/support/*.test.ts are Vitest tests of the helpers, not browser tests
  testMatch: '**/*.spec.ts',
  outputDir: `${results}/playwright`,
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: CI,
  timeout: 60_000,
  globalTimeout: 40 * 60_000,
  expect: { timeout: 10_000 },
  reporter: CI
    ? [['list']]
    : [
        ['list'],
        [
          'html',
          {
            open: 'never',
            outputFolder: process.env.E2E_RESULTS ? `${results}/report` : 'playwright-report',
          },
        ],
      ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port 4173 --strictPort --outDir ${distDir}`,
    url: 'http://127.0.0.1:4173/',
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://127.0.0.1:4173',
    permissions: ['microphone'],
    locale: 'en-US',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // Off: recording a trace (DOM snapshots and screencast of every page) doubled the time of a
    // sign-in on 2 cores (docs/testing.md). A failed test still attaches each page's console,
    // screenshot and WebRTC stats (e2e/fixtures.ts); for a trace: `-- --trace retain-on-failure`.
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
      },
    },
  ],
});
