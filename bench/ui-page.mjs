// In-page half of bench/ui.mjs: installed with page.addInitScript, so it exists after every reload
// as window.uiBench. Times are taken here with performance.now(), so Playwright's round trips never
// count. Elements are found by the ids and accessible names the e2e tests use. Self-contained:
// page.addInitScript sends the function's source, not its closure.

export function installUiBench() {
  const HISTORY_LIST = '[role="list"][aria-label="Call history"]';
  const now = () => performance.now();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /**
   * resolves once the next frame has been rendered: a task posted from its rAF callback runs after
   * that frame's rendering, so everything changed before it is painted (as bench/ringing-page.mjs;
   * a double rAF would add a whole frame of waiting to every measure)
   */
  const nextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
    );
  /**
   * The main thread's long tasks (over 50 ms) since the page started, and the app's own
   * `directory-index…` User Timing measures (main-thread parts of a contact index build), so a
   * long task can be told apart from the index's work.
   */
  const longTaskLog = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTaskLog.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: longTasks() reports supported: false
  }
  const indexMeasures = (sinceMs) =>
    performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('directory-index') && m.startTime >= sinceMs)
      .map((m) => ({
        name: m.name.replace('directory-index: ', ''),
        start: m.startTime,
        duration: m.duration,
      }));
  /** when the page last received a contact index built after `sinceMs`, else null */
  function indexReadyAt(sinceMs) {
    const done = indexMeasures(sinceMs).filter((m) => m.name === 'assemble' || m.name === 'in-thread build');
    return done.length ? Math.max(...done.map((m) => m.start + m.duration)) : null;
  }
  /** long tasks and index steps starting in [sinceMs, untilMs) */
  function longTasks(sinceMs, untilMs) {
    const indexWork = indexMeasures(sinceMs).filter((m) => m.start < untilMs);
    const supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
    const tasks = longTaskLog.filter((t) => t.start >= sinceMs && t.start < untilMs);
    return { supported, tasks, indexWork };
  }
  const byId = (id) => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`#${id} not found`);
    return el;
  };

  /** resolves with performance.now() as soon as check() holds, seen by a MutationObserver */
  function when(check, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      if (check()) return resolve(now());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${check.name || 'the DOM'}`));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (!check()) return;
        const at = now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(at);
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
  }

  /** a real row (HistoryRow, with aria-posinset) at position `index`, not a loading placeholder */
  const historyRow = (index) => document.querySelector(`${HISTORY_LIST} > li[aria-posinset="${index + 1}"]`);
  /**
   * Whether real rows (no placeholder) fill the scroller's viewport: every row whose span (from its
   * top to the next row's) meets the viewport is a HistoryRow, and the rows reach both of its edges.
   * Read from the rows' own places, not as index × average height: a day's first row is taller (its
   * heading), and the list learns those as pages arrive, so the rows at a scrollTop move by a few
   * positions from that estimate (which then waited, until its timeout, for a row below the viewport
   * and past the rendered ones).
   */
  function viewportFilled(list, scroller) {
    // boxes, not the inline translateY: Chromium serializes a transform to 6 significant digits
    const origin = list.getBoundingClientRect().top;
    const top = scroller.scrollTop;
    const bottom = top + scroller.clientHeight;
    const rows = [...list.children]
      .map((li) => ({ li, y: li.getBoundingClientRect().top - origin }))
      .sort((a, b) => a.y - b.y);
    if (rows.length === 0 || !(rows[0].y <= top)) return false;
    const last = rows[rows.length - 1].li;
    const atEnd = last.getAttribute('aria-posinset') === last.getAttribute('aria-setsize');
    if (!(rows[rows.length - 1].y >= bottom) && !atEnd) return false;
    return rows.every(({ li, y }, i) => {
      const end = i + 1 < rows.length ? rows[i + 1].y : Infinity;
      return end <= top || y >= bottom || li.hasAttribute('aria-posinset');
    });
  }

  /** Click on the History tab until its first row is in the DOM, then until it is painted. */
  async function openHistory() {
    if (document.querySelector(HISTORY_LIST)) throw new Error('the history is already open');
    const tab = byId('tab-history');
    const t0 = now();
    tab.click();
    const inDom = await when(function firstHistoryRow() {
      return historyRow(0) !== null;
    });
    await nextPaint();
    return { inDom: inDom - t0, painted: now() - t0 };
  }

  async function openKeypad() {
    byId('tab-keypad').click();
    await when(function historyClosed() {
      return document.querySelector(HISTORY_LIST) === null;
    });
    await nextPaint();
  }

  /**
   * Sets the list's scrollTop to `fraction` of its scroll range, until real rows fill every
   * visible position (placeholders replaced by the page read from IndexedDB), then painted.
   */
  async function scrollHistory(fraction) {
    const list = document.querySelector(HISTORY_LIST);
    if (!list) throw new Error('open the history first');
    await when(function anyHistoryRow() {
      return list.querySelector('li[aria-posinset]') !== null;
    });
    const scroller = list.parentElement;
    const first = list.querySelector('li[aria-posinset]');
    const total = Number(first.getAttribute('aria-setsize'));
    const rowHeight = list.offsetHeight / total;
    const top = Math.round(fraction * (scroller.scrollHeight - scroller.clientHeight));
    const from = Math.floor(top / rowHeight); // about: reported, not waited for
    const t0 = now();
    scroller.scrollTop = top;
    const inDom = await when(function visibleRowsLoaded() {
      return viewportFilled(list, scroller);
    });
    await nextPaint();
    return { index: from, total, inDom: inDom - t0, painted: now() - t0 };
  }

  /** Presses a filter button ("All", "Missed", ...) until the list shows its first row again. Not timed. */
  async function filterHistory(name) {
    const buttons = document.querySelectorAll('[role="group"][aria-label="Show"] button');
    const button = [...buttons].find((b) => b.textContent.trim() === name);
    if (!button) throw new Error(`no history filter ${name}`);
    const before = historyRow(0)?.getAttribute('aria-setsize');
    button.click();
    await when(function filterApplied() {
      const size = historyRow(0)?.getAttribute('aria-setsize');
      return button.getAttribute('aria-pressed') === 'true' && size !== undefined && size !== before;
    });
    await nextPaint();
  }

  /**
   * Types `query` into the keypad field one character at a time, as v-model sees typing (an
   * `input` event). Per keystroke: `script` until Vue's update is flushed (one microtask after the
   * event: Vue queued its flush during the event, before this await), `work` adds the style and
   * layout of the new DOM (forced), `frame` waits for the frame after the next (double rAF).
   */
  async function typeQuery(query, pauseMs) {
    const input = byId('dial-target');
    const box = byId('dial-suggestions');
    const seen = () => `${input.getAttribute('aria-expanded')}|${box.textContent}`;
    input.focus();
    const samples = [];
    for (let i = 1; i <= query.length; i++) {
      const value = query.slice(0, i);
      const t0 = now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve();
      const t1 = now();
      void document.documentElement.getBoundingClientRect(); // style + layout now, not in the frame
      const t2 = now();
      const flushed = seen();
      await nextPaint();
      const t3 = now();
      samples.push({
        value,
        script: t1 - t0,
        work: t2 - t0,
        frame: t3 - t0,
        options: box.children.length,
        // the DOM changed again after the microtask: `script` missed part of the update
        late: seen() !== flushed,
      });
      await sleep(pauseMs);
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextPaint();
    return samples;
  }

  window.uiBench = {
    openHistory,
    openKeypad,
    scrollHistory,
    filterHistory,
    typeQuery,
    sleep,
    longTasks,
    indexReadyAt,
  };
}
