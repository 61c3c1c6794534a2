/**
 * The service worker's log lines forwarded to open pages (src/sw/log-forward.ts sends them,
 * stores/bridges/sw-log-bridge.ts feeds them to the page's logger). Details travel as text:
 * errors and objects do not survive `postMessage` as they are.
 */
import type { LogLevel } from './logger';

export const SW_LOG = 'sw-log';

export interface SwLogMessage {
  type: typeof SW_LOG;
  level: LogLevel;
  message: string;
  details: string[];
}

const LEVELS: readonly unknown[] = ['debug', 'info', 'warn', 'error'] satisfies LogLevel[];

export function isSwLogMessage(data: unknown): data is SwLogMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<Record<keyof SwLogMessage, unknown>>;
  return (
    m.type === SW_LOG &&
    LEVELS.includes(m.level) &&
    typeof m.message === 'string' &&
    Array.isArray(m.details) &&
    m.details.every((d) => typeof d === 'string')
  );
}
