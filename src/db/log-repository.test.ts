import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftphoneDatabase } from './database';
import { createLogRepository, LOG_CHARS_KEY, type LogEntry } from './log-repository';

let db: SoftphoneDatabase;
beforeEach(() => {
  db = new SoftphoneDatabase(`softphone-logs-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

/** entry i: `text` of `size` characters starting with its number, so order is readable */
function entry(i: number, size = 10): LogEntry {
  return {
    at: 1_000 + i,
    source: i % 2 ? 'sip' : 'event',
    tag: i % 2 ? 'in' : 'callUpdated',
    text: `${i}`.padEnd(size, '.'),
  };
}
const numbers = (rows: LogEntry[]) => rows.map((r) => Number.parseInt(r.text, 10));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('log repository', () => {
  it('keeps entries in insertion order across batches, with ids', async () => {
    const logs = createLogRepository(db);
    expect(await logs.append(range(0, 3).map((i) => entry(i)))).toBe(3);
    expect(await logs.append([entry(3), entry(4)])).toBe(5);
    const rows = await logs.all();
    expect(numbers(rows)).toEqual(range(0, 5));
    expect(rows[1]).toMatchObject({ at: 1_001, source: 'sip', tag: 'in' });
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(await logs.count()).toBe(5);
  });

  it('stores logger lines beside SIP messages and events (no index on source: same schema)', async () => {
    const logs = createLogRepository(db);
    const line: LogEntry = { at: 5, source: 'log', tag: 'warn phone', text: 'REFER not sent' };
    await logs.append([entry(1), line]);
    expect((await logs.all()).map((r) => r.source)).toEqual(['sip', 'log']);
  });

  it('drops the oldest entries beyond the entry bound', async () => {
    const logs = createLogRepository(db, { maxEntries: 4, maxChars: 1_000 });
    await logs.append(range(0, 3).map((i) => entry(i)));
    expect(await logs.append(range(3, 6).map((i) => entry(i)))).toBe(4);
    expect(numbers(await logs.all())).toEqual([2, 3, 4, 5]);
    // a batch larger than the bound keeps its own newest entries
    expect(await logs.append(range(6, 12).map((i) => entry(i)))).toBe(4);
    expect(numbers(await logs.all())).toEqual([8, 9, 10, 11]);
  });

  it('drops the oldest entries beyond the size bound and keeps the running total right', async () => {
    const logs = createLogRepository(db, { maxEntries: 100, maxChars: 35 });
    await logs.append([entry(0), entry(1), entry(2)]);
    expect((await db.settings.get(LOG_CHARS_KEY))?.value).toBe(30);
    expect(await logs.append([entry(3, 20)])).toBe(2);
    expect(numbers(await logs.all())).toEqual([2, 3]);
    expect((await db.settings.get(LOG_CHARS_KEY))?.value).toBe(30);
    // an entry larger than the whole bound cannot be kept
    expect(await logs.append([entry(4, 50)])).toBe(0);
    expect((await db.settings.get(LOG_CHARS_KEY))?.value).toBe(0);
  });

  it('recounts the total when it is missing, as after a crash between versions', async () => {
    await createLogRepository(db).append([entry(0), entry(1)]);
    await db.settings.delete(LOG_CHARS_KEY);
    const logs = createLogRepository(db, { maxEntries: 100, maxChars: 25 });
    expect(await logs.append([entry(2)])).toBe(2);
    expect(numbers(await logs.all())).toEqual([1, 2]);
  });

  it('writes a batch in one transaction: a failing batch adds nothing', async () => {
    const logs = createLogRepository(db);
    await logs.append([entry(0)]);
    const bad = { ...entry(1), id: 1 } as LogEntry; // duplicate primary key
    await expect(logs.append([entry(2), bad])).rejects.toThrow();
    expect(numbers(await logs.all())).toEqual([0]);
    expect((await db.settings.get(LOG_CHARS_KEY))?.value).toBe(10);
  });

  it('clears rows and the running total', async () => {
    const logs = createLogRepository(db);
    await logs.append([entry(0), entry(1)]);
    await logs.clear();
    expect(await logs.count()).toBe(0);
    expect(await db.settings.get(LOG_CHARS_KEY)).toBeUndefined();
    expect(await logs.append([])).toBe(0);
  });
});
