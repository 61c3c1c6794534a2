// Web Push, answered from a closed app (issue 14, docs/web-push.md): how long from the click on
// Answer in the pushed notification to the call answered, and to its audio playing, when no window
// of the app is open. "Cold" here is the case the issue describes: the browser runs, the app has no
// window, its service worker and the HTTP cache hold the shell (the app was used before), and the
// push has already woken the worker. Not measured: a browser that is not running at all.
//
// Callee 1002: the real app (bench/.dist-app, built by scripts/bench.sh) in a persistent Chromium
// profile, signed in once with the Push sender URL; PushManager returns a subscription of a local
// push service (bench/push-answer-page.mjs), the PBX stores the binding, then the app's window
// closes. Caller 1001: the real app in a second Chromium. Each round: 1001 dials 1002; the PBX's
// sender pushes, encrypted for the subscription's keys; the local service decrypts it, as the
// browser would, and hands it to the real worker through DevTools' ServiceWorker.deliverPushMessage;
// the click on Answer is a notificationclick dispatched in the worker (t0); the URL the worker opens
// is opened as a new page; t1 = the row reads "In call", t2 = inbound audio with a level > 0.
// Run through scripts/bench.sh (`npm run bench -- push-answer` runs only this one).
// Writes bench/results/push-answer.json. Target: answered with audio <= 3 s (p95 of the runs).
import { createECDH, randomBytes } from 'node:crypto';
import { queryPushDb } from '../scripts/push-db.mjs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { decryptWebPush } from '../scripts/web-push-decrypt.mjs';
import { armWorker, clickAnswer, installAnswerClock, stubPushManager } from './push-answer-page.mjs';
import { within } from './app.mjs';
import { submitSignIn } from './sign-in.mjs';

const RUNS = Number(process.env.BENCH_PUSH_ANSWER_RUNS ?? 5);
const TARGET_MS = 3000;
const SETTLE_MS = 1000; // quiet time after a round: the closed window's process goes away
const DIST = process.env.BENCH_UI_DIST ?? 'bench/.dist-app';
const WS = `ws://127.0.0.1:${process.env.PBX_WS_PORT ?? 8088}`;
const PUSH_SENDER = `http://127.0.0.1:${process.env.PBX_PUSH_PORT ?? 8089}`;
const DOMAIN = process.env.PBX_DOMAIN ?? 'pbx.test';
const PUSH_DB = join(process.env.PBX_RUN_DIR ?? 'bench/.pbx-run', 'push.sqlite');
const CALLER = '1001';
const CALLEE = '1002';

setTimeout(
  () => {
    console.error('push-answer bench: still running after 4 minutes, giving up');
    process.exit(1);
  },
  240_000 + RUNS * 20_000,
).unref();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x) => Math.round(x);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: pct(s, 50), p95: pct(s, 95), max: s.at(-1) };
};
// ---- the local push service: one subscription, each push decrypted and handed to the waiter ----
const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const auth = randomBytes(16);
const subscription = {
  endpoint: `http://127.0.0.1:8096/push/${randomBytes(8).toString('hex')}`,
  p256dh: ecdh.getPublicKey().toString('base64url'),
  auth: auth.toString('base64url'),
};
let onPush = () => undefined;
const service = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(201).end();
    onPush(decryptWebPush(Buffer.concat(chunks), ecdh, auth).toString('utf8'));
  });
});
await new Promise((r) => service.listen(8096, '127.0.0.1', r));
const nextPush = () => new Promise((resolve) => (onPush = resolve));

// ---- pages -------------------------------------------------------------------------------------
const registered = (page) =>
  page
    .getByRole('status', { name: 'Registration' })
    .filter({ hasText: /^\s*Registered\s*$/ })
    .waitFor({ timeout: 20_000 });
const callRow = (page, number) =>
  page.getByRole('region', { name: 'Calls' }).getByRole('listitem').filter({ hasText: number });

function bindingStored() {
  const prid = Buffer.from(subscription.endpoint).toString('base64url');
  const out = queryPushDb(PUSH_DB, `SELECT prid FROM push_binding WHERE user = '${CALLEE}'`);
  return out.split('\n').includes(prid);
}

