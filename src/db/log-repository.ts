import type { SoftphoneDatabase } from './database';

/** One line of the support log: a traced SIP message, an engine event or a logger line, redacted. */
export interface LogEntry {
  /** epoch ms */
  at: number;
  source: 'sip' | 'event' | 'log';
  /**
   * `in` / `out` for SIP; the event's name for events (registrationChanged, callUpdated, ...);
   * level and category for logger lines (`warn phone.jssip`)
   */
  tag: string;
  /** the raw SIP message, the event data as JSON, or the logger's message and details */
  text: string;
}

/** A stored entry; ids grow with insertion, so they give the order. */
export interface LogRow extends LogEntry {
  id: number;
}

/** The ring buffer's bounds: the oldest entries go when either is exceeded. */
export interface LogLimits {
  maxEntries: number;
  /** total characters of `text` over all entries */
  maxChars: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxEntries: 5_000, maxChars: 2_000_000 };

/** settings key of the running total of stored characters, kept in the same transaction as rows */
export const LOG_CHARS_KEY = 'logsChars';

/** The support log, a bounded ring buffer; every write is one transaction. */
export interface LogRepository {
  /** adds the entries, then drops the oldest beyond the limits; returns how many entries remain */
  append(entries: readonly LogEntry[]): Promise<number>;
  /** every stored entry, oldest first */
  all(): Promise<LogRow[]>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

export function createLogRepository(
  db: SoftphoneDatabase,
  limits: LogLimits = DEFAULT_LOG_LIMITS,
): LogRepository {
  /** the stored total, or a full recount when it is missing (first use) or not a number */
  async function storedChars(): Promise<number> {
    const row = await db.settings.get(LOG_CHARS_KEY);
    if (typeof row?.value === 'number' && Number.isFinite(row.value)) return row.value;
    let total = 0;
    await db.logs.each((entry) => void (total += entry.text.length));
    return total;
  }

  /** walks from the oldest row while a bound is exceeded, then deletes that key range at once */
  async function trim(count: number, chars: number): Promise<{ count: number; chars: number }> {
    let last: number | null = null;
    await db.logs
      .toCollection()
      .until(() => count <= limits.maxEntries && chars <= limits.maxChars)
      .each((row) => {
        last = row.id;
        count -= 1;
        chars -= row.text.length;
      });
    if (last !== null) await db.logs.where(':id').belowOrEqual(last).delete();
    return { count, chars };
  }

  return {
    append(entries) {
      return db.transaction('rw', db.logs, db.settings, async () => {
        const before = await storedChars();
        if (entries.length) await db.logs.bulkAdd(entries.map((e) => ({ ...e })));
        const added = entries.reduce((n, e) => n + e.text.length, 0);
        const kept = await trim(await db.logs.count(), before + added);
        await db.settings.put({ key: LOG_CHARS_KEY, value: kept.chars });
        return kept.count;
      });
    },
    all: () => db.logs.toArray(),
    count: () => db.logs.count(),
    clear() {
      return db.transaction('rw', db.logs, db.settings, async () => {
        await db.logs.clear();
        await db.settings.delete(LOG_CHARS_KEY);
      });
    },
  };
}
