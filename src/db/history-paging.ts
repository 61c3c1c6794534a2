/**
 * Reading a history query at any position in constant time. IndexedDB has no "row N": an offset
 * walks every row before it (40 ms per 50,000 rows here). So one walk of the query's index, in big
 * `advance()` steps that never leave IndexedDB, notes the key of every ANCHOR_EVERY-th row; a page
 * then jumps to the anchor before it (`continuePrimaryKey`) and walks fewer than ANCHOR_EVERY rows.
 * Raw IndexedDB, because Dexie exposes neither `continuePrimaryKey` nor a key cursor that advances.
 */
import type { SoftphoneDatabase } from './database';
import type { HistoryFilter, HistoryQuery, HistoryRow } from './history-repository';

/** rows between two anchors: 100,000 calls make 200 anchors, and a page walks at most 500 rows */
export const ANCHOR_EVERY = 500;

/** Where the row at a multiple of ANCHOR_EVERY sits: its index key and its id. */
interface Anchor {
  key: IDBValidKey;
  id: IDBValidKey;
}

/** The rows of one query by position, newest first, as they were when it was opened. */
export interface HistoryPositions {
  /** `limit` rows from position `offset` */
  page(offset: number, limit: number): Promise<HistoryRow[]>;
  /** stops the anchor walk: a newer snapshot replaced this one */
  close(): void;
}

const INDEX = { all: 'startedAt', missed: '[result+startedAt]', direction: '[direction+startedAt]' };

/** The index prefix (if any) a filter walks; `all` walks startedAt alone. */
export function queryPrefix(filter: HistoryFilter): { index: string; prefix: string | null } {
  switch (filter) {
    case 'all':
      return { index: INDEX.all, prefix: null };
    case 'missed':
      return { index: INDEX.missed, prefix: 'missed' };
    case 'incoming':
    case 'outgoing':
      return { index: INDEX.direction, prefix: filter };
  }
}

/** the query's index and its key range `[from, to)`, in a fresh read-only transaction */
function indexOf(idb: IDBDatabase, query: HistoryQuery): { index: IDBIndex; range: IDBKeyRange } {
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  const { index, prefix } = queryPrefix(query.filter);
  const range =
    prefix === null
      ? IDBKeyRange.bound(from, to, false, true)
      : IDBKeyRange.bound([prefix, from], [prefix, to], false, true);
  return { index: idb.transaction('history', 'readonly').objectStore('history').index(index), range };
}

/** drives a cursor request: `step` moves the cursor on and returns true, or returns false to stop */
function walk<C extends IDBCursor>(
  request: IDBRequest<C | null>,
  step: (cursor: C) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || !step(cursor)) resolve();
    };
    request.onerror = () => reject(request.error ?? new Error('history cursor failed'));
  });
}

/** the anchors of a query, newest first, handed to `found` one by one: one key-only walk */
async function readAnchors(
  idb: IDBDatabase,
  query: HistoryQuery,
  stopped: () => boolean,
  found: (anchor: Anchor) => void,
): Promise<void> {
  const { index, range } = indexOf(idb, query);
  await walk(index.openKeyCursor(range, 'prev'), (cursor) => {
    if (stopped()) return false;
    found({ key: cursor.key, id: cursor.primaryKey });
    cursor.advance(ANCHOR_EVERY);
    return true;
  });
}

const same = (a: IDBValidKey, b: IDBValidKey) => indexedDB.cmp(a, b) === 0;
/** rows sharing the start row's startedAt (same ms) that `getAllRecords` may return before it */
const TIE_SLACK = 8;

/** IndexedDB 3.0 (Chromium 141+): many rows newest first in one request */
interface RecordsIndex {
  getAllRecords(options: {
    query: IDBKeyRange;
    count: number;
    direction: IDBCursorDirection;
  }): IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }[]>;
}
const hasRecords = (index: IDBIndex): index is IDBIndex & RecordsIndex =>
  typeof (index as Partial<RecordsIndex>).getAllRecords === 'function';

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('history read failed'));
  });
}

/**
 * `limit` rows from the cursor's row on, in one request. The range ends at its startedAt, so rows
 * of the same ms above it come first and are dropped; null when more of them than TIE_SLACK.
 */
function readFrom(index: IDBIndex & RecordsIndex, range: IDBKeyRange, at: IDBCursor, limit: number) {
  const upTo = IDBKeyRange.bound(range.lower, at.key, range.lowerOpen, false);
  const count = limit + TIE_SLACK;
  const { key, primaryKey } = at;
  return result(index.getAllRecords({ query: upTo, count, direction: 'prev' })).then((records) => {
    let above = 0;
    while (
      above < records.length &&
      same(records[above]!.key, key) &&
      indexedDB.cmp(records[above]!.primaryKey, primaryKey) > 0
    )
      above += 1;
    const complete = records.length < count || above + limit <= records.length;
    return complete ? records.slice(above, above + limit).map((r) => r.value as HistoryRow) : null;
  });
}

/** Which rows a page read wants: `limit` rows, `skip` rows after `anchor` (the top when null). */
interface Slice {
  query: HistoryQuery;
  anchor: Anchor | null;
  skip: number;
  limit: number;
}

/**
 * The range a page's cursor opens on: from the anchor (inclusive) down, so the cursor starts at the
 * anchor row, or just above it among rows of the same ms. Seeking there with continuePrimaryKey
 * instead costs time in proportion to the position in Chromium (a reverse cursor steps row by row:
 * ~30 ms for row 90,000), where opening a bounded range costs the same anywhere.
 */
