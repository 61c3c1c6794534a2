import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContactIndex } from '@/directory';
import { generatedContacts } from '@/directory/testing/generated-contacts';
import { addLogSink, type LogRecord } from '@/lib/logger';
import { createIndexBuilder, WORKER_ANSWER_MS, type IndexWorkerPort } from './index-builder';
import { inThreadWorker } from './index-worker-testing';

const OPTIONS = { country: 'CH', sortBy: 'last' } as const;
const BATCH = 200;
const contacts = generatedContacts(BATCH + 100);

const warnings: LogRecord[] = [];
let stopLog = () => {};
beforeEach(() => {
  stopLog = addLogSink({ minLevel: 'warn', write: (r) => void warnings.push(r) });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  stopLog();
  warnings.splice(0);
});

const names = (index: { search(q: string, l: number): { contact: { id: string } }[] } | null, q: string) =>
  index?.search(q, 20).map((m) => m.contact.id);

describe('contact index builder', () => {
  it('builds in the worker, the contacts sent in batches, the index as the in-thread one', async () => {
    const worker = inThreadWorker();
    const index = await createIndexBuilder(worker.start, BATCH).build(contacts, OPTIONS);
    expect(worker.requests.map((r) => r.type)).toEqual(['contacts', 'contacts', 'build']);
    const expected = createContactIndex(contacts, OPTIONS);
    for (const query of ['mar', 'lefe', '044 1', '+41 79'])
      expect(names(index, query)).toEqual(names(expected, query));
    expect(index?.sorted()).toEqual(expected.sorted());
    expect(warnings).toEqual([]);
  });

  it('drops a build once a newer one started', async () => {
    const worker = inThreadWorker();
    const builder = createIndexBuilder(worker.start, BATCH);
    const first = builder.build(contacts, OPTIONS);
    const second = builder.build(contacts.slice(0, 10), OPTIONS);
    expect(await first).toBeNull();
    expect((await second)?.size).toBe(10);
    expect(worker.start).toHaveBeenCalledTimes(1);
  });

  it('drops the answer to an older build that arrives after a newer build started', async () => {
    const worker = inThreadWorker({ manual: true });
    const builder = createIndexBuilder(worker.start, BATCH);
    const first = builder.build(contacts.slice(0, 5), OPTIONS);
    await vi.waitFor(() => expect(worker.held).toHaveLength(6));
    const second = builder.build(contacts.slice(0, 7), OPTIONS);
    expect(await first).toBeNull();
    worker.deliver(); // the answer to the first build: ignored
    await vi.waitFor(() => expect(worker.held).toHaveLength(6));
    worker.deliver();
    expect((await second)?.size).toBe(7);
  });

  it('builds in the page, with a warning, when the worker cannot start, and does not retry it', async () => {
    const start = vi.fn((): IndexWorkerPort => {
      throw new Error('SecurityError');
    });
    const builder = createIndexBuilder(start, BATCH);
    expect((await builder.build(contacts, OPTIONS))?.size).toBe(contacts.length);
    expect((await builder.build(contacts.slice(1), OPTIONS))?.size).toBe(contacts.length - 1);
    expect(start).toHaveBeenCalledTimes(1);
    expect(warnings.map((w) => w.category)).toEqual(['directory']);
  });

  it('falls back to the page when the worker errors or answers with an error', async () => {
    const crashing = inThreadWorker({ replyWith: () => [] });
    const builder = createIndexBuilder(crashing.start, BATCH);
    const built = builder.build(contacts, OPTIONS);
    await vi.waitFor(() => expect(crashing.requests.length).toBeGreaterThan(0));
    crashing.port.onerror?.(new Event('error'));
    expect((await built)?.size).toBe(contacts.length);
    expect(crashing.port.terminate).toHaveBeenCalled();

    const failing = inThreadWorker({
      replyWith: (request) => (request.type === 'build' ? [{ build: request.build, error: 'boom' }] : []),
    });
    const index = await createIndexBuilder(failing.start, BATCH).build(contacts, OPTIONS);
    expect(names(index, 'lefe')).toEqual(names(createContactIndex(contacts, OPTIONS), 'lefe'));
    expect(warnings).toHaveLength(2);
  });

  it('gives up on a worker that never answers and builds in the page', async () => {
    vi.useFakeTimers();
    try {
      const silent = inThreadWorker({ replyWith: () => [] });
      const builder = createIndexBuilder(silent.start, BATCH);
      const built = builder.build(contacts, OPTIONS);
      // the contacts go in batches, a task each; the clock starts with the build request
      for (let ms = 0; ms < 100 && silent.requests.at(-1)?.type !== 'build'; ms++)
        await vi.advanceTimersByTimeAsync(1);
      expect(silent.requests.at(-1)?.type).toBe('build');
      await vi.advanceTimersByTimeAsync(WORKER_ANSWER_MS - 1);
      expect(silent.port.terminate).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(silent.port.terminate).toHaveBeenCalled();
      await vi.runAllTimersAsync();
      expect((await built)?.size).toBe(contacts.length);
      expect(warnings.map((w) => w.message)).toEqual(['contact index worker failed, building in the page']);
    } finally {
      vi.useRealTimers();
    }
  });
});
