import type { ContactsRepository } from '@/db';

/** In-memory contacts for store and component tests. Placeholder for the directory work. */
export function createMemoryContacts(): ContactsRepository {
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