function fromAnchor(range: IDBKeyRange, anchor: Anchor | null): IDBKeyRange {
  return anchor ? IDBKeyRange.bound(range.lower, anchor.key, range.lowerOpen, false) : range;
}

/**
 * The first steps of a page's walk, on a cursor opened `fromAnchor`: past rows of the anchor's ms
 * above it (if any), then `skip` rows. Returns true while it moved the cursor, false once the
 * cursor stands on the page's first row.
 */
function positioner(anchor: Anchor | null, skip: number): (cursor: IDBCursor) => boolean {
  let seek = anchor !== null;
  let left = skip;
  return (cursor) => {
    if (seek) {
      seek = false;
      // rows of the same ms sort by id, newest first: the ones above the anchor are skipped (a short
      // step). Else the cursor is on the anchor, or on the next row when the anchor was deleted since.
      if (same(cursor.key, anchor!.key) && indexedDB.cmp(cursor.primaryKey, anchor!.id) > 0) {
        cursor.continuePrimaryKey(anchor!.key, anchor!.id);
        return true;
      }
    }
    if (left === 0) return false;
    cursor.advance(left);
    left = 0;
    return true;
  };
}

/**
 * `limit` rows starting `skip` rows after `anchor` (or after the newest row when null): a key
 * cursor jumps to the anchor and skips, then one `getAllRecords` reads the page; without it (older
 * browsers), or after too many rows of the same ms, a cursor walks the page row by row.
 */
async function readRows(idb: IDBDatabase, slice: Slice): Promise<HistoryRow[]> {
  const { query, anchor, skip, limit } = slice;
  const { index, range } = indexOf(idb, query);
  let fast: Promise<HistoryRow[] | null> = Promise.resolve(null);
  const moved = positioner(anchor, skip);
  let found = false;
  await walk(index.openKeyCursor(fromAnchor(range, anchor), 'prev'), (cursor) => {
    if (moved(cursor)) return true;
    found = true;
    if (hasRecords(index)) fast = readFrom(index, range, cursor, limit);
    return false;
  });
  if (!found) return [];
  return (await fast) ?? walkRows(idb, slice);
}

/** the same rows, read with a cursor row by row (one round trip per row) */
async function walkRows(idb: IDBDatabase, slice: Slice): Promise<HistoryRow[]> {
  const { query, anchor, skip, limit } = slice;
  const { index, range } = indexOf(idb, query);
  const rows: HistoryRow[] = [];
  const moved = positioner(anchor, skip);
  await walk(index.openCursor(fromAnchor(range, anchor), 'prev'), (cursor) => {
    if (moved(cursor)) return true;
    rows.push(cursor.value as HistoryRow);
    if (rows.length >= limit) return false;
    cursor.continue();
    return true;
  });
  return rows;
}

/**
 * A snapshot of the query for paging. The first ANCHOR_EVERY rows are read straight from the top
 * (the first page never waits); any read starts the anchor walk alongside, once, and pages
 * further down wait for it. Changes after opening shift positions: open a new one then.
 */
export function openPositions(db: SoftphoneDatabase, query: HistoryQuery): HistoryPositions {
  let closed = false;
  const idb = async () => {
    if (!db.isOpen()) await db.open();
    return db.backendDB();
  };
  const anchors = createAnchorWalk(
    () => idb(),
    query,
    () => closed,
  );
  return {
    async page(offset, limit) {
      const block = Math.floor(offset / ANCHOR_EVERY);
      if (block === 0) {
        // the walk starts with the first page, in its own transaction: a jump made as soon as the
        // list (or a filter) opened finds the anchors ready. Its errors surface on a deeper page.
        anchors.start().catch(() => undefined);
        return readRows(await idb(), { query, anchor: null, skip: offset, limit });
      }
      const anchor = await anchors.at(block);
      const skip = offset - block * ANCHOR_EVERY;
      return anchor ? readRows(await idb(), { query, anchor, skip, limit }) : [];
    },
    close() {
      closed = true;
    },
  };
}

/**
 * The anchor walk of one snapshot, started once (again after a failure). A page waits only until
 * the walk has passed its anchor, not for the whole walk: a jump to the middle of a list that was
 * just opened waits half as long.
 */
function createAnchorWalk(idb: () => Promise<IDBDatabase>, query: HistoryQuery, stopped: () => boolean) {
  let anchors: Anchor[] = [];
  let running: Promise<void> | null = null;
  let wake: () => void = () => undefined;
  let moved = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    const woken = wake;
    moved = new Promise<void>((resolve) => (wake = resolve));
    woken();
  };
  function start(): Promise<void> {
    if (running) return running;
    const found: Anchor[] = [];
    anchors = found;
    running = idb()
      .then((handle) => readAnchors(handle, query, stopped, (anchor) => (found.push(anchor), notify())))
      .catch((error: unknown) => {
        running = null; // the next page tries again
        throw error;
      })
      .finally(notify);
    return running;
  }
  return {
    start,
    /** the anchor of `block`, once the walk passed it; undefined past the end or once stopped */
    async at(block: number): Promise<Anchor | undefined> {
      let done = false;
      const walk = start().then(() => void (done = true));
      walk.catch(() => undefined); // a failure after this page found its anchor is the next page's
      while (anchors.length <= block && !done && !stopped()) await Promise.race([walk, moved]);
      return stopped() ? undefined : anchors[block];
    },
  };
}
