import { createAccountRepository, type AccountRepository } from './account-repository';
import { createContactsRepository, type ContactsRepository } from './contacts-repository';
import { SoftphoneDatabase } from './database';
import { createHistoryRepository, type HistoryRepository } from './history-repository';
import { dexieKeyStore } from './key-store';
import { createSecretBox, type KeyStore } from './secret-box';
import { createSettingsRepository, type SettingsRepository } from './settings-repository';

export type { AccountProfile, AccountRepository, SavedAccount } from './account-repository';
export type { SettingsRepository } from './settings-repository';
export type { CompanySyncMeta, ContactsRepository } from './contacts-repository';
export type {
  HistoryFilter,
  HistoryQuery,
  HistoryRepository,
  HistoryResult,
  HistoryRow,
} from './history-repository';
export { SoftphoneDatabase } from './database';
export {
  createBlfRepository,
  sanitizeBlfList,
  type BlfColleague,
  type BlfList,
  type BlfRepository,
  type BlfSpeedDial,
} from './blf-repository';

export interface Repositories {
  accounts: AccountRepository;
  settings: SettingsRepository;
  history: HistoryRepository;
  contacts: ContactsRepository;
}

export interface RepositoryOptions {
  db?: SoftphoneDatabase;
  /** defaults to the database's `keys` table */
  keyStore?: KeyStore;
}

export function createRepositories(options: RepositoryOptions = {}): Repositories {
  const db = options.db ?? new SoftphoneDatabase();
  const settings = createSettingsRepository(db);
  const box = createSecretBox(options.keyStore ?? dexieKeyStore(db));
  return {
    accounts: createAccountRepository(settings, box),
    settings,
    history: createHistoryRepository(db),
    contacts: createContactsRepository(db),
  };
}