/** 1002 signs in once with push; the PBX stores its binding; the worker is active; the window closes. */
async function setUpCallee(context, origin) {
  await context.addInitScript(stubPushManager, subscription);
  await context.addInitScript(installAnswerClock, CALLER);
  const page = await context.newPage();
  await page.goto(origin);
  await submitSignIn(page, { user: CALLEE, domain: DOMAIN, wsUrl: WS, pushUrl: PUSH_SENDER });
  await registered(page);
  for (let i = 0; !bindingStored(); i++) {
    if (i > 100) throw new Error(`the PBX stored no push binding for ${CALLEE}`);
    await sleep(100);
  }
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.close();
}

/** DevTools on the context's blank tab (not a window of the app): the push delivery channel. */
async function pushChannel(context, origin) {
  const blank = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(blank);
  let registrationId = null;
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    for (const r of e.registrations)
      if (!r.isDeleted && r.scopeURL === `${origin}/`) registrationId = r.registrationId;
  });
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; registrationId === null; i++) {
    if (i > 100) throw new Error('the app has no service worker');
    await sleep(50);
  }
  return (data) => cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data });
}

/** The app's answer clock, read through DevTools without a user gesture (autoplay stays real). */
async function readClock(cdp) {
  const res = await cdp
    .send('Runtime.evaluate', {
      expression: 'JSON.stringify(window.__answerClock ?? null)',
      returnByValue: true,
      userGesture: false,
    })
    .catch(() => null);
  return res?.result?.value ? JSON.parse(res.result.value) : null;
}

/**
 * Hands the push to the worker and waits until the worker logs that it handled it, then reads
 * the notification. Reading earlier is what lost notifications before: Chromium's
 * getNotifications() deletes from its store a notification written but not yet on display when
 * the read began. Should the log line not come (a restarted worker is a new handle), the push is
 * delivered again, as a push service retries. All of this happens before the click (t0).
 */
async function showPush(context, origin, deliver, text, tag) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const before = context.serviceWorkers().findLast((w) => w.url().startsWith(origin));
    const handled = before
      ?.waitForEvent('console', { predicate: (m) => m.text().startsWith('sw: push handled'), timeout: 5000 })
      .catch(() => null);
    await deliver(text);
    await handled;
    const worker = context.serviceWorkers().findLast((w) => w.url().startsWith(origin));
    if (!worker) throw new Error('no service worker');
    if (await worker.evaluate(armWorker, tag)) return { worker, deliveries: attempt };
  }
  throw new Error(`no notification ${tag} after 3 deliveries of the push`);
}

