import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SoftphoneDatabase } from './database';
import { ANCHOR_EVERY } from './history-paging';
import { createHistoryRepository, type HistoryQuery, type HistoryRow } from './history-repository';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0);
const KINDS = [
  { direction: 'incoming', result: 'answered' },
  { direction: 'incoming', result: 'missed' },
  { direction: 'outgoing', result: 'answered' },
] as const;

/** 1,300 calls a minute apart (three anchors), every fifth one started in the same ms as the one before */
const rows: HistoryRow[] = Array.from({ length: 1300 }, (_, i) => ({
  id: `call-${String(i).padStart(4, '0')}`,
  ...KINDS[i % 3]!,
  scope: 'external',
  startedAt: T0 + (i - (i % 5 === 4 ? 1 : 0)) * MINUTE,
  answeredAt: null,
  endedAt: null,
  number: String(1000 + i),
  displayName: null,
  uri: `sip:${1000 + i}@pbx.test`,
  transferred: false,
  conference: false,
  endCause: null,
  endStatus: null,
  owner: 'page-a',
  updatedAt: T0,
}));

const db = new SoftphoneDatabase(`softphone-paging-${crypto.randomUUID()}`);
const repo = createHistoryRepository(db);
const ids = (list: HistoryRow[]) => list.map((r) => r.id);

/** the query's ids in IndexedDB's order for it: newest first, ties by id descending */
function expected(query: HistoryQuery): string[] {
  const keep = (r: HistoryRow) =>
    (query.filter === 'all' ||
      (query.filter === 'missed' ? r.result === 'missed' : r.direction === query.filter)) &&
    r.startedAt >= (query.from ?? -Infinity) &&
    r.startedAt < (query.to ?? Infinity);
  return rows
    .filter(keep)
    .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}

beforeAll(() => db.history.bulkPut(rows));
afterAll(() => db.delete());
afterEach(() => vi.restoreAllMocks());

/** as in a browser without IndexedDB 3.0's getAllRecords: pages are walked row by row */
function withoutGetAllRecords(): () => void {
  const saved = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords')!;
  Object.defineProperty(IDBIndex.prototype, 'getAllRecords', { configurable: true, value: undefined });
  return () => Object.defineProperty(IDBIndex.prototype, 'getAllRecords', saved);
}

