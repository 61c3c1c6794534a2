import type { SoftphoneDatabase } from './database';

/** Call history rows (issue 4). Placeholder: the history work fills this in. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HistoryRepository {}

export function createHistoryRepository(db: SoftphoneDatabase): HistoryRepository {
  void db;
  return {};
}
