/**
 * The installable app (issue 7, parts 1–2): service worker, manifest, offline start, and a new
 * version arriving during a call. Page scripts only READ the service worker's state, or emulate
 * what a user cannot do from the page: a deploy (a changed sw.js and the browser's update check)
 * and another window of the same browser applying the update.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { callRow, establishCall, expect, registration, rowButton, test, waitForAudio } from './fixtures';

/** Code the "next deploy" appends to the real worker: a byte change the browser sees as an update. */
const NEXT_BUILD = "\n;self.__softphoneBuild = 'next';\n";

/** Runs a script in the page without a user gesture (page.evaluate would grant user activation). */
async function evaluate<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const res = await cdp.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (res.exceptionDetails) throw new Error(`page script failed: ${res.exceptionDetails.text}`);
    return res.result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until an activated service worker controls the page. */
async function waitForControl(page: Page): Promise<void> {
  await expect
    .poll(() => evaluate<string | null>(page, 'navigator.serviceWorker.controller?.state ?? null'), {
      message: 'a service worker controls the page',
      timeout: 15_000,
    })
    .toBe('activated');
}

/** The page's "marker": set once, gone after a reload. */
const setMarker = (page: Page) => evaluate(page, 'window.__pwaMarker = "kept"');
const marker = (page: Page) => evaluate<string | null>(page, 'window.__pwaMarker ?? null');

/** The build the preview server serves (scripts/e2e.sh, playwright.config.ts). */
const DIST_DIR = process.env.E2E_DIST_DIR ?? `${process.env.E2E_RESULTS ?? 'test-results'}/dist-e2e`;

/** Deploys the "next build": the server now serves a changed sw.js. Returns the undo. */
function deployNextBuild(): () => void {
  const file = join(DIST_DIR, 'sw.js');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original + NEXT_BUILD);
  return () => writeFileSync(file, original);
}

/** The browser's update check (it runs hourly and on focus; a test cannot wait for those). */
const checkForUpdate = (page: Page) =>
  evaluate(page, 'navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)');

/** True once the next build's worker is active and controls at least one window. */
async function nextBuildControls(context: BrowserContext): Promise<boolean> {
  for (const worker of context.serviceWorkers()) {
    const ok = await worker
      .evaluate(async () => {
        // the worker's global scope (this tsconfig has DOM types, not WebWorker ones)
        const scope = self as unknown as {
          __softphoneBuild?: string;
          serviceWorker: ServiceWorker;
          registration: ServiceWorkerRegistration;
          clients: { matchAll(options: { type: 'window' }): Promise<unknown[]> };
        };
        const windows = await scope.clients.matchAll({ type: 'window' });
        return (
          scope.__softphoneBuild === 'next' &&
          scope.registration.active === scope.serviceWorker &&
          windows.length > 0
        );
      })
      .catch(() => false);
    if (ok) return true;
  }
  return false;
}

/** the undo of a deploy made by the running test: the next spec gets the original build back */
let undeploy: (() => void) | null = null;
test.afterEach(() => {
  undeploy?.();
  undeploy = null;
});

const updateStatus = (page: Page) => page.getByRole('status', { name: 'App update' });

