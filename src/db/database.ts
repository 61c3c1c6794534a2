import { Dexie, type Table } from 'dexie';
import type { Contact } from '@/directory/types';
import type { HistoryRow } from './history-repository';
import { upgradeHistoryRow } from './legacy-end-causes';
import type { LogEntry, LogRow } from './log-repository';

/** One row of the key/value `settings` table. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A non-extractable WebCrypto key; IndexedDB stores CryptoKey by structured clone. */
export interface KeyRow {
  id: string;
  key: CryptoKey;
}

export const DATABASE_NAME = 'softphone';

/**
 * The app's IndexedDB database. Every schema change adds a `version(n)` with an upgrade
 * function when existing rows must change; never edit an earlier version. Each new version gets a
 * case in schema-upgrades.test.ts.
 */
export class SoftphoneDatabase extends Dexie {
  declare settings: Table<SettingRow, string>;
  declare keys: Table<KeyRow, string>;
  declare history: Table<HistoryRow, string>;
  declare contacts: Table<Contact, string>;
  declare logs: Table<LogRow, number, LogEntry>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({ settings: 'key', keys: 'id' });
    // v2 (issue 4): call history, paged newest first per filter; personal + company contacts.
    // Only new tables: no existing row changes, so no upgrade function.
    this.version(2).stores({
      history: 'id, startedAt, [direction+startedAt], [result+startedAt]',
      contacts: 'id, source',
    });
    // v3 (issue 5): the support log, a ring buffer of SIP messages and engine events in insertion
    // order. Only a new table, no upgrade function.
    this.version(3).stores({ logs: '++id, at' });
    // v4: end causes say what really failed; rows stored with the old 'media' and
    // 'network' get the new codes (legacy-end-causes.ts). No index changes.
    this.version(4)
      .stores({})
      .upgrade((tx) => tx.table('history').toCollection().modify(upgradeHistoryRow));
  }
}
