import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatedContacts } from '@/directory/testing/generated-contacts';
import { useDirectoryStore } from './directory';
import { provideIndexWorker } from './index-builder';
import { inThreadWorker } from './index-worker-testing';
import { useStoreHarness } from '../testing/store-harness';

const h = useStoreHarness();
let worker: ReturnType<typeof inThreadWorker>;
beforeEach(() => {
  worker = inThreadWorker();
  provideIndexWorker(worker.start);
});
afterEach(() => provideIndexWorker(undefined));

const company = generatedContacts(40).map((c, i) => ({
  ...c,
  id: `company:${i}`,
  source: 'company' as const,
}));
const ids = (found: { contact: { id: string } }[]) => found.map((m) => m.contact.id);

describe('directory store with the index worker', () => {
  it('serves the previous index while the worker builds, then the new one', async () => {
    const directory = useDirectoryStore();
    directory.applyCompany(company);
    expect(directory.search('a')).toEqual([]); // nothing built yet, and nothing built here
    await vi.waitFor(() => expect(directory.sorted).toHaveLength(40));
    const zoller = company.find((c) => c.lastName === 'Zoller');
    expect(ids(directory.search('zoller'))).toContain(zoller?.id);

    h.repos.contacts.rows.clear();
    await directory.saveContact({
      ...company[0]!,
      lastName: 'Newcomer',
      numbers: [{ kind: 'short', value: '1099' }],
    });
    expect(directory.search('newcomer')).toEqual([]);
    await vi.waitFor(() => expect(directory.search('newcomer')).toHaveLength(1));
    expect(directory.nameFor('1099', null)).toContain('Newcomer');
    expect(worker.requests.filter((r) => r.type === 'build')).toHaveLength(2);
  });

  it('applies only the newest of several quick changes', async () => {
    const directory = useDirectoryStore();
    directory.applyCompany(company);
    await Promise.resolve();
    directory.applyCompany(company.slice(0, 3));
    await vi.waitFor(() => expect(directory.sorted).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(directory.sorted).toHaveLength(3);
  });

  it('exports exactly the stored contacts while the worker is still building', async () => {
    const directory = useDirectoryStore();
    await directory.saveContact({ ...company[1]!, lastName: 'Justsaved' });
    expect(directory.search('justsaved')).toEqual([]);
    expect((await directory.exportContacts('csv')).text).toContain('Justsaved');
  });
});
