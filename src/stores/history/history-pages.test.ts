import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '@/db';
import { createPageCache, type PageSource } from './history-pages';

/** a source over `ids` that records what was asked of it; `hold` keeps its page reads pending */
function snapshot(ids: string[], hold = false) {
  const asked: number[] = [];
  let closed = false;
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const source: PageSource = {
    async page(offset, limit) {
      asked.push(offset);
      if (hold) await held;
      return ids.slice(offset, offset + limit).map((id) => ({ id }) as HistoryRow);
    },
    count: () => Promise.resolve(ids.length),
    close: () => void (closed = true),
  };
  return { source, asked, release, isClosed: () => closed };
}

const ids = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('history page cache', () => {
  it('reads pages from one snapshot per refresh and closes the one it replaces', async () => {
    const first = snapshot(ids(300));
    const second = snapshot(['new', ...ids(300)]);
    const queue = [first, second];
    const cache = createPageCache(() => queue.shift()!.source, 50);
    await cache.refresh(true);
    await cache.ensure(120, 160);
    expect(first.asked).toEqual([0, 100, 150]);
    expect(cache.rowAt(130)?.id).toBe('r130');
    await cache.refresh();
    expect(first.isClosed()).toBe(true);
    expect(second.asked).toEqual([100, 150]); // the wanted pages, from the new snapshot
    expect(cache.total.value).toBe(301);
    expect(cache.rowAt(131)?.id).toBe('r130');
  });

  it('drops a page of a snapshot replaced while it was read', async () => {
    const slow = snapshot(ids(300, 'old'), true);
    const fresh = snapshot(ids(300, 'new'));
    const queue = [snapshot(ids(300, 'old')), slow, fresh];
    const cache = createPageCache(() => queue.shift()!.source, 50);
    await cache.refresh(true);
    const stale = cache.refresh();
    await cache.refresh();
    slow.release();
    await stale;
    expect(cache.rowAt(0)?.id).toBe('new0');
  });
});
