// UI benchmark: the real app (built by scripts/bench.sh into bench/.dist-app for the development
// PBX, no company directory) in Debian's Chromium, signed in as 1001, with 100,000 calls and 20,000
// personal contacts seeded into IndexedDB. Measures, inside the page (bench/ui-page.mjs):
//   - the History tab: click -> first row in the DOM -> painted, warm and right after a reload;
//   - scrolling the history to positions all over the list (and with the Missed filter on) until
//     real rows replace the placeholders;
//   - the keypad field: each keystroke until the suggestions are updated and painted;
//   - the main thread's long tasks after a reload and during an import (bench/ui-index.mjs).
// Run through scripts/bench.sh (loopback-only namespace, its own PBX), after run.mjs and mixer.mjs.
// Writes bench/results/ui.json. Speed goals live here, never in timed unit tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import {
  machine,
  round,
  signIn as signInAs,
  startAppServer,
  stats,
  verdict,
  waitRegistered,
} from './app.mjs';
import { INDEX_TARGET, indexReady, measureImport, measureStartup } from './ui-index.mjs';
import { installUiBench } from './ui-page.mjs';
import { seedDatabase } from './ui-seed.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const HISTORY_ROWS = env('BENCH_UI_HISTORY', 100_000);
const CONTACTS = env('BENCH_UI_CONTACTS', 20_000);
const OPENS = env('BENCH_UI_OPENS', 20); // warm History tab openings
const COLD = env('BENCH_UI_COLD', 3); // openings right after a reload
const ROUNDS = env('BENCH_UI_ROUNDS', 4); // times each query is typed
// fractions of the list's height: distinct pages from the top to the very end, none cached
const SCROLLS = [0.5, 0.05, 0.93, 0.27, 0.999, 0.71, 0.13, 0.86, 0.38, 0.62];
const FILTERED_SCROLLS = [0.5, 0.999, 0.2, 0.8, 0.05, 0.65]; // with the Missed filter on
const QUERIES = ['mar', 'lefe', 'dubois', '044 12', '+41 79', '10', 'zo'];
const KEY_PAUSE_MS = 60; // between keystrokes, about a fast typist
const TARGET = { historyFirstPageMs: 200, historyScrollMs: 50, keystrokeP95Ms: 16.7 };
const USER = '1001';

// a bounded run: whatever hangs, the bench stops (Playwright closes Chromium on exit)
setTimeout(() => {
  console.error('ui bench: still running after 6 minutes, giving up');
  process.exit(1);
}, 360_000).unref();

const signIn = (page) => signInAs(page, USER);

/** reload: the saved account signs in again; then let the start-up settle */
async function reload(page, settleMs) {
  await page.reload();
  await waitRegistered(page);
  if (settleMs) await page.waitForTimeout(settleMs);
}

async function measureKeypad(page) {
  const all = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const query of QUERIES) {
      const samples = await page.evaluate(
        ([q, pause]) => window.uiBench.typeQuery(q, pause),
        [query, KEY_PAUSE_MS],
      );
      all.push(...samples.map((s) => ({ ...s, query })));
    }
  // the first keystroke after a reload (the search index has just arrived)
  const [cold, ...warm] = all;
  const summary = (list) => ({
    script: stats(list.map((s) => s.script)),
    work: stats(list.map((s) => s.work)),
    frame: stats(list.map((s) => s.frame)),
  });
  const perQuery = Object.fromEntries(
    QUERIES.map((q) => {
      const mine = warm.filter((s) => s.query === q);
      const options = [...new Set(mine.map((s) => `${s.value} → ${s.options}`))];
      return [q, { ...summary(mine), suggestionsPerPrefix: options }];
    }),
  );
  const overall = summary(warm);
  return {
    method:
      `${ROUNDS} rounds of ${QUERIES.length} queries typed a character at a time (input event, ${KEY_PAUSE_MS} ms apart); ` +
      'script = until Vue flushed (one microtask), work = script + forced style/layout, ' +
      'frame = until the frame after next (double rAF, includes waiting for vsync: floor about 1-2 frames)',
    budgetMs: TARGET.keystrokeP95Ms,
    coldFirstKeystroke: {
      query: cold.value,
      script: round(cold.script),
      work: round(cold.work),
      frame: round(cold.frame),
    },
    overall,
    perQuery,
    lateFlushes: all.filter((s) => s.late).length,
    meetsTarget: overall.work.p95 <= TARGET.keystrokeP95Ms,
  };
}

