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

const COMPANY_META = 'companyDirectory';

/**
 * Rows per bulkAdd. IndexedDB copies every row on the page's thread as it is added: 20,000 in one
 * call is a task of about a second, 500 at a time leaves the page free to handle input in between
 * (the transaction stays open while its requests run).
 */
export const ROWS_PER_ADD = 500;

async function addInBatches(db: SoftphoneDatabase, contacts: readonly Contact[]): Promise<void> {
  for (let i = 0; i < contacts.length; i += ROWS_PER_ADD)
    await db.contacts.bulkAdd(contacts.slice(i, i + ROWS_PER_ADD));
}

export function createContactsRepository(db: SoftphoneDatabase): ContactsRepository {
  const company = () => db.contacts.where('source').equals('company');
  return {
    all: () => db.contacts.toArray(),
    async savePersonal(contact) {
      if (contact.source !== 'personal') throw new Error('company contacts are read-only');
      await db.contacts.put(contact);
    },
    async removePersonal(id) {
      await db.transaction('rw', db.contacts, async () => {
        const row = await db.contacts.get(id);
        if (row?.source === 'personal') await db.contacts.delete(id);
      });
    },
    async importPersonal(contacts) {
      if (contacts.some((c) => c.source !== 'personal'))
        throw new Error('import adds personal contacts only');
      // one transaction: a duplicate id or quota error aborts every row
      await db.transaction('rw', db.contacts, () => addInBatches(db, contacts));
    },
    async replaceCompany(contacts, meta) {
      await db.transaction('rw', db.contacts, db.settings, async () => {
        await company().delete();
        await addInBatches(
          db,
          contacts.map((c) => ({ ...c, source: 'company' as const })),
        );
        await db.settings.put({ key: COMPANY_META, value: meta });
      });
    },
    async companyMeta() {
      const row = await db.settings.get(COMPANY_META);
      return (row?.value as CompanySyncMeta | undefined) ?? null;
    },
    async saveCompanyMeta(meta) {
      await db.settings.put({ key: COMPANY_META, value: meta });
    },
  };
}
