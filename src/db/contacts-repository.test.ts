import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Contact } from '@/directory/types';
import { createContactsRepository, ROWS_PER_ADD, type ContactsRepository } from './contacts-repository';
import { SoftphoneDatabase } from './database';

let db: SoftphoneDatabase;
let repo: ContactsRepository;

const contact = (id: string, source: Contact['source'] = 'personal'): Contact => ({
  id,
  source,
  title: '',
  firstName: 'Zoé',
  lastName: `Dubois ${id}`,
  company: '',
  jobTitle: '',
  email: '',
  numbers: [{ kind: 'phone', value: '1003' }],
});
const meta = { url: 'https://pbx.test/d.vcf', syncedAt: 1, attemptedAt: 1, error: null };

beforeEach(() => {
  db = new SoftphoneDatabase(`contacts-test-${crypto.randomUUID()}`);
  repo = createContactsRepository(db);
});
afterEach(async () => db.delete());

describe('contacts repository', () => {
  it('saves, lists and removes personal contacts', async () => {
    await repo.savePersonal(contact('personal:1'));
    await repo.savePersonal({ ...contact('personal:1'), firstName: 'Zoe' });
    expect((await repo.all()).map((c) => c.firstName)).toEqual(['Zoe']);
    await repo.removePersonal('personal:1');
    expect(await repo.all()).toEqual([]);
  });

  it('an import with one bad row writes nothing', async () => {
    await repo.savePersonal(contact('personal:1'));
    const batch = [contact('personal:2'), contact('personal:1')]; // duplicate id aborts the transaction
    await expect(repo.importPersonal(batch)).rejects.toThrow();
    expect((await repo.all()).map((c) => c.id)).toEqual(['personal:1']);
  });

  it('a big import goes in batches, and a bad row in the last batch still writes nothing', async () => {
    const spy = vi.spyOn(db.contacts, 'bulkAdd');
    const many = Array.from({ length: ROWS_PER_ADD * 2 + 1 }, (_, i) => contact(`personal:${i}`));
    await expect(repo.importPersonal([...many, contact('personal:0')])).rejects.toThrow();
    expect(spy).toHaveBeenCalledTimes(3);
    expect(await repo.all()).toEqual([]);
    await repo.importPersonal(many);
    expect(await db.contacts.count()).toBe(many.length);
  });

  it('replaces the company copy whole, keeps personal contacts, and never deletes company rows one by one', async () => {
    await repo.savePersonal(contact('personal:1'));
    await repo.replaceCompany([contact('company:0', 'company'), contact('company:1', 'company')], meta);
    await repo.replaceCompany([contact('company:0', 'company')], { ...meta, syncedAt: 2 });
    await repo.removePersonal('company:0');
    await expect(repo.savePersonal(contact('company:9', 'company'))).rejects.toThrow();
    expect((await repo.all()).map((c) => c.id).sort()).toEqual(['company:0', 'personal:1']);
    expect(await repo.companyMeta()).toEqual({ ...meta, syncedAt: 2 });
  });

  it('keeps the old company copy when the swap fails', async () => {
    await repo.replaceCompany([contact('company:0', 'company')], meta);
    const broken = [contact('company:1', 'company'), contact('company:1', 'company')];
    await expect(repo.replaceCompany(broken, { ...meta, syncedAt: 5 })).rejects.toThrow();
    expect((await repo.all()).map((c) => c.id)).toEqual(['company:0']);
    expect((await repo.companyMeta())?.syncedAt).toBe(1);
  });
});
