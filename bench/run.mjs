// Call set-up benchmark: the app's engine against bare JsSIP with default settings, through the
// development PBX, in real Chromium. Run through scripts/bench.sh (inside a loopback-only netns).
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 40);
const BLOCK = 5; // calls of one kind in a row before switching to the other
const REGISTERS = Number(process.env.BENCH_REGISTERS ?? 10);
const ws = `ws://127.0.0.1:${process.env.PBX_WS_PORT ?? 8088}`;
const domain = process.env.PBX_DOMAIN ?? 'pbx.test';
const account = (user) => ({ user, password: `pw${user}`, domain, wsUrl: ws });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const summary = (xs) => ({
  n: xs.length,
  median: round(median(xs)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
});

const server = await preview({ configFile: 'bench/vite.config.ts' });
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });

async function openAgent(kind, user) {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${kind} ${user}] ${e.message}`));
  await page.goto(base);
  await page.waitForFunction(() => 'bench' in window);
  const ms = await page.evaluate(([k, a]) => window.bench.register(k, a), [kind, account(user)]);
  return { context, page, ms };
}

/** Both agents of a kind stay registered for the whole run: caller and auto-answering callee. */
async function openPair(kind, callerExt, calleeExt) {
  const caller = await openAgent(kind, callerExt);
  const callee = await openAgent(kind, calleeExt);
  await callee.page.evaluate(() => window.bench.autoAnswer());
  return { caller, callee, calleeExt };
}

async function callOnce(pair) {
  const ms = await pair.caller.page.evaluate((to) => window.bench.call(to), pair.calleeExt);
  await pair.caller.page.evaluate(() => window.bench.hangupAll());
  await pair.callee.page.evaluate(() => window.bench.hangupAll());
  return ms;
}

async function closePair(pair) {
  for (const a of [pair.caller, pair.callee]) {
    await a.page.evaluate(() => window.bench.stop());
    await a.context.close();
  }
}

/**
 * The two kinds are measured in alternating blocks (and registrations alternately), so a change
 * in the machine's load during the run hits both alike instead of skewing the ratio.
 */
async function measureBoth() {
  const registers = { bare: [], app: [] };
  for (let i = 0; i < REGISTERS; i++) {
    for (const kind of i % 2 ? ['app', 'bare'] : ['bare', 'app']) {
      const a = await openAgent(kind, '1004');
      registers[kind].push(a.ms);
      await a.page.evaluate(() => window.bench.stop());
      await a.context.close();
    }
  }
  const pairs = { bare: await openPair('bare', '1005', '1006'), app: await openPair('app', '1007', '1008') };
  const setups = { bare: [], app: [] };
  for (let block = 0; setups.app.length < CALLS; block++) {
    for (const kind of block % 2 ? ['app', 'bare'] : ['bare', 'app']) {
      for (let i = 0; i < BLOCK && setups[kind].length < CALLS; i++)
        setups[kind].push(await callOnce(pairs[kind]));
    }
  }
  await closePair(pairs.bare);
  await closePair(pairs.app);
  const result = (kind) => ({
    register: summary(registers[kind]),
    setup: summary(setups[kind]),
    setupSamples: setups[kind].map(round),
  });
  return { bare: result('bare'), app: result('app') };
}

try {
  const { bare, app } = await measureBoth();
  const ratio = Math.round((app.setup.median / bare.setup.median) * 1000) / 1000;
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    calls: CALLS,
    method: `${CALLS} calls per kind in alternating blocks of ${BLOCK}; callee answers automatically`,
    target: 'app median set-up <= 1/3 of bare JsSIP default',
    bare,
    app,
    setupRatio: ratio,
    meetsTarget: ratio <= 1 / 3,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/call-setup.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`register median: app ${app.register.median} ms, bare JsSIP ${bare.register.median} ms`);
  console.log(`call set-up median: app ${app.setup.median} ms, bare JsSIP ${bare.setup.median} ms`);
  console.log(`ratio app/bare = ${ratio} (target <= 0.33): ${result.meetsTarget ? 'met' : 'NOT met'}`);
  console.log('written bench/results/call-setup.json');
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
