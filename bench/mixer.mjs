// Conference mixer benchmark: CPU time per second of audio for the real ConferenceMixer with 3, 5
// and 8 synthetic participants, minus a baseline with the same sources and no mixer. CPU comes
// from CDP SystemInfo.getProcessInfo (every Chromium process: renderer, audio service, browser),
// over a fixed wall-clock window. Run through scripts/bench.sh after the call set-up benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const SIZES = [3, 5, 8];
const WINDOW_MS = Number(process.env.BENCH_MIXER_WINDOW_MS ?? 4000);
const ROUNDS = Number(process.env.BENCH_MIXER_ROUNDS ?? 3);
const round = (x) => Math.round(x * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await preview({ configFile: 'bench/vite.config.ts' });
// the page builds AudioContexts without a click: the autoplay flag is this benchmark's alone
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
});

async function cpuSeconds(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

/** ms of CPU per second of wall-clock audio while `n` participants are mixed */
async function sample(page, cdp, n) {
  await page.evaluate((k) => window.mixerBench.start(k), n);
  await page.waitForTimeout(500); // let the graph settle before measuring
  const c0 = await cpuSeconds(cdp);
  const t0 = Date.now();
  await page.waitForTimeout(WINDOW_MS);
  const cpu = (await cpuSeconds(cdp)) - c0;
  const wall = (Date.now() - t0) / 1000;
  await page.evaluate(() => window.mixerBench.stop());
  return (1000 * cpu) / wall;
}

try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[mixer] ${e.message}`));
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForFunction(() => 'mixerBench' in window);
  const cdp = await browser.newBrowserCDPSession();
  const raw = { 0: [], ...Object.fromEntries(SIZES.map((n) => [n, []])) };
  // interleaved rounds, so a burst of load from another process hits every size alike
  for (let r = 0; r < ROUNDS; r++) for (const n of [0, ...SIZES]) raw[n].push(await sample(page, cdp, n));
  const baseline = median(raw[0]);
  const participants = SIZES.map((n) => ({
    participants: n,
    cpuMsPerAudioSecond: round(median(raw[n])),
    mixerCpuMsPerAudioSecond: round(median(raw[n]) - baseline),
    samples: raw[n].map(round),
  }));
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    method: 'CDP SystemInfo.getProcessInfo cpuTime of all Chromium processes, median of interleaved rounds',
    windowMs: WINDOW_MS,
    rounds: ROUNDS,
    baselineCpuMsPerAudioSecond: round(baseline),
    baselineSamples: raw[0].map(round),
    participants,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/conference-mixer.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`mixer baseline (sources, no mixer): ${round(baseline)} ms CPU per s`);
  for (const p of participants)
    console.log(
      `mixer ${p.participants} participants: +${p.mixerCpuMsPerAudioSecond} ms CPU per s of audio (total ${p.cpuMsPerAudioSecond})`,
    );
  console.log('written bench/results/conference-mixer.json');
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
