import type { LogLevel, LogRecord, LogSink } from './logger';

/** what the sink writes to: the browser's (or worker's) console, or a test's stand-in */
export type ConsoleLike = Pick<Console, LogLevel>;

/** writes records at `minLevel` and above to the console as `category: message`, details after */
export function createConsoleSink(minLevel: LogLevel, target: ConsoleLike = console): LogSink {
  return {
    minLevel,
    write(record: LogRecord) {
      target[record.level](`${record.category}: ${record.message}`, ...record.details);
    },
  };
}
