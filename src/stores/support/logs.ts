import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LogEntry } from '@/db';
import type { LogRecord } from '@/lib/logger';
import { eventText, logLineText, MIN_SECRET_LENGTH, redactSip, redactText } from './log-redaction';
import { useRepositories, useStoredSettings } from '../app/persistence';

const log = createLogger('support');

/** buffered entries are written at most this long after the first one arrives... */
export const LOG_FLUSH_MS = 500;
/** ...or as soon as this many are waiting, in one transaction */
export const LOG_BATCH_SIZE = 50;
/** one entry's text is cut beyond this many characters (a runaway body or event) */
export const MAX_ENTRY_CHARS = 64_000;

/** a traced SIP message, as the engine's `sipTraced` event carries it */
export interface SipTrace {
  /** epoch ms */
  at: number;
  direction: 'in' | 'out';
  /** the raw message */
  text: string;
}

/** what the file's header says about where it comes from */
export interface LogFileInfo {
  version: string;
  userAgent: string;
  /** epoch ms of the download */
  now: number;
}

const SOURCE_LABELS: Record<LogEntry['source'], string> = { sip: 'SIP', event: 'event', log: 'log' };

const isoTime = (at: number) => (Number.isFinite(at) ? new Date(at).toISOString() : String(at));

/** `softphone-log-2026-11-22T07-05-00.txt` (UTC, no colons: safe on every file system) */
export function logFileName(now: number): string {
  return `softphone-log-${isoTime(now).slice(0, 19).replace(/:/g, '-')}.txt`;
}

/** the support file: a header, then one block per entry, oldest first, with LF line ends */
export function formatLogFile(entries: readonly LogEntry[], info: LogFileInfo): string {
  const header = [
    'Softphone support log',
    `App version: ${info.version}`,
    `User agent: ${info.userAgent}`,
    `Created: ${isoTime(info.now)}`,
    `Entries: ${entries.length}`,
    'Passwords, TURN credentials and Authorization/Proxy-Authorization header values are redacted.',
  ].join('\n');
  const blocks = entries.map((e) => {
    const label = `${SOURCE_LABELS[e.source]} ${e.tag}`;
    return `--- ${isoTime(e.at)} ${label}\n${e.text.replace(/\r\n?/g, '\n').trimEnd()}\n`;
  });
  return [header, ...blocks].join('\n\n').concat('\n');
}

function appVersion(): string {
  const env = import.meta.env as Record<string, unknown>;
  const version = env.VITE_APP_VERSION;
  return typeof version === 'string' && version ? version : `unknown (${String(env.MODE)})`;
}
const userAgent = () => (typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent);

const warn = (what: string) => (error: unknown) => log.warn(`could not ${what}`, error);

/**
 * Support log: while enabled, traced SIP messages and engine events are redacted, buffered and
 * written in batches to a bounded ring buffer in IndexedDB; `download()` returns it as a text file.
 * The phone bridge feeds it (`appendSip`, `appendEvent`) and turns the engine's SIP trace on and
 * off with `enabled`; the log bridge adds the logger's lines (`appendLog`).
 */
export const useLogsStore = defineStore('logs', () => {
  const repo = () => useRepositories().logs;
  const enabled = ref(false);
  /** entries stored (not counting the few still buffered) */
  const count = ref(0);
  let secrets: string[] = [];
  let pending: LogEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writes: Promise<void> = Promise.resolve();

  function stopTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  /** writes what is buffered (one transaction); resolves when every earlier write has settled */
  function flush(): Promise<void> {
    stopTimer();
    if (pending.length) {
      const batch = pending;
      pending = [];
      writes = writes
        .then(() => repo().append(batch))
        .then((n) => void (count.value = n), warn('write the support log'));
    }
    return writes;
  }

  function push(entry: LogEntry): void {
    const text =
      entry.text.length > MAX_ENTRY_CHARS ? `${entry.text.slice(0, MAX_ENTRY_CHARS)}\n[cut]` : entry.text;
    pending.push({ ...entry, at: Number.isFinite(entry.at) ? entry.at : Date.now(), text });
    if (pending.length >= LOG_BATCH_SIZE) void flush();
    else timer ??= setTimeout(() => void flush(), LOG_FLUSH_MS);
  }

  /** a traced SIP message (phone bridge); ignored while disabled */
  function appendSip(entry: SipTrace): void {
    if (!enabled.value) return;
    push({ at: entry.at, source: 'sip', tag: entry.direction, text: redactSip(entry.text, secrets) });
  }

  /** an engine event with its data as JSON (phone bridge); ignored while disabled */
  function appendEvent(kind: string, data: unknown): void {
    if (!enabled.value) return;
    const tag = kind.replace(/\s+/g, '_').slice(0, 64);
    push({ at: Date.now(), source: 'event', tag, text: eventText(data, secrets) });
  }

  /** a logger line (stores/bridges/log-bridge.ts); ignored while disabled */
  function appendLog(record: LogRecord): void {
    if (!enabled.value) return;
    const tag = `${record.level} ${record.category}`;
    push({ at: record.at, source: 'log', tag, text: logLineText(record.message, record.details, secrets) });
  }

  /** strings replaced by `[redacted]` wherever they appear (the account password); ≥ 4 characters */
  function setSecrets(values: readonly string[]): void {
    secrets = values.filter((s) => s.length >= MIN_SECRET_LENGTH);
  }

  async function load(): Promise<void> {
    const [on, stored] = await Promise.all([
      useStoredSettings().read('logsEnabled').catch(warn('read logsEnabled')),
      repo().count().catch(warn('count the support log')),
    ]);
    enabled.value = on === true;
    if (typeof stored === 'number') count.value = stored;
  }

  /** turns recording on or off (the log already stored stays until `clear`) */
  async function setEnabled(on: boolean): Promise<void> {
    if (!on) appendEvent('loggingStopped', {});
    enabled.value = on;
    if (on) appendEvent('loggingStarted', {});
    await flush();
    await useStoredSettings().write('logsEnabled', on).catch(warn('save logsEnabled'));
  }

  /** the whole log as a text file, oldest entry first, redacted once more with the current secrets */
  async function download(): Promise<{ filename: string; text: string }> {
    await flush();
    const rows = await repo().all();
    count.value = rows.length;
    const now = Date.now();
    const text = formatLogFile(rows, { version: appVersion(), userAgent: userAgent(), now });
    return { filename: logFileName(now), text: redactText(text, secrets) };
  }

  async function clear(): Promise<void> {
    stopTimer();
    pending = [];
    await writes;
    await repo().clear();
    count.value = 0;
  }

  return {
    enabled,
    count,
    load,
    setEnabled,
    setSecrets,
    appendSip,
    appendEvent,
    appendLog,
    flush,
    download,
    clear,
  };
});
