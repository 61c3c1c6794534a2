import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLogSink, createLogger, type LogRecord, type LogSink } from './logger';
import { createConsoleSink, type ConsoleLike } from './console-sink';

const stops: (() => void)[] = [];
function collect(minLevel?: LogSink['minLevel']): LogRecord[] {
  const records: LogRecord[] = [];
  stops.push(addLogSink({ minLevel, write: (r) => void records.push(r) }));
  return records;
}
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('logger', () => {
  it('hands each line to the sinks with its level, category, message and details', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const records = collect();
    const error = new Error('boom');
    createLogger('headset').warn('device lost', error, { id: 3 });
    expect(records).toEqual([
      {
        at: expect.any(Number),
        level: 'warn',
        category: 'headset',
        message: 'device lost',
        details: [error, { id: 3 }],
      },
    ]);
  });

  it('gives a sink only the levels at or above its minimum', () => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const all = collect();
    const warnings = collect('warn');
    const log = createLogger('phone');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(all.map((r) => r.level)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(warnings.map((r) => r.message)).toEqual(['w', 'e']);
  });

  it('stops writing to a sink once it is removed', () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const records: LogRecord[] = [];
    const remove = addLogSink({ write: (r) => void records.push(r) });
    const log = createLogger('ui');
    log.info('one');
    remove();
    log.info('two');
    expect(records.map((r) => r.message)).toEqual(['one']);
  });

  it('a throwing sink breaks neither the caller nor the other sinks', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stops.push(
      addLogSink({
        write: () => {
          throw new Error('sink down');
        },
      }),
    );
    const records = collect();
    expect(() => createLogger('sw').error('failed')).not.toThrow();
    expect(records.map((r) => r.message)).toEqual(['failed']);
  });
});

describe('console sink', () => {
  const fakeConsole = (): ConsoleLike & Record<string, ReturnType<typeof vi.fn>> => ({
    debug: vi.fn(),
    info: vi.fn(),
    warn: vi.fn(),
    error: vi.fn(),
  });
  const record = (level: LogRecord['level'], details: unknown[] = []): LogRecord => ({
    at: 0,
    level,
    category: 'phone.jssip',
    message: 'REFER not sent',
    details,
  });

  it('writes `category: message` and the details with the console method of the level', () => {
    const target = fakeConsole();
    const error = new Error('x');
    createConsoleSink('debug', target).write(record('warn', [error]));
    expect(target.warn).toHaveBeenCalledWith('phone.jssip: REFER not sent', error);
  });

  it('is installed by default: a line reaches the console with no other sink', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = new Error('x');
    createLogger('blf').warn('unreadable dialog-info', error);
    expect(warn).toHaveBeenCalledWith('blf: unreadable dialog-info', error);
  });

  it('keeps lines below its minimum level (debug in production) off the console', () => {
    const target = fakeConsole();
    const remove = addLogSink(createConsoleSink('info', target));
    const log = createLogger('phone.jssip');
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    log.debug('hidden');
    log.info('shown');
    remove();
    expect(target.debug).not.toHaveBeenCalled();
    expect(target.info).toHaveBeenCalledWith('phone.jssip: shown');
  });
});
