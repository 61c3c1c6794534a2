import { DEFAULT_LOG_LIMITS, type LogLimits, type LogRepository, type LogRow } from '@/db';

/** What a memory log keeps; tests may read `rows` (oldest first) or count `appends` (one per batch). */
export type MemoryLogs = LogRepository & { rows: LogRow[]; appends: number };

/** The support log in memory, with the Dexie repository's ring-buffer bounds. */
export function createMemoryLogs(limits: LogLimits = DEFAULT_LOG_LIMITS): MemoryLogs {
  let nextId = 1;
  const logs: MemoryLogs = {
    rows: [],
    appends: 0,
    append(entries) {
      logs.appends += 1;
      logs.rows.push(...entries.map((e) => ({ ...e, id: nextId++ })));
      let chars = logs.rows.reduce((n, r) => n + r.text.length, 0);
      while (logs.rows.length > limits.maxEntries || chars > limits.maxChars)
        chars -= logs.rows.shift()!.text.length;
      return Promise.resolve(logs.rows.length);
    },
    all: () => Promise.resolve(logs.rows.map((r) => ({ ...r }))),
    count: () => Promise.resolve(logs.rows.length),
    clear: () => Promise.resolve(void logs.rows.splice(0)),
  };
  return logs;
}
