import { createLogger } from '@/lib/logger';
import { ref, shallowRef } from 'vue';
import type { HistoryRow } from '@/db';

const log = createLogger('history');

/**
 * Where the cache reads: a snapshot of the current query's rows, newest first. The cache takes a
 * new one at each refresh and closes the one it replaces.
 */
export interface PageSource {
  page(offset: number, limit: number): Promise<HistoryRow[]>;
  count(): Promise<number>;
  close(): void;
}

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * The rows a virtual list shows, fetched a page at a time around what is visible, so 100,000
 * calls never sit in memory. `refresh()` recounts and reloads the visible pages in one swap; a
 * result that arrives after a newer refresh is dropped.
 */
export function createPageCache(source: () => PageSource, size = 50) {
  const total = ref(0);
  const pages = shallowRef(new Map<number, readonly HistoryRow[]>());
  const inFlight = new Set<number>();
  let generation = 0;
  let wanted = { first: 0, last: 0 };
  let current: PageSource | null = null;
  /** the snapshot pages are read from until the next refresh */
  const reader = () => (current ??= source());

  function rowAt(index: number): HistoryRow | undefined {
    return pages.value.get(Math.floor(index / size))?.[index % size];
  }

  /** loads the pages holding rows `first..last` (the virtual list's window) that are missing */
  async function ensure(first: number, last: number): Promise<void> {
    wanted = { first: Math.floor(first / size), last: Math.floor(Math.max(first, last) / size) };
    const missing = range(wanted.first, wanted.last).filter((p) => !pages.value.has(p) && !inFlight.has(p));
    if (missing.length === 0) return;
    const gen = generation;
    missing.forEach((p) => inFlight.add(p));
    try {
      const from = reader();
      const rows = await Promise.all(missing.map((p) => from.page(p * size, size)));
      if (gen !== generation) return;
      // in one swap: the list renders (and measures its rows) once, not once per page
      const kept = [...pages.value].filter(([p]) => p >= wanted.first - 2 && p <= wanted.last + 2);
      pages.value = new Map([...kept, ...missing.map((p, i) => [p, rows[i] ?? []] as const)]);
    } catch (error) {
      log.warn('could not read call history', error);
    } finally {
      if (gen === generation) missing.forEach((p) => inFlight.delete(p));
    }
  }

  /** recounts and reloads the wanted pages; `reset` goes back to the top (new filter or range) */
  async function refresh(reset = false): Promise<void> {
    if (reset) wanted = { first: 0, last: 0 };
    const gen = ++generation;
    inFlight.clear();
    current?.close();
    current = source();
    const from = current;
    const list = range(wanted.first, wanted.last);
    try {
      const [count, rows] = await Promise.all([
        from.count(),
        Promise.all(list.map((p) => from.page(p * size, size))),
      ]);
      if (gen !== generation) return;
      total.value = count;
      pages.value = new Map(list.map((p, i) => [p, rows[i] ?? []]));
    } catch (error) {
      log.warn('could not read call history', error);
    }
  }

  return { total, rowAt, ensure, refresh };
}