describe.each([
  ['getAllRecords', () => () => undefined],
  ['a cursor', withoutGetAllRecords],
])('history positions, read with %s', (_, setup) => {
  let restore = () => undefined as unknown;
  beforeAll(() => void (restore = setup()));
  afterAll(() => restore());
  const queries: HistoryQuery[] = [
    { filter: 'all' },
    { filter: 'missed' },
    { filter: 'incoming' },
    { filter: 'outgoing' },
    { filter: 'all', from: T0 + 100 * MINUTE, to: T0 + 1200 * MINUTE },
    { filter: 'incoming', from: T0 + 3 * MINUTE },
  ];

  it.each(queries)(
    'a page at any position is the rows at that position (%o)',
    async (query) => {
      const want = expected(query);
      const positions = repo.positions(query);
      for (const offset of [0, 37, 499, 500, 777, 1000, want.length - 20, want.length - 1]) {
        if (offset < 0 || offset >= want.length) continue;
        expect(ids(await positions.page(offset, 50)), `offset ${offset}`).toEqual(
          want.slice(offset, offset + 50),
        );
      }
      expect(await positions.page(want.length, 50)).toEqual([]);
      expect(await positions.page(want.length + ANCHOR_EVERY, 50)).toEqual([]);
    },
    30_000,
  ); // fake-indexeddb walks slowly when the machine is busy

  it('keeps the order when many calls share one millisecond', async () => {
    const same = T0 + 9000 * MINUTE;
    const ties = Array.from({ length: 12 }, (_, i) => ({
      ...rows[0]!,
      id: `tie-${String(i).padStart(2, '0')}`,
      startedAt: same,
    }));
    await db.history.bulkPut(ties);
    const want = ties.map((r) => r.id).reverse();
    const positions = repo.positions({ filter: 'all' });
    expect(ids(await positions.page(2, 3))).toEqual(want.slice(2, 5));
    expect(ids(await positions.page(10, 4))).toEqual([
      ...want.slice(10),
      expected({ filter: 'all' })[0],
      expected({ filter: 'all' })[1],
    ]);
    await db.history.bulkDelete(ties.map((r) => r.id));
  });

  it('reads a deep page without walking the rows before it', async () => {
    const positions = repo.positions({ filter: 'all' });
    await positions.page(1100, 50); // the anchor walk, once
    const advance = vi.spyOn(IDBCursor.prototype, 'advance');
    const next = vi.spyOn(IDBCursor.prototype, 'continue');
    expect(ids(await positions.page(1240, 50))).toEqual(expected({ filter: 'all' }).slice(1240, 1290));
    const walked = advance.mock.calls.reduce((sum, [count]) => sum + count, 0) + next.mock.calls.length;
    expect(walked).toBeLessThan(ANCHOR_EVERY + 50);
  });

  it('reads a deep page without seeking its anchor row by row', async () => {
    const positions = repo.positions({ filter: 'all' });
    await positions.page(0, 1); // the anchor walk starts
    // in Chromium, continuePrimaryKey on a reverse cursor costs time in proportion to the position
    const seek = vi.spyOn(IDBCursor.prototype, 'continuePrimaryKey');
    const want = expected({ filter: 'all' });
    expect(ids(await positions.page(2 * ANCHOR_EVERY + 7, 20))).toEqual(
      want.slice(2 * ANCHOR_EVERY + 7, 2 * ANCHOR_EVERY + 27),
    );
    expect(seek).not.toHaveBeenCalled();
  });

  it('starts a page at its anchor when calls of the same ms sort above it', async () => {
    // three calls in the ms of the row at 498, with greater ids: the row at 500 (an anchor) is the last of them
    const at = rows.find((r) => r.id === expected({ filter: 'all' })[498])!;
    const ties = ['zz-0', 'zz-1', 'zz-2'].map((id) => ({ ...at, id }));
    await db.history.bulkPut(ties);
    const want = [...rows, ...ties]
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    expect(want[ANCHOR_EVERY]).toBe('zz-0');
    const positions = repo.positions({ filter: 'all' });
    await positions.page(0, 1); // the anchor walk starts
    expect(ids(await positions.page(ANCHOR_EVERY, 4))).toEqual(want.slice(ANCHOR_EVERY, ANCHOR_EVERY + 4));
    expect(ids(await positions.page(ANCHOR_EVERY + 1, 2))).toEqual(
      want.slice(ANCHOR_EVERY + 1, ANCHOR_EVERY + 3),
    );
    await db.history.bulkDelete(ties.map((r) => r.id));
  });

  it('a new snapshot sees a new call at the top; rows deleted since opening shift an old one', async () => {
    const before = repo.positions({ filter: 'all' });
    await before.page(600, 10);
    const newest = { ...rows[0]!, id: 'newest', startedAt: T0 + 5000 * MINUTE };
    await repo.put(newest);
    const after = repo.positions({ filter: 'all' });
    expect(ids(await after.page(0, 2))).toEqual(['newest', expected({ filter: 'all' })[0]]);
    expect(ids(await after.page(501, 1))).toEqual([expected({ filter: 'all' })[500]]);
    await repo.remove('newest');
    // the anchor's own row deleted: the page starts at the next row, no error
    const anchor = expected({ filter: 'all' })[500]!;
    await repo.remove(anchor);
    expect(ids(await before.page(500, 2))).toEqual(expected({ filter: 'all' }).slice(501, 503));
    await repo.put(rows.find((r) => r.id === anchor)!);
  });

  it('stops the anchor walk once closed', async () => {
    const positions = repo.positions({ filter: 'all' });
    positions.close();
    expect(await positions.page(900, 10)).toEqual([]);
    expect(ids(await positions.page(0, 2))).toEqual(expected({ filter: 'all' }).slice(0, 2));
  });
});