async function oneRound(context, origin, caller, deliver) {
  const pushed = nextPush();
  const field = caller.getByLabel('Number or name', { exact: true });
  await field.fill(CALLEE);
  await field.press('Enter');
  const text = await within(5000, 'the push', pushed);
  const payload = JSON.parse(text);
  if (payload.type !== 'call') throw new Error(`expected a call push, got ${text}`);
  const tag = `call-${payload.callId}`;
  const { worker, deliveries } = await showPush(context, origin, deliver, text, tag);
  const { t0, url, openWindowAt } = await worker.evaluate(clickAnswer, tag);

  const app = await context.newPage();
  await app.goto(new URL(url, origin).href, { waitUntil: 'commit' });
  const cdp = await context.newCDPSession(app);
  let seen = null;
  for (const deadline = Date.now() + 15_000; !seen?.audible; await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`no audio within 15 s: ${JSON.stringify(seen)}`);
    seen = await readClock(cdp);
  }
  // the same facts as a user sees them, by accessible name: both rows read "In call"
  await callRow(app, CALLER).filter({ hasText: 'In call' }).waitFor({ timeout: 5000 });
  await callRow(caller, CALLEE).filter({ hasText: 'In call' }).waitFor({ timeout: 5000 });

  await callRow(caller, CALLEE).getByRole('button', { name: 'Hang up', exact: true }).click();
  await callRow(app, CALLER).filter({ hasText: 'In call' }).waitFor({ state: 'detached', timeout: 5000 });
  await app.close();
  await sleep(SETTLE_MS);
  return {
    openWindowMs: round(openWindowAt - t0),
    pageOpenedMs: round(seen.navigationStart - t0),
    shellLoadedMs: round(seen.domContentLoaded - t0),
    socketOpenMs: round(seen.socketOpen - t0),
    registeredMs: round(seen.registered - t0),
    incomingMs: round(seen.incoming - t0),
    answeredMs: round(seen.inCall - t0),
    firstPacketMs: round(seen.firstPacket - t0),
    audioMs: round(seen.audible - t0),
    pushDeliveries: deliveries,
    loadAverage1m: Math.round(os.loadavg()[0]),
  };
}

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const server = await preview({
  configFile: 'vite.config.ts',
  build: { outDir: DIST },
  preview: { host: '127.0.0.1', port, strictPort: true },
  logLevel: 'warn',
});
const origin = `http://127.0.0.1:${port}`;
const profile = mkdtempSync(join(os.tmpdir(), 'bench-push-answer-'));
const launch = { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
const callee = await chromium.launchPersistentContext(profile, {
  ...launch,
  locale: 'en-US',
  permissions: ['microphone', 'notifications'],
});
const browser = await chromium.launch(launch);

try {
  await setUpCallee(callee, origin);
  const deliver = await pushChannel(callee, origin);
  const callerContext = await browser.newContext({ locale: 'en-US', permissions: ['microphone'] });
  const caller = await callerContext.newPage();
  await caller.goto(origin);
  await submitSignIn(caller, { user: CALLER, domain: DOMAIN, wsUrl: WS });
  await registered(caller);

  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const sample = await oneRound(callee, origin, caller, deliver).catch((error) => {
      throw new Error(`round ${i + 1} of ${RUNS}: ${error.message}`, { cause: error });
    });
    samples.push(sample);
  }
  const answered = stats(samples.map((s) => s.answeredMs));
  const audio = stats(samples.map((s) => s.audioMs));
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage1m: Math.round(os.loadavg()[0]),
    },
    cold:
      'the browser runs with no window of the app; its service worker and the HTTP cache hold the shell ' +
      '(the app was used before); the push has woken the worker. A browser that is not running is not measured.',
    method:
      `${RUNS} rounds: ${CALLER} (the app in another Chromium) calls ${CALLEE}; the PBX pushes; the payload goes to ` +
      'the worker (DevTools ServiceWorker.deliverPushMessage); t0 = notificationclick "answer" dispatched in the ' +
      'worker; the URL it passes to clients.openWindow is opened as a new page (a scripted click cannot open one); ' +
      'answered = the call row reads "In call"; audio = inbound RTP with audio level > 0 (getStats every 20 ms). ' +
      'A push whose notification headless Chromium loses is delivered again, before t0 (pushDeliveries)',
    target: `Answer clicked -> call answered with audio <= ${TARGET_MS} ms (p95 of the runs)`,
    runs: RUNS,
    answeredMs: answered,
    audioMs: audio,
    meetsTarget: audio.p95 <= TARGET_MS,
    // where the time goes, each from t0: the page opened, the shell parsed, the WebSocket open,
    // Registered, the held INVITE's row, "In call", the first audio packet, audible
    medianFromClickMs: Object.fromEntries(
      Object.keys(samples[0])
        .filter((key) => key.endsWith('Ms'))
        .map((key) => [key, stats(samples.map((s) => s[key])).median]),
    ),
    samples,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/push-answer.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `push-answer: Answer -> In call median ${answered.median} ms; -> audio median ${audio.median} ms, p95 ${audio.p95} ms ` +
      `(target ${TARGET_MS} ms ${result.meetsTarget ? 'met' : 'NOT met'}); written bench/results/push-answer.json`,
  );
} finally {
  await browser.close();
  await callee.close();
  rmSync(profile, { recursive: true, force: true });
  service.close();
  await new Promise((r) => server.httpServer.close(r));
  // the binding goes, so a later run finds 1002 without one
  queryPushDb(PUSH_DB, `DELETE FROM push_binding WHERE user = '${CALLEE}'`);
}
