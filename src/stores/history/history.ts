import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HistoryFilter, HistoryQuery, HistoryRow } from '@/db';
import { inPhase, type CallId, type CallSnapshot } from '@/phone';
import { createPageOwner } from './history-owner';
import { createPageCache } from './history-pages';
import { rangeOf, shiftAnchor, type HistoryRangeKind } from './history-range';
import { marksOf, toHistoryRow, type CallMarks } from './history-record';
import { useRepositories, useStoredSettings } from '../app/persistence';

const log = createLogger('history');

export const HISTORY_PAGE_SIZE = 50;
/** how many of the newest calls `recent` keeps in memory (keypad suggestions) */
export const RECENT_LIMIT = 200;
const MARKS_KEPT = 64;

const warn = (what: string) => (error: unknown) => log.warn(`could not ${what}`, error);

/**
 * Call history: every call is written when it starts and completed when it ends (through the
 * phone bridge), a paged view of the chosen filter and day/week for the virtual list, the unseen
 * missed-call count, and the latest calls for the keypad.
 */
export const useHistoryStore = defineStore('history', () => {
  const owner = createPageOwner();
  const repo = () => useRepositories().history;
  /** per call: marks seen during the call, and when it started while it runs */
  const marks = new Map<CallId, CallMarks>();
  const live = new Map<CallId, number>();
  let writes: Promise<void> = Promise.resolve();

  const filter = ref<HistoryFilter>('all');
  const rangeKind = ref<HistoryRangeKind>('all');
  const anchor = ref(Date.now());
  const range = computed(() => rangeOf(rangeKind.value, anchor.value));
  const query = computed<HistoryQuery>(() => ({ filter: filter.value, ...range.value }));
  const cache = createPageCache(() => {
    const at = query.value;
    const positions = repo().positions(at);
    return {
      page: (offset, limit) => positions.page(offset, limit),
      count: () => repo().count(at),
      close: () => positions.close(),
    };
  }, HISTORY_PAGE_SIZE);
  const recent = ref<HistoryRow[]>([]);
  const seenAt = ref(0);
  const unseenMissed = ref(0);
  const loaded = ref(false);

  const recountMissed = (): Promise<void> =>
    repo()
      .countMissedSince(seenAt.value)
      .then((n) => void (unseenMissed.value = n), warn('count missed calls'));
  async function refresh(reset = false): Promise<void> {
    await Promise.all([cache.refresh(reset), recountMissed()]);
  }
  async function reloadRecent(): Promise<void> {
    try {
      recent.value = await repo().recent(RECENT_LIMIT);
    } catch (error) {
      warn('read recent calls')(error);
    }
  }

  /** reads the seen mark, turns calls of dead pages into `interrupted`, then the first page */
  async function load(): Promise<void> {
    const seen = await useStoredSettings().read('historySeenAt').catch(warn('read historySeenAt'));
    if (seen !== undefined) seenAt.value = seen;
    const owners = await owner.liveOwners();
    if (owners) await repo().interruptAbandoned(owners).catch(warn('mark interrupted calls'));
    await Promise.all([refresh(true), reloadRecent()]);
    loaded.value = true;
  }

  function remember(call: CallSnapshot): CallMarks {
    const seen = marksOf(call, marks.get(call.id));
    marks.delete(call.id);
    marks.set(call.id, seen);
    if (marks.size > MARKS_KEPT) marks.delete(marks.keys().next().value!);
    if (inPhase(call, 'ended')) live.delete(call.id);
    else live.set(call.id, call.startedAt);
    return seen;
  }
  function keepRecent(row: HistoryRow): void {
    const others = recent.value.filter((r) => r.id !== row.id);
    recent.value = [row, ...others].sort((a, b) => b.startedAt - a.startedAt).slice(0, RECENT_LIMIT);
  }

  /** engine → history (phone bridge only). Never throws; a failed write is logged and skipped. */
  function record(call: CallSnapshot): Promise<void> {
    try {
      const row = toHistoryRow(call, { owner: owner.id, marks: remember(call), now: Date.now() });
      keepRecent(row);
      writes = writes.then(() => repo().put(row)).catch(warn(`write call ${row.id} to the history`));
      return writes.then(() => refresh());
    } catch (error) {
      warn('record a call')(error);
      return Promise.resolve();
    }
  }

  async function remove(id: string): Promise<void> {
    await repo().remove(id).catch(warn('delete a call'));
    recent.value = recent.value.filter((r) => r.id !== id);
    await refresh();
  }
  async function clear(): Promise<void> {
    await repo().clear().catch(warn('clear the history'));
    await Promise.all([refresh(true), reloadRecent()]);
  }

  /** the user saw the history: missed calls so far are no longer "unseen" (ringing ones still count) */
  async function markSeen(): Promise<void> {
    seenAt.value = Math.min(Date.now(), ...live.values());
    unseenMissed.value = 0;
    await useStoredSettings().write('historySeenAt', seenAt.value).catch(warn('save historySeenAt'));
    // no row changed: the pages (and their anchors) stay
    await recountMissed();
  }

  function setFilter(value: HistoryFilter): Promise<void> {
    filter.value = value;
    return refresh(true);
  }
  function setRange(kind: HistoryRangeKind): Promise<void> {
    rangeKind.value = kind;
    return refresh(true);
  }
  function moveRange(steps: number): Promise<void> {
    anchor.value = steps === 0 ? Date.now() : shiftAnchor(rangeKind.value, anchor.value, steps);
    return refresh(true);
  }

  return {
    ownerId: owner.id,
    /** change them through setFilter / setRange / previous / next / today */
    filter,
    rangeKind,
    anchor,
    range,
    query,
    total: cache.total,
    recent,
    unseenMissed,
    loaded,
    rowAt: cache.rowAt,
    ensure: cache.ensure,
    load,
    record,
    remove,
    clear,
    markSeen,
    setFilter,
    setRange,
    previous: () => moveRange(-1),
    next: () => moveRange(1),
    today: () => moveRange(0),
  };
});

export type HistoryStore = ReturnType<typeof useHistoryStore>;
