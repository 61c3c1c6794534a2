import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '@/directory';
import { useDirectoryStore } from './directory';
import { useSettingsStore } from '../app/settings';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();

const draft = (over: Partial<ContactDraft> = {}): ContactDraft => ({
  title: '',
  firstName: 'Zoé',
  lastName: 'Dubois',
  company: 'Acme',
  jobTitle: '',
  email: '',
  numbers: [{ kind: 'phone', value: '+41 44 123 45 67' }],
  ...over,
});

const file = (name: string, text: string) => ({ name, size: text.length, text: () => Promise.resolve(text) });

const VCARDS = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Lefèvre;Bob;;;',
  'FN:Bob Lefèvre',
  'TEL;TYPE=work:1002',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:',
  'END:VCARD',
].join('\r\n');

describe('directory store', () => {
  it('saves a valid personal contact and finds it by name and by number in any format', async () => {
    await useSettingsStore().setDefaultCountry('CH');
    const directory = useDirectoryStore();
    expect(await directory.saveContact(draft())).toEqual([]);
    expect(h.repos.contacts.rows.size).toBe(1);
    expect(directory.search('zoe')[0]?.contact.lastName).toBe('Dubois');
    expect(directory.nameFor('0041441234567', 'Someone')).toContain('Dubois');
    expect(directory.nameFor('1099', '<b>x</b>')).toBe('<b>x</b>');
  });

  it('rejects a contact without last name and writes nothing', async () => {
    const directory = useDirectoryStore();
    const errors = await directory.saveContact(draft({ lastName: ' ' }));
    expect(errors.map((e) => e.field)).toContain('lastName');
    expect(h.repos.contacts.rows.size).toBe(0);
  });

  it('imports valid cards, reports skipped lines, and survives a reload', async () => {
    const directory = useDirectoryStore();
    const report = await directory.importContacts(file('c.vcf', VCARDS));
    expect(report.imported).toBe(1);
    expect(report.skipped.map((s) => s.line)).toEqual([7]);
    expect(report.fatal).toBeNull();
    await directory.load();
    expect(directory.contacts.map((c) => c.lastName)).toEqual(['Lefèvre']);
  });

  it('writes nothing when the repository refuses the import', async () => {
    const directory = useDirectoryStore();
    h.repos.contacts.importPersonal = () => Promise.reject(new Error('QuotaExceededError'));
    const report = await directory.importContacts(file('c.vcf', VCARDS));
    expect(report).toMatchObject({ imported: 0, fatal: 'write_failed' });
    expect(directory.contacts).toHaveLength(0);
  });

  it('rejects an oversized file without reading it', async () => {
    const report = await useDirectoryStore().importContacts({
      name: 'big.csv',
      size: 6 * 1024 * 1024,
      text: () => Promise.reject(new Error('must not be read')),
    });
    expect(report.fatal).toBe('too_big');
  });

  it('keeps company contacts read-only and exports personal ones only', async () => {
    const directory = useDirectoryStore();
    directory.applyCompany([{ ...draft({ lastName: 'Boss' }), id: 'company:0', source: 'company' }]);
    await directory.saveContact(draft());
    await directory.removeContact('company:0');
    expect(directory.contacts).toHaveLength(2);
    const csv = await directory.exportContacts('csv');
    expect(csv.filename).toBe('contacts.csv');
    expect(csv.text).toContain('Dubois');
    expect(csv.text).not.toContain('Boss');
    expect((await directory.exportContacts('vcard')).text).toMatch(/^BEGIN:VCARD/);
  });
});
