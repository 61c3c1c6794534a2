import { addLogSink, type LogLevel } from '@/lib/logger';
import type { useLogsStore } from '../support/logs';

/** the lowest level written to the support log (debug lines would flood the ring buffer) */
export const SUPPORT_LOG_LEVEL: LogLevel = 'info';

/**
 * Writes the logger's lines (engine, headset, stores, the service worker's forwarded warnings) to
 * the support log; the store drops them while logging is off and redacts them like its events.
 * The store's own lines stay out: a failing write would otherwise log, write and fail again.
 * Returns what unplugs it.
 */
export function bindSupportLog(logs: Pick<ReturnType<typeof useLogsStore>, 'appendLog'>): () => void {
  return addLogSink({
    minLevel: SUPPORT_LOG_LEVEL,
    write: (record) => {
      if (record.category !== 'support') logs.appendLog(record);
    },
  });
}
