import type { CompanySyncMeta, ContactsRepository } from '@/db';
import type { Contact } from '@/directory/types';

/** In-memory contacts with the Dexie repository's all-or-nothing rules, for store and UI tests. */
export function createMemoryContacts(): ContactsRepository & { rows: Map<string, Contact> } {
  const rows = new Map<string, Contact>();
  let meta: CompanySyncMeta | null = null;
  const copy = (c: Contact): Contact => structuredClone(c);
  return {
    rows,
    all: () => Promise.resolve([...rows.values()].map(copy)),
    savePersonal(contact) {
      if (contact.source !== 'personal') return Promise.reject(new Error('company contacts are read-only'));
      rows.set(contact.id, copy(contact));
      return Promise.resolve();
    },
    removePersonal(id) {
      if (rows.get(id)?.source === 'personal') rows.delete(id);
      return Promise.resolve();
    },
    importPersonal(contacts) {
      if (contacts.some((c) => rows.has(c.id) || c.source !== 'personal'))
        return Promise.reject(new Error('ConstraintError'));
      contacts.forEach((c) => rows.set(c.id, copy(c)));
      return Promise.resolve();
    },
    replaceCompany(contacts, next) {
      for (const [id, c] of rows) if (c.source === 'company') rows.delete(id);
      contacts.forEach((c) => rows.set(c.id, { ...copy(c), source: 'company' }));
      meta = { ...next };
      return Promise.resolve();
    },
    companyMeta: () => Promise.resolve(meta && { ...meta }),
    saveCompanyMeta(next) {
      meta = { ...next };
      return Promise.resolve();
    },
  };
}
