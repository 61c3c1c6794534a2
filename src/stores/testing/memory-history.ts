import type { HistoryQuery, HistoryRepository, HistoryRow } from '@/db';

/** What a memory repository keeps; tests may read or seed `rows` directly. */
export type MemoryHistory = HistoryRepository & { rows: Map<string, HistoryRow> };

function matches(row: HistoryRow, query: HistoryQuery): boolean {
  if (query.from !== undefined && row.startedAt < query.from) return false;
  if (query.to !== undefined && row.startedAt >= query.to) return false;
  switch (query.filter) {
    case 'all':
      return true;
    case 'missed':
      return row.result === 'missed';
    case 'incoming':
    case 'outgoing':
      return row.direction === query.filter;
  }
}

/** In-memory call history with the Dexie repository's semantics (newest first, [from, to) ranges). */
export function createMemoryHistory(): MemoryHistory {
  const rows = new Map<string, HistoryRow>();
  const copy = (row: HistoryRow): HistoryRow => ({ ...row });
  const select = (query: HistoryQuery) =>
    [...rows.values()]
      .filter((row) => matches(row, query))
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
  return {
    rows,
    put: (row) => Promise.resolve(void rows.set(row.id, copy(row))),
    get: (id) => Promise.resolve(rows.has(id) ? copy(rows.get(id)!) : undefined),
    positions: (query) => ({
      page: (offset, limit) =>
        Promise.resolve(
          select(query)
            .slice(offset, offset + limit)
            .map(copy),
        ),
      close: () => undefined,
    }),
    count: (query) => Promise.resolve(select(query).length),
    remove: (id) => Promise.resolve(void rows.delete(id)),
    clear: () => Promise.resolve(rows.clear()),
    countMissedSince: (since) => Promise.resolve(select({ filter: 'missed', from: since }).length),
    recent: (limit) => Promise.resolve(select({ filter: 'all' }).slice(0, limit).map(copy)),
    interruptAbandoned(liveOwners) {
      const abandoned = [...rows.values()].filter(
        (row) => row.result === 'in_progress' && !liveOwners.includes(row.owner),
      );
      abandoned.forEach((row) => rows.set(row.id, { ...row, result: 'interrupted', endedAt: row.updatedAt }));
      return Promise.resolve(abandoned.length);
    },
  };
}
