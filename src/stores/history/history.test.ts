import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRow } from '@/db';
import { RECENT_LIMIT, useHistoryStore } from './history';
import { captureLogs } from '@/lib/testing/capture-logs';
import { makeCall } from '../testing/fake-phone';
import { useStoreHarness } from '../testing/store-harness';

const harness = useStoreHarness();
const memory = () => harness.repos.history;
const DAY = 86_400_000;
const NOON = new Date(2026, 10, 22, 12, 0).getTime();

function row(i: number, overrides: Partial<HistoryRow> = {}): HistoryRow {
  return {
    id: `r${i}`,
    direction: i % 2 ? 'outgoing' : 'incoming',
    scope: 'internal',
    result: i % 3 === 0 ? 'missed' : 'answered',
    startedAt: NOON - i * 3_600_000,
    answeredAt: null,
    endedAt: null,
    number: String(1000 + i),
    displayName: null,
    uri: '',
    transferred: false,
    conference: false,
    endCause: null,
    endStatus: null,
    owner: 'old-page',
    updatedAt: NOON,
    ...overrides,
  };
}
beforeEach(() => {
  vi.useFakeTimers({ now: NOON + 60_000, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const seed = (rows: HistoryRow[]) => rows.forEach((r) => memory().rows.set(r.id, r));

describe('recording calls', () => {
  it('writes a call when it starts, updates it and completes it with the marks seen on the way', async () => {
    const history = useHistoryStore();
    await history.record(makeCall({ id: 'c1', startedAt: 1000 }));
    expect(memory().rows.get('c1')).toMatchObject({ result: 'in_progress', owner: history.ownerId });
    await history.record(makeCall({ id: 'c1', state: 'conference', answeredAt: 2000, inConference: true }));
    await history.record(
      makeCall({ id: 'c1', state: 'ended', answeredAt: 2000, endedAt: 9000, endCause: 'remote_hangup' }),
    );
    expect(memory().rows.get('c1')).toMatchObject({ result: 'answered', conference: true, endedAt: 9000 });
    expect(history.total).toBe(1);
    expect(history.recent.map((r) => r.id)).toEqual(['c1']);
  });

  it('logs a failed write, never throws, and still writes the next one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logs = captureLogs();
    const history = useHistoryStore();
    vi.spyOn(memory(), 'put').mockRejectedValueOnce(new Error('quota'));
    const first = history.record(makeCall({ id: 'c1' }));
    const second = history.record(makeCall({ id: 'c1', state: 'ended', endCause: 'cancelled' }));
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(logs.records).toMatchObject([
      { level: 'warn', category: 'history', message: 'could not write call c1 to the history' },
    ]);
    logs.stop();
    expect(memory().rows.get('c1')?.result).toBe('missed');
  });

  it('keeps the newest calls in memory for the keypad, capped', async () => {
    seed(Array.from({ length: RECENT_LIMIT }, (_, i) => row(i)));
    const history = useHistoryStore();
    await history.load();
    expect(history.recent).toHaveLength(RECENT_LIMIT);
    await history.record(makeCall({ id: 'new', startedAt: NOON + 1 }));
    expect(history.recent[0]?.id).toBe('new');
    expect(history.recent).toHaveLength(RECENT_LIMIT);
  });
});

describe('interrupted calls', () => {
  it('at load, calls left in progress by a page that is gone become interrupted', async () => {
    seed([row(1, { result: 'in_progress', updatedAt: NOON + 5 }), row(2)]);
    const history = useHistoryStore();
    await history.record(makeCall({ id: 'mine', startedAt: NOON + 10 }));
    await history.load();
    expect(memory().rows.get('r1')).toMatchObject({ result: 'interrupted', endedAt: NOON + 5 });
    expect(memory().rows.get('r2')?.result).toBe('answered');
    expect(memory().rows.get('mine')?.result).toBe('in_progress');
  });

  it('leaves the live call of another tab alone (Web Locks)', async () => {
    seed([row(1, { result: 'in_progress', owner: 'other-tab' }), row(2, { result: 'in_progress' })]);
    const held = [{ name: 'softphone-history-owner:other-tab' }];
    const locks = { request: () => new Promise(() => undefined), query: () => Promise.resolve({ held }) };
    vi.stubGlobal('navigator', { ...navigator, locks });
    try {
      await useHistoryStore().load();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(memory().rows.get('r1')?.result).toBe('in_progress');
    expect(memory().rows.get('r2')?.result).toBe('interrupted');
  });
});

describe('browsing', () => {
  it('pages rows for the virtual list, newest first', async () => {
    seed(Array.from({ length: 120 }, (_, i) => row(i)));
    const history = useHistoryStore();
    await history.load();
    expect(history.total).toBe(120);
    expect(history.rowAt(0)?.id).toBe('r0');
    expect(history.rowAt(49)?.id).toBe('r49');
    expect(history.rowAt(60)).toBeUndefined();
    await history.ensure(55, 110);
    expect(history.rowAt(60)?.id).toBe('r60');
    expect(history.rowAt(119)?.id).toBe('r119');
    await history.record(makeCall({ id: 'newest', startedAt: NOON + 1 }));
    expect(history.rowAt(61)?.id).toBe('r60'); // the visible pages reloaded: rows moved down by one
    expect(history.rowAt(0)).toBeUndefined(); // page 0 is out of view
    await history.ensure(0, 10);
    expect(history.rowAt(0)?.id).toBe('newest');
  });

  it('filters and moves by day and week', async () => {
    seed(Array.from({ length: 72 }, (_, i) => row(i))); // three days, one call an hour
    const history = useHistoryStore();
    await history.load();
    await history.setFilter('missed');
    expect(history.total).toBe(24);
    await history.setFilter('all');
    await history.setRange('day');
    expect(history.total).toBe(13); // 00:00 to 12:00 today
    await history.previous();
    expect(history.range).toEqual({ from: NOON - 12 * 3_600_000 - DAY, to: NOON - 12 * 3_600_000 });
    expect(history.total).toBe(24);
    await history.setFilter('incoming');
    expect(history.total).toBe(12);
    await history.next();
    await history.next();
    expect(history.total).toBe(0);
    await history.today();
    expect(history.total).toBe(7);
    await history.setRange('week');
    await history.setFilter('all');
    expect(history.total).toBe(72); // Sunday 22 Nov: the week started on Monday 16
  });

  it('deletes one call or all of them', async () => {
    seed([row(1), row(2)]);
    const history = useHistoryStore();
    await history.load();
    await history.remove('r1');
    expect(history.total).toBe(1);
    expect(history.recent.map((r) => r.id)).toEqual(['r2']);
    await history.clear();
    expect(history.total).toBe(0);
    expect(history.recent).toEqual([]);
  });
});

describe('unseen missed calls', () => {
  it('counts missed calls since the user last looked, and persists the mark', async () => {
    seed([row(3), row(6), row(1)]);
    const history = useHistoryStore();
    await history.load();
    expect(history.unseenMissed).toBe(2);
    await history.markSeen();
    expect(history.unseenMissed).toBe(0);
    expect(harness.repos.values.get('historySeenAt')).toBe(NOON + 60_000);
    await history.record(makeCall({ id: 'm', state: 'ended', endCause: 'cancelled', startedAt: Date.now() }));
    expect(history.unseenMissed).toBe(1);
  });

  it('a call ringing when the user looked still counts once it is missed', async () => {
    const history = useHistoryStore();
    await history.load();
    const ringing = makeCall({ id: 'ring', startedAt: Date.now() - 5000 });
    await history.record(ringing);
    await history.markSeen();
    await history.record({ ...ringing, state: 'ended', endCause: 'no_answer' });
    expect(history.unseenMissed).toBe(1);
  });

  it('reads the persisted mark at load', async () => {
    seed([row(3), row(6)]);
    harness.repos.values.set('historySeenAt', NOON - 4 * 3_600_000);
    const history = useHistoryStore();
    await history.load();
    expect(history.unseenMissed).toBe(1);
  });
});