test.describe('installable app', () => {
  test('the service worker activates and Chrome reports the app installable', async ({ baseURL }) => {
    // installability needs a persistent profile: other contexts report `in-incognito`
    const profile = mkdtempSync(join(tmpdir(), 'softphone-pwa-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      // Chrome offers installation (beforeinstallprompt) only after some use of the site; skip that
      args: [...CHROMIUM_ARGS, '--bypass-app-banner-engagement-checks'],
      headless: true,
      baseURL,
      locale: 'en-US',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await expect(page.getByRole('form', { name: 'Account' })).toBeVisible();

      await test.step('the worker activates and takes over the page', async () => {
        await waitForControl(page);
        const scope = await evaluate<string>(
          page,
          'navigator.serviceWorker.ready.then((r) => r.active.scriptURL)',
        );
        expect(scope).toBe(`${baseURL}/sw.js`);
        expect(context.serviceWorkers().map((w) => w.url())).toContain(`${baseURL}/sw.js`);
      });

      await test.step('no installability or manifest errors', async () => {
        const cdp = await context.newCDPSession(page);
        await expect
          .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, {
            timeout: 15_000,
          })
          .toEqual([]);
        const manifest = await cdp.send('Page.getAppManifest');
        expect(manifest.errors).toEqual([]);
        expect(manifest.url).toBe(`${baseURL}/manifest.webmanifest`);
        const parsed = JSON.parse(manifest.data ?? '{}') as Record<string, unknown>;
        expect(parsed).toMatchObject({
          name: 'Softphone',
          display: 'standalone',
          display_override: ['window-controls-overlay', 'standalone'],
          launch_handler: { client_mode: ['focus-existing', 'auto'] },
        });
      });

      await test.step('the browser offers installation: the top bar shows Install app', async () => {
        await expect(page.getByRole('banner').getByRole('button', { name: 'Install app' })).toBeVisible({
          timeout: 15_000,
        });
      });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('with the network down the app still starts from the cache and says it is offline', async ({
    phoneUser,
  }) => {
    const { page, context } = await phoneUser('1007');
    await waitForControl(page);
    const offline = page.getByRole('status', { name: 'Network' });
    await expect(offline, 'registered: no offline notice').toHaveText('');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('banner').getByText('Softphone'), 'the shell starts offline').toBeVisible();
    await expect(offline).toHaveText('Offline — calls need a network connection');
    await expect(registration(page)).not.toHaveText('Registered');

    await context.setOffline(false);
    await expect(registration(page), 'the phone registers again').toHaveText('Registered', {
      timeout: 30_000,
    });
    await expect(offline).toHaveText('');
  });

  test('a new version arriving during a call never reloads the page; it is applied after the call', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    await test.step('both pages load under the worker, as on any later visit', async () => {
      for (const p of [a, b]) {
        await waitForControl(p.page);
        await p.page.reload();
        await expect(registration(p.page)).toHaveText('Registered', { timeout: 15_000 });
        await waitForControl(p.page);
        await setMarker(p.page);
      }
    });

    const { rowA, rowB } = await establishCall(a, b);
    await Promise.all([waitForAudio(a), waitForAudio(b)]);

    await test.step('the next build is deployed: offered for after the call, nothing reloads', async () => {
      undeploy = deployNextBuild();
      for (const p of [a, b]) {
        await checkForUpdate(p.page);
        await expect(updateStatus(p.page)).toHaveText(
          'A new version of the phone is available. You can update when the call ends.',
          { timeout: 15_000 },
        );
        await expect(updateStatus(p.page).getByRole('button', { name: 'Update now' })).toHaveCount(0);
      }
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
      expect(await marker(a.page)).toBe('kept');
      expect(await marker(b.page)).toBe('kept');
    });

    await test.step("another window applies the update during A's call: A defers its reload", async () => {
      await evaluate(
        a.page,
        `navigator.serviceWorker.getRegistration().then((r) => r.waiting.postMessage({ type: 'SKIP_WAITING' }))`,
      );
      await expect(updateStatus(a.page)).toHaveText('The phone was updated. It restarts when the call ends.');
      await expect.poll(() => nextBuildControls(a.context)).toBe(true);
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
      expect(await marker(a.page), 'A was not reloaded').toBe('kept');
    });

    await test.step('B hangs up: A restarts by itself, B offers Update now', async () => {
      await rowButton(rowB, 'Hang up').click();
      await expect(callRow(b.page, a.ext)).toContainText('Call ended');
      await expect.poll(() => marker(a.page).catch(() => 'navigating'), { timeout: 15_000 }).toBeNull();
      await expect(registration(a.page)).toHaveText('Registered', { timeout: 15_000 });
      expect(await marker(b.page)).toBe('kept');
      await expect(updateStatus(b.page)).toHaveText(/A new version of the phone is available\.\s*Update now/);
    });

    await test.step('B clicks Update now: the next build controls a reloaded page', async () => {
      await updateStatus(b.page).getByRole('button', { name: 'Update now' }).click();
      await expect.poll(() => marker(b.page).catch(() => 'navigating'), { timeout: 15_000 }).toBeNull();
      await expect.poll(() => nextBuildControls(b.context)).toBe(true);
      await expect(registration(b.page)).toHaveText('Registered', { timeout: 15_000 });
      await expect(updateStatus(b.page)).toHaveText('');
    });
  });
});
