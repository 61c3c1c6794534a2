// Soak benchmark on the real app (bench/.dist-app) through the development PBX: two signed-in
// apps, one calls the other N times (answered, audio for a moment, hung up) through the UI. After a
// warm-up and after the last call (both after forced garbage collection) it compares, in each
// page: the JavaScript heap, the DOM size and what is still open (peer connections, AudioContexts,
// live media tracks). Audio is proven from WebRTC stats every few calls.
// Run through scripts/bench.sh (loopback-only namespace, its own PBX). Writes bench/results/soak.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { deadline, dial, machine, round, signIn, startAppServer, verdict } from './app.mjs';
import { installSoakBench } from './soak-page.mjs';

const CALLS = Number(process.env.BENCH_SOAK_CALLS ?? 200);
const WARM_UP = 10;
const AUDIO_EVERY = 25;
const TALK_MS = 300;
const TARGET = { heapGrowthMB: 2 };
deadline('soak', 20 * 60_000);

async function openApp(browser, url, user) {
  const context = await browser.newContext({ locale: 'en-US', permissions: ['microphone'] });
  await context.addInitScript(installSoakBench);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${user}] ${e.message}`));
  page.on('console', (m) => {
    if (['warning', 'error'].includes(m.type())) console.error(`[${user} ${m.type()}] ${m.text()}`);
  });
  await page.goto(url);
  await signIn(page, user);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  return { page, cdp, user };
}

/** heap after two forced collections, plus what the page still holds */
async function snapshot({ page, cdp }) {
  // ended calls stay listed for a few seconds; wait until both lists are empty again
  await page
    .getByRole('region', { name: 'Calls' })
    .getByRole('listitem')
    .first()
    .waitFor({ state: 'detached' });
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { heapMB: round(usedSize / 2 ** 20), ...(await page.evaluate(() => window.soakBench.count())) };
}

const callsText = ({ page }) => page.getByRole('region', { name: 'Calls' }).innerText();

/** hangs up or declines whatever is left on a page */
async function clear({ page }) {
  const buttons = page.getByRole('button', { name: /^(Hang up|Decline)$/ });
  while ((await buttons.count()) > 0)
    await buttons
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
}

async function oneCall(caller, callee, withAudio) {
  await dial(caller.page, callee.user);
  const answer = callee.page.getByRole('button', { name: 'Answer', exact: true });
  await answer.click();
  const hangUp = caller.page.getByRole('button', { name: 'Hang up', exact: true });
  await caller.page.getByRole('region', { name: 'Calls' }).getByText('In call').waitFor();
  let audio = null;
  if (withAudio) {
    await callee.page.waitForFunction(
      () => window.soakBench.audio().then((a) => a.packets > 20 && a.level > 0),
      null,
      {
        timeout: 10_000,
        polling: 100,
      },
    );
    audio = await callee.page.evaluate(() => window.soakBench.audio());
  } else await caller.page.waitForTimeout(TALK_MS);
  await hangUp.click();
  await hangUp.waitFor({ state: 'detached' });
  await callee.page.getByRole('button', { name: 'Hang up', exact: true }).waitFor({ state: 'detached' });
  return audio;
}

const app = await startAppServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const caller = await openApp(browser, app.url, '1004');
  const callee = await openApp(browser, app.url, '1005');
  for (let i = 0; i < WARM_UP; i++) await oneCall(caller, callee, i === 0);
  const before = { caller: await snapshot(caller), callee: await snapshot(callee) };
  const audioChecks = [];
  const started = Date.now();
  const failures = [];
  for (let i = 0; i < CALLS; i++) {
    const audio = await oneCall(caller, callee, i % AUDIO_EVERY === 0).catch(async (error) => {
      // recorded, then both sides cleared, so one lost call does not hide what the others show
      failures.push({
        call: i + 1,
        error: String(error.message).split('\n')[0],
        caller: await callsText(caller),
        callee: await callsText(callee),
      });
      console.error(`soak: call ${i + 1} failed: ${JSON.stringify(failures.at(-1))}`);
      await clear(caller);
      await clear(callee);
      return null;
    });
    if (audio) audioChecks.push({ call: i + 1, ...audio });
  }
  const seconds = round((Date.now() - started) / 1000);
  const after = { caller: await snapshot(caller), callee: await snapshot(callee) };
  const growth = (side) => ({
    heapMB: round(after[side].heapMB - before[side].heapMB),
    domNodes: after[side].domNodes - before[side].domNodes,
    peerConnections: after[side].peerConnections,
    audioContexts: after[side].audioContexts - before[side].audioContexts,
    liveTracks: after[side].liveTracks - before[side].liveTracks,
  });
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    machine: machine(),
    method: `${CALLS} calls after ${WARM_UP} warm-up calls, app to app through the UI: dial, Answer, ${TALK_MS} ms of audio, Hang up; audio proven from inbound-rtp stats (packets, audio level) every ${AUDIO_EVERY} calls; heap = Runtime.getHeapUsage after two HeapProfiler.collectGarbage, with the call list empty again`,
    target: `heap growth <= ${TARGET.heapGrowthMB} MB, 0 peer connections open, no AudioContext or live track more than after the warm-up, DOM size unchanged`,
    seconds,
    before,
    after,
    growth: { caller: growth('caller'), callee: growth('callee') },
    audioChecks,
    failures,
  };
  const ok = (g) =>
    g.heapMB <= TARGET.heapGrowthMB &&
    g.peerConnections === 0 &&
    g.audioContexts <= 0 &&
    g.liveTracks <= 0 &&
    g.domNodes <= 0;
  result.meetsTarget =
    ok(result.growth.caller) && ok(result.growth.callee) && audioChecks.length > 0 && failures.length === 0;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/soak.json', `${JSON.stringify(result, null, 2)}\n`);
  const line = (side) => {
    const g = result.growth[side];
    return `${side} heap ${before[side].heapMB} -> ${after[side].heapMB} MB (${g.heapMB >= 0 ? '+' : ''}${g.heapMB}), DOM ${g.domNodes >= 0 ? '+' : ''}${g.domNodes}, open: ${g.peerConnections} peer connections, ${after[side].audioContexts} AudioContexts, ${after[side].liveTracks} live tracks`;
  };
  console.log(
    `soak (${CALLS} calls in ${seconds} s, ${failures.length} failed, audio ${audioChecks.length} checks passed): ${line('caller')}; ${line('callee')}; target: ${verdict(result.meetsTarget)}`,
  );
  console.log('written bench/results/soak.json');
} finally {
  await browser.close();
  await app.close();
}
