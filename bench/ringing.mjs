// Ringing and cold-start benchmark on the real app (bench/.dist-app) through the development PBX:
//   - ringing: an INVITE arrives on the WebSocket -> the ringing row (its Answer button) is in the
//     DOM, then painted (next frame rendered), and the ringtone's play() / 'playing' (sound unlocked by a
//     real click first, as a user's first click does);
//   - cold start: a signed-in app whose shell the service worker has cached is opened in a fresh
//     browser on the same profile -> 200 OK to its REGISTER (both on the page's clock, 0 =
//     navigation start; the browser's own launch is not counted).
// Run through scripts/bench.sh (loopback-only namespace, its own PBX). Writes bench/results/ringing.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import {
  deadline,
  dial,
  machine,
  round,
  signIn,
  startAppServer,
  stats,
  verdict,
  waitRegistered,
} from './app.mjs';
import { installRingBench } from './ringing-page.mjs';

const RINGS = Number(process.env.BENCH_RINGS ?? 15);
const STARTS = Number(process.env.BENCH_COLD_STARTS ?? 7);
const TARGET = { ringPaintedMs: 50, ringtoneMs: 100, coldStartMs: 700 };
deadline('ringing', 240_000);

const launchOptions = { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
const contextOptions = { locale: 'en-US', permissions: ['microphone'] };

async function openApp(browser, url, user, bench) {
  const context = await browser.newContext(contextOptions);
  if (bench) await context.addInitScript(installRingBench);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${user}] ${e.message}`));
  await page.goto(url);
  await signIn(page, user);
  return page;
}

async function measureRinging(browser, url) {
  const callee = await openApp(browser, url, '1001', true);
  const caller = await openApp(browser, url, '1002', false);
  // a real click: the page may play sound from here on (autoplay policy)
  await callee.getByRole('tab', { name: 'Keypad' }).click();
  const answer = callee.getByRole('button', { name: 'Answer', exact: true });
  const hangUp = caller.getByRole('button', { name: 'Hang up', exact: true });
  for (let i = 0; i < RINGS; i++) {
    await dial(caller, '1001');
    await callee.waitForFunction((n) => window.ringBench.samples[n]?.painted != null, i, { timeout: 10_000 });
    // the ringtone starts on its own clock (its file may still load the first time)
    await callee
      .waitForFunction((n) => window.ringBench.samples[n]?.playing != null, i, { timeout: 3_000 })
      .catch(() => undefined);
    await hangUp.click();
    await answer.waitFor({ state: 'detached' });
    await hangUp.waitFor({ state: 'detached' });
    await callee.waitForTimeout(200);
  }
  const samples = await callee.evaluate(() => window.ringBench.samples);
  await Promise.all([callee.context().close(), caller.context().close()]);
  const since = (key) => samples.filter((s) => s[key] != null).map((s) => s[key] - s.invite);
  const painted = stats(since('painted'));
  const ringtone = stats(since('playing'));
  return {
    method: `${RINGS} calls from another app; INVITE message event on the WebSocket -> Answer button in the DOM (MutationObserver) -> painted (rAF, then a task after that frame); ringtone: play() called and 'playing' fired`,
    inDom: stats(since('dom')),
    painted,
    ringtonePlayCalled: stats(since('play')),
    ringtonePlaying: ringtone,
    ringtoneMissing: samples.length - since('playing').length,
    samples: samples.map((s) => ({
      painted: round(s.painted - s.invite),
      playing: s.playing == null ? null : round(s.playing - s.invite),
    })),
    meetsTarget:
      painted.median <= TARGET.ringPaintedMs &&
      since('playing').length === samples.length &&
      ringtone.median <= TARGET.ringtoneMs,
  };
}

async function measureColdStart(url) {
  const profile = mkdtempSync(join(os.tmpdir(), 'softphone-cold-'));
  const launch = () => chromium.launchPersistentContext(profile, { ...launchOptions, ...contextOptions });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await signIn(page, '1003');
    // from the next load on, the service worker serves the shell from its cache
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await waitRegistered(page);
    await context.close();
    const samples = [];
    for (let i = 0; i < STARTS; i++) {
      context = await launch();
      await context.addInitScript(installRingBench);
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await waitRegistered(page);
      samples.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          return {
            registered: window.ringBench.registeredAt,
            domContentLoaded: nav.domContentLoadedEventEnd,
            fromServiceWorker: nav.workerStart > 0,
            marks: {
              ...Object.fromEntries(
                performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
              ),
              ...Object.fromEntries(
                Object.entries(window.ringBench.connect).map(([k, v]) => [`ws:${k}`, Math.round(v)]),
              ),
            },
          };
        }),
      );
      await context.close();
    }
    const registered = stats(samples.map((s) => s.registered));
    return {
      method: `${STARTS} launches of a fresh browser on a profile where the app is signed in and its service worker caches the shell; navigation start -> 200 OK to REGISTER on the WebSocket`,
      registered,
      domContentLoaded: stats(samples.map((s) => s.domContentLoaded)),
      shellFromServiceWorker: samples.every((s) => s.fromServiceWorker),
      samples: samples.map((s) => ({ registered: round(s.registered), ...s.marks })),
      meetsTarget: registered.median <= TARGET.coldStartMs,
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const app = await startAppServer();
const browser = await chromium.launch(launchOptions);
try {
  const ringing = process.env.BENCH_SKIP_RINGING ? null : await measureRinging(browser, app.url);
  const coldStart = await measureColdStart(app.url);
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    machine: machine(),
    targets: {
      ringing: `Answer painted <= ${TARGET.ringPaintedMs} ms (median) after the INVITE reached the page; ringtone playing <= ${TARGET.ringtoneMs} ms`,
      coldStart: `registered <= ${TARGET.coldStartMs} ms (median) after navigation start`,
    },
    ringing,
    coldStart,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ringing.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `ringing: Answer painted median ${ringing.painted.median} ms (max ${ringing.painted.max}; target <= ${TARGET.ringPaintedMs}), ` +
      `ringtone playing median ${ringing.ringtonePlaying.median} ms (max ${ringing.ringtonePlaying.max}, missing ${ringing.ringtoneMissing}; target <= ${TARGET.ringtoneMs}): ${verdict(ringing.meetsTarget)}`,
  );
  console.log(
    `cold start (cached shell): registered median ${coldStart.registered.median} ms (max ${coldStart.registered.max}; target <= ${TARGET.coldStartMs}; shell from the service worker: ${coldStart.shellFromServiceWorker}): ${verdict(coldStart.meetsTarget)}`,
  );
  console.log('written bench/results/ringing.json');
} finally {
  await browser.close();
  await app.close();
}
