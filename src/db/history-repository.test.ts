import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftphoneDatabase } from './database';
import { createHistoryRepository, type HistoryRow } from './history-repository';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0);

function makeRow(overrides: Partial<HistoryRow> = {}): HistoryRow {
  return {
    id: 'r1',
    direction: 'incoming',
    scope: 'internal',
    result: 'answered',
    startedAt: T0,
    answeredAt: T0 + 1000,
    endedAt: T0 + 60_000,
    number: '1002',
    displayName: 'Bob',
    uri: 'sip:1002@pbx.test',
    transferred: false,
    conference: false,
    endCause: 'remote_hangup',
    endStatus: null,
    owner: 'page-a',
    updatedAt: T0 + 60_000,
    ...overrides,
  };
}

/** 300 calls, one an hour: cycling incoming answered, incoming missed, outgoing answered, outgoing busy */
const KINDS = [
  { direction: 'incoming', result: 'answered' },
  { direction: 'incoming', result: 'missed' },
  { direction: 'outgoing', result: 'answered' },
  { direction: 'outgoing', result: 'busy' },
] as const;
const rows = Array.from({ length: 300 }, (_, i) =>
  makeRow({ id: `call-${String(i).padStart(3, '0')}`, startedAt: T0 + i * HOUR, ...KINDS[i % 4] }),
);

const db = new SoftphoneDatabase(`softphone-history-${crypto.randomUUID()}`);
const repo = createHistoryRepository(db);
const ids = (list: HistoryRow[]) => list.map((r) => r.id);
const expected = (keep: (i: number) => boolean) =>
  rows
    .filter((_, i) => keep(i))
    .map((r) => r.id)
    .reverse();

beforeAll(async () => {
  await db.history.bulkPut(rows);
});
afterAll(() => db.delete());

describe('history repository queries', () => {
  it.each([
    ['all', () => true],
    ['missed', (i: number) => i % 4 === 1],
    ['incoming', (i: number) => i % 4 < 2],
    ['outgoing', (i: number) => i % 4 >= 2],
  ] as const)('pages %s newest first and counts the same rows', async (filter, keep) => {
    const want = expected(keep);
    expect(await repo.count({ filter })).toBe(want.length);
    const first = await repo.positions({ filter }).page(0, 50);
    const second = await repo.positions({ filter }).page(50, 50);
    expect(ids(first)).toEqual(want.slice(0, 50));
    expect(ids(second)).toEqual(want.slice(50, 100));
    const last = await repo.positions({ filter }).page(want.length - 3, 50);
    expect(ids(last)).toEqual(want.slice(-3));
  });

  it('limits to a [from, to) time range', async () => {
    const from = T0 + 24 * HOUR;
    const to = T0 + 48 * HOUR;
    const inDay = (i: number) => i >= 24 && i < 48;
    expect(await repo.count({ filter: 'all', from, to })).toBe(24);
    expect(ids(await repo.positions({ filter: 'all', from, to }).page(0, 100))).toEqual(expected(inDay));
    expect(ids(await repo.positions({ filter: 'missed', from, to }).page(0, 100))).toEqual(
      expected((i) => inDay(i) && i % 4 === 1),
    );
    expect(await repo.count({ filter: 'outgoing', from, to })).toBe(12);
    expect(await repo.count({ filter: 'all', from: T0 + 1000 * HOUR })).toBe(0);
    expect(await repo.count({ filter: 'incoming', to: T0 + 4 * HOUR })).toBe(2);
  });

  it('counts missed calls since a time and gives the newest rows', async () => {
    expect(await repo.countMissedSince(T0 + 290 * HOUR)).toBe(2); // 293, 297
    expect(await repo.countMissedSince(T0 + 297 * HOUR)).toBe(1);
    expect(ids(await repo.recent(3))).toEqual(['call-299', 'call-298', 'call-297']);
  });
});

describe('history repository writes', () => {
  const writes = new SoftphoneDatabase(`softphone-history-w-${crypto.randomUUID()}`);
  const store = createHistoryRepository(writes);
  afterAll(() => writes.delete());

  it('puts whole rows, gets, removes and clears', async () => {
    await store.put(makeRow({ id: 'a', result: 'in_progress', endedAt: null }));
    await store.put(makeRow({ id: 'a', result: 'missed' }));
    await store.put(makeRow({ id: 'b', startedAt: T0 + 1 }));
    expect((await store.get('a'))?.result).toBe('missed');
    expect(await store.count({ filter: 'all' })).toBe(2);
    await store.remove('a');
    expect(await store.get('a')).toBeUndefined();
    await store.clear();
    expect(await store.count({ filter: 'all' })).toBe(0);
  });

  it('marks in-progress rows of dead owners as interrupted, ended at their last write', async () => {
    await store.put(
      makeRow({ id: 'dead', result: 'in_progress', endedAt: null, owner: 'gone', updatedAt: T0 + 5 }),
    );
    await store.put(makeRow({ id: 'live', result: 'in_progress', endedAt: null, owner: 'alive' }));
    await store.put(makeRow({ id: 'done', owner: 'gone' }));
    expect(await store.interruptAbandoned(['alive'])).toBe(1);
    expect(await store.get('dead')).toMatchObject({ result: 'interrupted', endedAt: T0 + 5 });
    expect((await store.get('live'))?.result).toBe('in_progress');
    expect((await store.get('done'))?.result).toBe('answered');
    expect(await store.interruptAbandoned(['alive'])).toBe(0);
  });
});
