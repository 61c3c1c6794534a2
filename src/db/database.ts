import { Dexie, type Table } from 'dexie';

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
 * function; never edit an earlier version.
 */
export class SoftphoneDatabase extends Dexie {
  declare settings: Table<SettingRow, string>;
  declare keys: Table<KeyRow, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({ settings: 'key', keys: 'id' });
  }
}