async function measureHistory(page) {
  const warm = [];
  for (let i = 0; i < OPENS; i++) {
    warm.push(await page.evaluate(() => window.uiBench.openHistory()));
    await page.evaluate(() => window.uiBench.openKeypad());
    await page.waitForTimeout(150);
  }
  await page.evaluate(() => window.uiBench.openHistory());
  const scrollTo = async (fractions) => {
    const samples = [];
    for (const fraction of fractions) {
      samples.push(await page.evaluate((f) => window.uiBench.scrollHistory(f), fraction));
      await page.waitForTimeout(150);
    }
    return samples;
  };
  const scrolls = await scrollTo(SCROLLS);
  await page.evaluate(() => window.uiBench.filterHistory('Missed'));
  const filtered = await scrollTo(FILTERED_SCROLLS);
  await page.evaluate(() => window.uiBench.filterHistory('All'));
  await page.evaluate(() => window.uiBench.openKeypad());
  const cold = [];
  for (let i = 0; i < COLD; i++) {
    await reload(page, 0);
    cold.push(await page.evaluate(() => window.uiBench.openHistory()));
  }
  const pick = (list, key) => stats(list.map((s) => s[key]));
  const firstPage = {
    method: `click on #tab-history until row 1 of list "Call history" is in the DOM (MutationObserver), then painted (the next frame rendered: rAF, then a task posted from it); warm: ${OPENS} openings, back to Keypad between; cold: right after a reload (Registered)`,
    warm: { inDom: pick(warm, 'inDom'), painted: pick(warm, 'painted') },
    cold: { inDom: pick(cold, 'inDom'), painted: pick(cold, 'painted') },
    warmSamples: warm.map((s) => round(s.painted)),
    coldSamples: cold.map((s) => round(s.painted)),
  };
  firstPage.meetsTarget =
    firstPage.warm.painted.p95 <= TARGET.historyFirstPageMs &&
    firstPage.cold.painted.max <= TARGET.historyFirstPageMs;
  const all = [...scrolls, ...filtered];
  const scroll = {
    method: `scrollTop set to ${SCROLLS.length} distinct positions from the top to the end of the list, then ${FILTERED_SCROLLS.length} with the Missed filter on, until real rows fill every visible position, then painted`,
    inDom: pick(all, 'inDom'),
    painted: pick(all, 'painted'),
    samples: scrolls.map((s) => ({ row: s.index, of: s.total, painted: round(s.painted) })),
    missedSamples: filtered.map((s) => ({ row: s.index, of: s.total, painted: round(s.painted) })),
  };
  scroll.meetsTarget = scroll.painted.max <= TARGET.historyScrollMs;
  return { firstPage, scroll };
}

const app = await startAppServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });

try {
  const context = await browser.newContext({ locale: 'en-US', permissions: ['microphone'] });
  await context.addInitScript(installUiBench);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[ui] ${e.message}`));
  await page.goto(app.url);
  await signIn(page);
  const seeded = await page.evaluate(seedDatabase, { history: HISTORY_ROWS, contacts: CONTACTS, seed: 4 });
  console.log(
    `seeded ${seeded.history} calls and ${seeded.contacts} contacts in ${Math.round(seeded.ms)} ms`,
  );

  const startup = await measureStartup(page, () => reload(page, 0), CONTACTS);
  await reload(page, 0);
  await indexReady(page, 0); // the keystrokes measure searching, not a worker busy building
  await page.waitForTimeout(1000);
  const keypad = await measureKeypad(page);
  const history = await measureHistory(page);
  const importing = await measureImport(page, CONTACTS);
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    machine: machine(),
    data: { historyRows: HISTORY_ROWS, contacts: CONTACTS, seedMs: Math.round(seeded.ms) },
    targets: {
      historyFirstPage: `painted <= ${TARGET.historyFirstPageMs} ms after the click (warm p95 and every cold opening)`,
      historyScroll: `painted <= ${TARGET.historyScrollMs} ms after scrollTop changes, at every position`,
      keystroke: `work (script + style/layout) p95 <= ${TARGET.keystrokeP95Ms} ms, one frame at 60 Hz`,
      index: INDEX_TARGET,
    },
    startupLongTasks: startup,
    importLongTasks: importing,
    historyFirstPage: history.firstPage,
    historyScroll: history.scroll,
    keypadSearch: keypad,
    meetsTargets:
      history.firstPage.meetsTarget &&
      history.scroll.meetsTarget &&
      keypad.meetsTarget &&
      startup.meetsTarget &&
      importing.meetsTarget,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ui.json', `${JSON.stringify(result, null, 2)}\n`);
  const fp = history.firstPage;
  console.log(
    `history first page (${HISTORY_ROWS} calls): warm median ${fp.warm.painted.median} ms, p95 ${fp.warm.painted.p95} ms, max ${fp.warm.painted.max} ms; ` +
      `cold median ${fp.cold.painted.median} ms, max ${fp.cold.painted.max} ms (target <= ${TARGET.historyFirstPageMs}): ${verdict(fp.meetsTarget)}`,
  );
  const sc = history.scroll;
  console.log(
    `history scroll to any position (all and Missed): median ${sc.painted.median} ms, max ${sc.painted.max} ms ` +
      `(target <= ${TARGET.historyScrollMs}): ${verdict(sc.meetsTarget)}`,
  );
  const o = keypad.overall;
  console.log(
    `keypad search (${CONTACTS} contacts) per keystroke: work median ${o.work.median} ms, p95 ${o.work.p95} ms, max ${o.work.max} ms ` +
      `(script p95 ${o.script.p95} ms; painted p95 ${o.frame.p95} ms); budget ${TARGET.keystrokeP95Ms} ms: ${verdict(keypad.meetsTarget)}; ` +
      `first keystroke after load ${keypad.coldFirstKeystroke.work} ms`,
  );
  console.log(
    `start-up (${CONTACTS} contacts): longest task in the first 5 s ${startup.runs.map((r) => r.longest).join('/')} ms, ` +
      `index ready after ${startup.runs.map((r) => r.indexReadyAt).join('/')} ms, longest index step ${startup.longestIndexStep} ms: ${verdict(startup.meetsTarget)}`,
  );
  console.log(
    `import of ${CONTACTS} contacts: index ready after ${importing.indexReadyAfter} ms, longest task ${importing.longest} ms ` +
      `(${importing.indexLongTasks.length} overlapping index steps), longest index step ${importing.longestIndexStep} ms: ${verdict(importing.meetsTarget)}`,
  );
  console.log('written bench/results/ui.json');
} finally {
  await browser.close();
  await app.close();
}
