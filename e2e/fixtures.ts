/**
 * Fixtures and helpers for the softphone e2e specs. Everything is driven by role and accessible name
 * (docs/ui-contract.md), as a user would. Page scripts are used only to READ WebRTC statistics.
 */
import { writeFile } from 'node:fs/promises';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import {
  audioStats,
  describeWindow,
  installPeerConnectionRecorder,
  isLive,
  measureAudio,
  slidingWindow,
  type PcAudioStats,
  type StatsSample,
} from './support/webrtc-stats';
import { CspGuard } from './support/csp-guard';
import { sipTrace } from './support/sip-trace';

export { expect };
export { audioStats, measureAudio };

export const SIP_DOMAIN = 'pbx.test';
export const WS_URL = 'ws://127.0.0.1:8088';

export interface Phone {
  ext: string;
  name: string;
  page: Page;
  context: BrowserContext;
}

export interface SignInOptions {
  password?: string;
  wsUrl?: string;
  domain?: string;
  displayName?: string;
  /** Company directory URL; undefined keeps the build's default (the dev PBX's), '' clears it. */
  directoryUrl?: string;
  /** STUN/TURN servers text (one per line), e.g. `turn:127.0.0.1:3478 1001:pw1001`. */
  iceServers?: string;
  /** Wait for `Registered` (default true). */
  waitRegistered?: boolean;
  /** Browser permissions of the context besides `microphone` (e.g. `notifications`). */
  grant?: string[];
}

export type PhoneUserFn = (ext: string, opts?: SignInOptions) => Promise<Phone>;

