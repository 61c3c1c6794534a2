import { addLogSink, type LogLevel, type LogRecord } from '../logger';

/** Every log line from now until `stop()`, for tests that check what was logged. */
export function captureLogs(): {
  records: LogRecord[];
  /** `category: message` of the lines at `level` (all levels when omitted) */
  lines(level?: LogLevel): string[];
  stop(): void;
} {
  const records: LogRecord[] = [];
  const stop = addLogSink({ write: (record) => void records.push(record) });
  const lines = (level?: LogLevel) =>
    records.filter((r) => !level || r.level === level).map((r) => `${r.category}: ${r.message}`);
  return { records, lines, stop };
}
