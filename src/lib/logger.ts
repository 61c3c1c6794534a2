/**
 * One logger for every layer (docs/architecture.md, "Logging"). Code logs through
 * `createLogger(category)`; sinks decide where a record goes: the console sink (installed here,
 * the only code that calls `console.*`), the support log (stores/bridges/log-bridge.ts), the
 * service worker's forwarding to open pages (sw/log-forward.ts).
 */
import { createConsoleSink } from './console-sink';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** lowest first: a sink with `minLevel: 'warn'` takes warn and error */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Where a line comes from: the layer or feature area, a dot and a part where one area is too
 * coarse. Engine: `phone`, `phone.jssip`, `blf`, `headset`; stores: `app`, `account`, `call`,
 * `devices`, `history`, `directory`, `push`, `support`; `ui`; `sw` (the service worker).
 */
export type LogCategory =
  | 'app'
  | 'account'
  | 'blf'
  | 'call'
  | 'devices'
  | 'directory'
  | 'headset'
  | 'history'
  | 'phone'
  | 'phone.jssip'
  | 'push'
  | 'support'
  | 'sw'
  | 'ui';

export interface LogRecord {
  /** epoch ms */
  at: number;
  level: LogLevel;
  category: LogCategory;
  message: string;
  /** what the caller passed after the message: errors, objects, values */
  details: readonly unknown[];
}

export interface LogSink {
  /** records below this level never reach `write`; default `debug` */
  readonly minLevel?: LogLevel;
  write(record: LogRecord): void;
}

export type LogMethod = (message: string, ...details: unknown[]) => void;
export type Logger = Record<LogLevel, LogMethod> & { readonly category: LogCategory };

export const levelRank = (level: LogLevel): number => LOG_LEVELS.indexOf(level);

const sinks = new Set<LogSink>();
/** the lowest level any sink takes: a record below it is dropped before it is even built */
let threshold = Infinity;

function updateThreshold(): void {
  threshold = Math.min(Infinity, ...[...sinks].map((s) => levelRank(s.minLevel ?? 'debug')));
}

/** adds a sink; returns what removes it */
export function addLogSink(sink: LogSink): () => void {
  sinks.add(sink);
  updateThreshold();
  return () => {
    sinks.delete(sink);
    updateThreshold();
  };
}

function dispatch(record: LogRecord, rank: number): void {
  for (const sink of [...sinks]) {
    if (rank < levelRank(sink.minLevel ?? 'debug')) continue;
    try {
      sink.write(record);
    } catch {
      // a broken sink must not break the caller or the other sinks, and logging it could loop
    }
  }
}

/** a logger whose lines carry `category` */
export function createLogger(category: LogCategory): Logger {
  const method =
    (level: LogLevel): LogMethod =>
    (message, ...details) => {
      const rank = levelRank(level);
      if (rank < threshold) return;
      dispatch({ at: Date.now(), level, category, message, details }, rank);
    };
  return {
    category,
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
  };
}

/** an error as `Name: message`, with its string `code` (PhoneError's) unless the message starts with it */
export function errorSummary(error: Error): string {
  const code = (error as { code?: unknown }).code;
  // a DOMException's legacy numeric code says nothing: only string codes are kept
  const withCode = typeof code === 'string' && code !== '' && !error.message.startsWith(code);
  return `${error.name}: ${error.message}${withCode ? ` (code ${code})` : ''}`;
}

/** true in a development build (and in tests): debug lines reach the console there */
function isDev(): boolean {
  const env = (import.meta as { env?: { DEV?: unknown } }).env;
  return env?.DEV === true;
}

// installed by default so nothing is lost before (or without) any other sink
addLogSink(createConsoleSink(isDev() ? 'debug' : 'info'));