export const test = base.extend<{ phoneUser: PhoneUserFn; cspGuard: CspGuard }>({
  // set up before every other fixture of a test, torn down after them: watches every page the test opens
  cspGuard: [
    async ({ browser }, use) => {
      const guard = new CspGuard();
      guard.start(browser);
      try {
        await use(guard);
      } finally {
        guard.stop();
      }
      expect(guard.violations, 'no Content Security Policy violation in any page').toEqual([]);
    },
    { auto: true },
  ],
  phoneUser: async ({ browser, baseURL }, use, testInfo) => {
    const phones: Phone[] = [];
    const logs = new Map<Phone, string[]>();

    await use(async (ext, opts = {}) => {
      const permissions = ['microphone', ...(opts.grant ?? [])];
      const context = await browser.newContext({ baseURL, permissions, locale: 'en-US' });
      // before any page script: a spec that needs push installs its own subscription after this
      await context.addInitScript(refusePushSubscriptions);
      const page = await context.newPage();
      const phone: Phone = { ext, name: opts.displayName ?? `User ${ext}`, page, context };
      const log: string[] = [];
      logs.set(phone, log);
      const t0 = Date.now();
      const stamp = () => `${((Date.now() - t0) / 1000).toFixed(2)}s`;
      page.on('console', (m) => log.push(`${stamp()} [${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => log.push(`${stamp()} [pageerror] ${e.stack ?? e.message}`));
      page.on('crash', () => log.push(`${stamp()} [crash]`));
      phones.push(phone);

      await page.addInitScript(installPeerConnectionRecorder);
      await page.goto('/');
      await signIn(phone, opts);
      return phone;
    });

    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const phone of phones) {
      if (failed || process.env.E2E_KEEP_CONSOLE) {
        const log = logs.get(phone) ?? [];
        // the whole log on disk too: the list reporter previews only its first lines
        await writeFile(testInfo.outputPath(`console-${phone.ext}.txt`), log.join('\n')).catch(
          () => undefined,
        );
        await testInfo.attach(`console-${phone.ext}.txt`, {
          body: log.join('\n'),
          contentType: 'text/plain',
        });
        const shot = await phone.page.screenshot({ fullPage: true }).catch(() => null);
        if (shot) await testInfo.attach(`screen-${phone.ext}.png`, { body: shot, contentType: 'image/png' });
        const stats = await audioStats(phone.page).catch(() => null);
        if (stats)
          await testInfo.attach(`webrtc-${phone.ext}.json`, {
            body: JSON.stringify(stats, null, 2),
            contentType: 'application/json',
          });
      }
      await phone.context.close().catch(() => undefined);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Sign-in and top bar

export function registration(page: Page): Locator {
  return page.getByRole('status', { name: 'Registration' });
}

export function alert(page: Page, text: string | RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

export async function signIn(phone: Phone, opts: SignInOptions = {}): Promise<void> {
  const { page, ext } = phone;
  const form = page.getByRole('form', { name: 'Account' });
  try {
    await expect(form, 'the sign-in form is shown on a fresh profile').toBeVisible({ timeout: 15_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${ext}'s start-up: ${await startupReport(page)}`);
  }
  await form.getByLabel('Display name (optional)', { exact: true }).fill(phone.name);
  await form.getByLabel('SIP user', { exact: true }).fill(ext);
  await form.getByLabel('Password', { exact: true }).fill(opts.password ?? `pw${ext}`);
  await form.getByLabel('SIP domain', { exact: true }).fill(opts.domain ?? SIP_DOMAIN);
  // the connection fields sit behind a disclosure (open by itself when the build has no WebSocket URL)
  const advanced = form.getByRole('button', { name: 'Advanced settings' });
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  await form.getByLabel('WebSocket URL', { exact: true }).fill(opts.wsUrl ?? WS_URL);
  if (opts.directoryUrl !== undefined)
    await form.getByLabel('Company directory URL (optional)', { exact: true }).fill(opts.directoryUrl);
  if (opts.iceServers !== undefined)
    await form.getByLabel('STUN/TURN servers (optional)', { exact: true }).fill(opts.iceServers);
  await form.getByRole('button', { name: 'Sign in' }).click();
  if (opts.waitRegistered !== false) {
    await expect(registration(page), `${ext} registers`).toHaveText('Registered', { timeout: 15_000 });
  }
}

/**
 * Where a start-up got stuck, read from the page: the app's own marks (src/main.ts), the scripts
 * and styles it loaded with their times, and the service worker's state.
 */
async function startupReport(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const ms = (n: number) => `${Math.round(n)} ms`;
      const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${ms(m.startTime)}`);
      const files = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => /\.(m?js|css)$/.test(r.name))
        .map((r) => `${r.name.replace(/^.*\//, '')} ${ms(r.startTime)}+${ms(r.duration)}`);
      const sw = navigator.serviceWorker?.controller ? 'controlled' : 'not controlled';
      return `marks: ${marks.join(', ') || 'none'}; ${sw}; files: ${files.join(', ')}`;
    })
    .catch((error: unknown) => `(unreadable: ${String(error)})`);
}

/** Opens the user menu (unless open) and clicks an item (menuitem or menuitemcheckbox). */
export async function userMenu(page: Page, role: MenuRole, name: string | RegExp): Promise<void> {
  await openUserMenu(page);
  await page.getByRole('menu').getByRole(role, { name, exact: true }).click();
}

type MenuRole = 'menuitem' | 'menuitemcheckbox';

/** the user-menu button: `<name>, user menu` in each language */
export const USER_MENU = /user menu|menu utilisateur|benutzermenü|menu utente/i;
/** the user menu's "Settings…" in each language */
export const SETTINGS_ITEM = /^(Settings|Paramètres|Einstellungen|Impostazioni)…$/;

/**
 * User menu › Settings…, then the section's tab (its English name, or a RegExp in other languages);
 * returns the Settings dialog. Close it with `closeSettings`.
 */
export async function openSettings(page: Page, section: string | RegExp): Promise<Locator> {
  await userMenu(page, 'menuitem', SETTINGS_ITEM);
  const dialog = page.getByRole('dialog');
  const tab = dialog.getByRole('tab', { name: section, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return dialog;
}

/** Escape closes the Settings dialog (focus is inside it after any click there) */
export async function closeSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function openUserMenu(page: Page): Promise<void> {
  const menu = page.getByRole('menu');
  if (await menu.isVisible()) return;
  await page.getByRole('button', { name: USER_MENU }).click();
  await expect(menu).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Keypad and calls

/** Selects a tab of the centre panel: `Keypad`, `History` or `Directory`. */
export async function openTab(page: Page, name: 'Keypad' | 'History' | 'Directory'): Promise<void> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Types the number in `Number or name` and presses Enter. */
export async function dial(page: Page, number: string): Promise<void> {
  const field = page.getByLabel('Number or name', { exact: true });
  await field.fill(number);
  await field.press('Enter');
}

/** Dials by clicking the keypad's digit buttons, then `Call`. */
export async function dialOnKeypad(page: Page, number: string): Promise<void> {
  for (const digit of number) await page.getByRole('button', { name: digit, exact: true }).click();
  await expect(page.getByLabel('Number or name', { exact: true })).toHaveValue(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

export function callsRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Calls' });
}

/** The call row (listitem in region `Calls`) whose text contains `text` (e.g. the remote number). */
export function callRow(page: Page, text: string | RegExp): Locator {
  return callsRegion(page).getByRole('listitem').filter({ hasText: text });
}

export function rowButton(row: Locator, name: string): Locator {
  return row.getByRole('button', { name, exact: true });
}

/** A calls B and B answers; returns both rows once both read `In call`. */
export async function establishCall(
  a: Phone,
  b: Phone,
  how: 'text' | 'keypad' = 'text',
): Promise<{ rowA: Locator; rowB: Locator }> {
  const dialled = Date.now();
  if (how === 'keypad') await dialOnKeypad(a.page, b.ext);
  else await dial(a.page, b.ext);
  const rowB = callRow(b.page, a.ext);
  const rowA = callRow(a.page, b.ext);
  try {
    // not a latency check (the ringing bench times that): a loaded 2-core CI machine needs slack
    await expect(rowB, `${b.ext} sees the incoming call from ${a.ext}`).toContainText('Incoming call', {
      timeout: 20_000,
    });
  } catch (error) {
    // say where the call got lost: the caller's row, and what the PBX saw of it
    const caller = await callsRegion(a.page)
      .innerText({ timeout: 1_000 })
      .catch(() => '(unreadable)');
    const trace = sipTrace([a.ext, b.ext], dialled - 1_000);
    throw new Error(
      `${(error as Error).message}\n\n${a.ext}'s calls: ${JSON.stringify(caller)}\n` +
        `the PBX's SIP messages of ${a.ext} and ${b.ext} since the dial:\n${trace}`,
    );
  }
  await expect(rowA).toContainText(/Ringing|Calling…/);
  await rowButton(rowB, 'Answer').click();
  await expect(rowA).toContainText('In call');
  await expect(rowB).toContainText('In call');
  return { rowA, rowB };
}

// ---------------------------------------------------------------------------------------------
// Audio (read-only WebRTC stats)

/** Which peer connection of a page to measure: its index, or 'live' (exactly one open connection). */
export type PcPick = number | 'live';

function pick(stats: PcAudioStats[], which: PcPick): number | string {
  if (typeof which === 'number') return which;
  const live = stats.filter(isLive);
  if (live.length !== 1) return `expected exactly one open peer connection, found ${live.length}`;
  return live[0]!.index;
}

/** One ~1.5 s window on the chosen peer connection, as a readable verdict (`audio: …`, `silence: …`). */
export async function listen(page: Page, which: PcPick = 'live'): Promise<string> {
  const idx = pick(await audioStats(page), which);
  if (typeof idx === 'string') return `no measurement: ${idx}`;
  const w = (await measureAudio(page)).find((x) => x.index === idx);
  return w ? describeWindow(w) : `no measurement: peer connection #${idx} is closed`;
}

/** Length of the window an audio verdict is judged on (as `measureAudio`'s default). */
const AUDIO_WINDOW_MS = 1500;

/** Waits until the page receives and plays audible audio (inbound packets grow, energy and level > 0). */
export async function waitForAudio(phone: Phone, which: PcPick = 'live', timeout = 15_000): Promise<void> {
  await expectVerdict(phone, which, 'audio', `${phone.ext} hears audio`, timeout);
}

/** Waits until what the page receives is silent (no packets, or energy and level ≈ 0) for a whole window. */
export async function expectSilence(phone: Phone, which: PcPick = 'live', timeout = 15_000): Promise<void> {
  await expectVerdict(phone, which, 'silence', `${phone.ext} hears silence`, timeout);
}

/**
 * Reads the stats every 250 ms and judges the sliding window ending at each reading (`slidingWindow`):
 * `audio` holds as soon as the window has the packets, energy and level of audible audio; `silence`
 * only once a whole `AUDIO_WINDOW_MS` window is silent. The last verdict becomes a test annotation.
 */
async function expectVerdict(
  phone: Phone,
  which: PcPick,
  want: 'audio' | 'silence',
  message: string,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;
  const samples: StatsSample[] = [];
  let last = 'no measurement yet';
  let ok = false;
  while (!ok) {
    samples.push({ t: Date.now(), stats: await audioStats(phone.page) });
    // keep one sample older than the window (the window's start), drop the ones before it
    while (samples.length > 2 && samples.at(-1)!.t - samples[1]!.t >= AUDIO_WINDOW_MS) samples.shift();
    const idx = pick(samples.at(-1)!.stats, which);
    const w = typeof idx === 'number' ? slidingWindow(samples, idx, AUDIO_WINDOW_MS) : null;
    if (typeof idx === 'string') last = `no measurement: ${idx}`;
    else last = w ? describeWindow(w) : `no measurement yet: peer connection #${idx} closed or just opened`;
    ok = !!w && last.startsWith(`${want}:`) && (want === 'audio' || w.ms >= AUDIO_WINDOW_MS);
    if (ok || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(ok, `${message} within ${timeout} ms; last window: ${last}`).toBe(true);
  test.info().annotations.push({ type: 'audio', description: `${phone.ext} ${last}` });
}

/** Index (in `phone`'s page) of the open peer connection whose far end is an open one in `other`'s page. */
export async function pcTowards(phone: Phone, other: Phone): Promise<number> {
  const mine = await audioStats(phone.page);
  const theirs = (await audioStats(other.page)).filter(isLive).map((s) => s.localFingerprint);
  const match = mine.filter((s) => isLive(s) && s.remoteFingerprint && theirs.includes(s.remoteFingerprint));
  if (match.length !== 1)
    throw new Error(`${phone.ext}: expected one peer connection to ${other.ext}, found ${match.length}`);
  return match[0]!.index;
}

/**
 * Chromium's own `pushManager.subscribe()` closes the page in this sandbox (no push service is
 * reachable), and the e2e build has a push URL, so every page that may notify would subscribe:
 * pages get a refusal instead, which the app treats as "push not available". web-push.spec.ts
 * replaces it with a subscription at the mock push service.
 */
function refusePushSubscriptions(): void {
  const proto = PushManager.prototype as unknown as Record<string, unknown>;
  proto.subscribe = () =>
    Promise.reject(new DOMException('no push service in the e2e sandbox', 'NotAllowedError'));
  proto.getSubscription = () => Promise.resolve(null);
}
