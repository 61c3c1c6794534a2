import type { Contact } from '@/directory/types';
import type { SoftphoneDatabase } from './database';

/** When the company directory was last fetched, and how the last attempt went. */
export interface CompanySyncMeta {
  url: string;
  /** epoch ms of the last successful fetch (the copy in the table); null when never */
  syncedAt: number | null;
  /** epoch ms of the last attempt, good or bad */
  attemptedAt: number | null;
  /** code of the last failure, null when the last attempt succeeded */
  error: string | null;
}

/** Personal contacts (read-write) and the cached company directory (replaced whole on sync). */
export interface ContactsRepository {
  all(): Promise<Contact[]>;
  savePersonal(contact: Contact): Promise<void>;
  removePersonal(id: string): Promise<void>;
  /** adds every contact or none (one transaction) */
  importPersonal(contacts: Contact[]): Promise<void>;
  /** swaps the whole company copy and its meta in one transaction; the old copy stays on failure */
  replaceCompany(contacts: Contact[], meta: CompanySyncMeta): Promise<void>;
  companyMeta(): Promise<CompanySyncMeta | null>;
  saveCompanyMeta(meta: CompanySyncMeta): Promise<void>;
}

export function createContactsRepository(db: SoftphoneDatabase): ContactsRepository {
  void db;
  const fail = () => Promise.reject(new Error('not implemented yet'));
  return {
    all: () => Promise.resolve([]),
    savePersonal: fail,
    removePersonal: fail,
    importPersonal: fail,
    replaceCompany: fail,
    companyMeta: () => Promise.resolve(null),
    saveCompanyMeta: fail,
  };
}
