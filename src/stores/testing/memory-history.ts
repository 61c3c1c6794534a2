import type { HistoryRepository } from '@/db';

/** In-memory call history for store and component tests. Placeholder for the history work. */
export function createMemoryHistory(): HistoryRepository {
  return {};
}
