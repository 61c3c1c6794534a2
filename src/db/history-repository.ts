import { Dexie, type Collection } from 'dexie';
import type { CallDirection, EndCause } from '@/phone';
import type { SoftphoneDatabase } from './database';
import { openPositions, queryPrefix, type HistoryPositions } from './history-paging';

/** How a call went, as the history shows it. */
export type HistoryResult =
  | 'in_progress' // written when the call started; still running (or its page died: see interrupted)
  | 'answered'
  | 'missed' // incoming, nobody answered here
  | 'declined'
  | 'busy'
  | 'cancelled' // outgoing, we gave up before an answer
  | 'failed'
  | 'answered_elsewhere' // a colleague or another device of ours took it
  | 'blocked' // incoming, rejected because the caller is on our blocked list (not a missed call)
  | 'forwarded' // incoming, redirected (302) by our forwarding rules
  | 'interrupted'; // the page that wrote it closed or crashed during the call

/** One call of the history: plain data, written when the call starts and completed when it ends. */
export interface HistoryRow {
  /** the engine's call id (a UUID) */
  id: string;
  direction: CallDirection;
  scope: 'internal' | 'external';
  result: HistoryResult;
  /** epoch ms */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** remote user part (usually the number or extension) */
  number: string;
  /** SIP display name as received: untrusted, render as text only */
  displayName: string | null;
  uri: string;
  transferred: boolean;
  conference: boolean;
  endCause: EndCause | null;
  endStatus: number | null;
  /** the page session that wrote it (see interrupted) */
  owner: string;
  /** epoch ms of the last write */
  updatedAt: number;
}

export type HistoryFilter = 'all' | 'missed' | 'incoming' | 'outgoing';

/** Which rows a page or count covers: a filter and an optional time range `[from, to)` on startedAt. */
export interface HistoryQuery {
  filter: HistoryFilter;
  from?: number;
  to?: number;
}

/**
 * Call history, newest first; every query walks an index, and paging jumps through anchors rather
 * than offsets, so it stays fast with 100,000 rows.
 */
export interface HistoryRepository {
  /** writes the whole row (insert or replace by id) */
  put(row: HistoryRow): Promise<void>;
  get(id: string): Promise<HistoryRow | undefined>;
  /** the query's rows by position, newest first, for paging (see history-paging.ts) */
  positions(query: HistoryQuery): HistoryPositions;
  /** an index count: IndexedDB counts a key range without reading the rows */
  count(query: HistoryQuery): Promise<number>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** missed calls that started at or after `since` */
  countMissedSince(since: number): Promise<number>;
  /** the newest rows, any result */
  recent(limit: number): Promise<HistoryRow[]>;
  /**
   * Rows still `in_progress` whose owner is not in `liveOwners` become `interrupted`, ended at their
   * last write. Returns how many changed.
   */
  interruptAbandoned(liveOwners: readonly string[]): Promise<number>;
}

function select(db: SoftphoneDatabase, query: HistoryQuery): Collection<HistoryRow, string> {
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  const { index, prefix } = queryPrefix(query.filter);
  const where = db.history.where(index);
  return prefix === null
    ? where.between(from, to, true, false)
    : where.between([prefix, from], [prefix, to], true, false);
}

export function createHistoryRepository(db: SoftphoneDatabase): HistoryRepository {
  return {
    async put(row) {
      await db.history.put(row);
    },
    get: (id) => db.history.get(id),
    positions: (query) => openPositions(db, query),
    count: (query) => select(db, query).count(),
    remove: (id) => db.history.delete(id),
    clear: () => db.history.clear(),
    countMissedSince: (since) => select(db, { filter: 'missed', from: since }).count(),
    recent: (limit) => db.history.orderBy('startedAt').reverse().limit(limit).toArray(),
    interruptAbandoned(liveOwners) {
      const live = new Set(liveOwners);
      return db.transaction('rw', db.history, async () => {
        const running = await db.history
          .where('[result+startedAt]')
          .between(['in_progress', Dexie.minKey], ['in_progress', Dexie.maxKey])
          .toArray();
        const abandoned = running.filter((row) => !live.has(row.owner));
        await db.history.bulkPut(
          abandoned.map((row) => ({ ...row, result: 'interrupted' as const, endedAt: row.updatedAt })),
        );
        return abandoned.length;
      });
    },
  };
}
