import { createAccountRepository, type AccountRepository } from './account-repository';
import { createBlfRepository, type BlfRepository } from './blf-repository';
import { createContactsRepository, type ContactsRepository } from './contacts-repository';
import { SoftphoneDatabase } from './database';
import { createHistoryRepository, type HistoryRepository } from './history-repository';
import { dexieKeyStore } from './key-store';
import { createLogRepository, type LogLimits, type LogRepository } from './log-repository';
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
export type { HistoryPositions } from './history-paging';
export {
  DEFAULT_LOG_LIMITS,
  type LogEntry,
  type LogLimits,
  type LogRepository,
  type LogRow,
} from './log-repository';
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
  /** the BLF colleagues and speed dials, one row of the settings table */
  blf: BlfRepository;
  history: HistoryRepository;
  contacts: ContactsRepository;
  logs: LogRepository;
}

export interface RepositoryOptions {
  db?: SoftphoneDatabase;
  /** defaults to the database's `keys` table */
  keyStore?: KeyStore;
  /** bounds of the support log's ring buffer; defaults to DEFAULT_LOG_LIMITS */
  logLimits?: LogLimits;
}

export function createRepositories(options: RepositoryOptions = {}): Repositories {
  const db = options.db ?? new SoftphoneDatabase();
  const settings = createSettingsRepository(db);
  const box = createSecretBox(options.keyStore ?? dexieKeyStore(db));
  return {
    accounts: createAccountRepository(settings, box),
    settings,
    blf: createBlfRepository(settings),
    history: createHistoryRepository(db),
    contacts: createContactsRepository(db),
    logs: createLogRepository(db, options.logLimits),
  };
}
