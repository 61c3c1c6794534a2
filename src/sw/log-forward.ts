/// <reference lib="webworker" />
/**
 * The worker has no support log of its own: its warnings and errors go to every open window,
 * whose logger takes them as category `sw` (stores/bridges/sw-log-bridge.ts) and so into the
 * support log while it records. With no window open they reach the worker's console only.
 */
import { addLogSink, errorSummary, type LogLevel, type LogRecord } from '../lib/logger';
import { SW_LOG, type SwLogMessage } from '../lib/sw-log-contract';

/** the lowest level forwarded: the pages' support log keeps warnings, not the worker's chatter */
export const FORWARDED_LEVEL: LogLevel = 'warn';

export type LogForwardScope = Pick<ServiceWorkerGlobalScope, 'clients'>;

function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail instanceof Error) return errorSummary(detail);
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}

/** a record as a message `postMessage` can carry */
export function swLogMessage(record: LogRecord): SwLogMessage {
  const { level, message, details } = record;
  return { type: SW_LOG, level, message, details: details.map(detailText) };
}

async function post(scope: LogForwardScope, message: SwLogMessage): Promise<void> {
  try {
    const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) client.postMessage(message);
  } catch {
    // nobody to tell; the worker's console has the line already
  }
}

/** plugs the forwarding sink into the worker's logger; returns what unplugs it */
export function installLogForwarding(scope: LogForwardScope): () => void {
  return addLogSink({
    minLevel: FORWARDED_LEVEL,
    write: (record) => void post(scope, swLogMessage(record)),
  });
}
