import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useCompanySyncStore, useSettingsStore } from '@/stores';
import { accessibleName, buttonNames, byRole, getByRole } from '../../testing/harness';
import { contact, mountPanel, useLayout } from './directory-testing';

useLayout();

const alice = contact({
  id: 'personal:1',
  firstName: 'Alice',
  lastName: 'Martin',
  company: 'Acme',
  jobTitle: 'Sales',
  numbers: [{ kind: 'phone', value: '+41221234567' }],
});
const zoe = contact({
  id: 'company:zoe',
  source: 'company',
  title: 'Dr',
  firstName: 'Zoé',
  lastName: 'Lefèvre',
  company: 'Hôpital',
  numbers: [{ kind: 'short', value: '1203' }],
});
const names = (wrapper: Parameters<typeof byRole>[0]) =>
  byRole(wrapper, 'listitem').map((li) => li.attributes('aria-label'));

describe('DirectoryPanel', () => {
  it('lists every contact: name, company · function, badge, formatted numbers, actions by source', async () => {
    const { wrapper } = await mountPanel([alice, zoe]);
    expect(names(wrapper)).toEqual(['Lefèvre Zoé', 'Martin Alice']);
    const [company, personal] = byRole(wrapper, 'listitem');
    expect(personal!.find('.directory-row__org').text()).toBe('Acme · Sales');
    expect(personal!.find('.directory-row__badge').text()).toBe('Personal');
    expect(personal!.find('.directory-row__numbers').text()).toBe('022 123 45 67');
    expect(buttonNames(personal!)).toEqual(['Call Martin Alice', 'Edit Martin Alice', 'Delete Martin Alice']);
    expect(company!.find('.directory-row__badge').text()).toBe('Company');
    expect(buttonNames(company!)).toEqual(['Call Lefèvre Zoé']);
  });

  it('searches by name without accents, by company and by number whatever its formatting', async () => {
    const { wrapper } = await mountPanel([alice, zoe]);
    const search = wrapper.find('input[type="search"]');
    expect(wrapper.find(`label[for="${search.attributes('id')}"]`).text()).toBe('Search contacts');
    await search.setValue('zoe');
    expect(names(wrapper)).toEqual(['Lefèvre Zoé']);
    await search.setValue('ACME');
    expect(names(wrapper)).toEqual(['Martin Alice']);
    await search.setValue('022 123 45');
    expect(names(wrapper)).toEqual(['Martin Alice']);
    expect(wrapper.find('.directory-row__number--matched').text()).toBe('022 123 45 67');
    await search.setValue('nobody');
    expect(byRole(wrapper, 'listitem')).toHaveLength(0);
    expect(wrapper.text()).toContain('No contact matches “nobody”.');
  });

  it('the sort and country selects are settings and are saved', async () => {
    const { wrapper, repos } = await mountPanel([alice, zoe]);
    const [sort, country] = wrapper.findAll('select');
    expect(wrapper.find(`label[for="${sort!.attributes('id')}"]`).text()).toBe('Sort by');
    expect(wrapper.find(`label[for="${country!.attributes('id')}"]`).text()).toBe('Country for numbers');
    await sort!.setValue('first');
    await flushPromises();
    expect(useSettingsStore().contactSort).toBe('first');
    expect(repos.values.get('contactSort')).toBe('first');
    expect(names(wrapper)).toEqual(['Alice Martin', 'Dr Zoé Lefèvre']);
    expect(country!.findAll('option').map((o) => o.text())).toContain('Switzerland');
    await country!.setValue('FR');
    await flushPromises();
    expect(repos.values.get('defaultCountry')).toBe('FR');
    expect(wrapper.find('.directory-row__numbers').text()).toBe('+41 22 123 45 67');
    await country!.setValue('');
    await flushPromises();
    expect(useSettingsStore().defaultCountry).toBeNull();
  });

  it('renders hostile names and companies as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { wrapper } = await mountPanel([
      contact({ id: 'personal:x', lastName: evil, company: evil, numbers: [{ kind: 'phone', value: '1' }] }),
    ]);
    expect(document.querySelector('img')).toBeNull();
    expect(wrapper.find('.directory-row__name').text()).toBe(evil);
    expect(getByRole(wrapper, 'listitem').attributes('aria-label')).toBe(evil);
    expect(buttonNames(wrapper)).toContain(`Call ${evil}`);
  });

  it('shows an empty state, and the company directory status with a refresh button', async () => {
    const { wrapper } = await mountPanel([]);
    expect(wrapper.text()).toContain('No contacts yet. Add one or import a file.');
    expect(wrapper.text()).not.toContain('Company directory');
    const sync = useCompanySyncStore();
    sync.meta = { url: 'https://pbx/dir.vcf', syncedAt: null, attemptedAt: null, error: null };
    await flushPromises();
    expect(wrapper.find('.directory-company__status').text()).toBe('Company directory: never updated');
    sync.meta = {
      url: 'https://pbx/dir.vcf',
      syncedAt: Date.now() - 5.5 * 60_000,
      attemptedAt: null,
      error: null,
    };
    await flushPromises();
    expect(wrapper.find('.directory-company__status').text()).toBe(
      'Company directory: updated 5 minutes ago',
    );
    const syncedAt = new Date(2026, 2, 12, 10, 5).getTime();
    sync.meta = { url: 'https://pbx/dir.vcf', syncedAt, attemptedAt: Date.now(), error: 'timeout' };
    await flushPromises();
    expect(wrapper.find('.directory-company__status').text()).toBe(
      'Could not refresh the company directory: the server took too long to answer. Showing the copy from Mar 12, 2026, 10:05 AM.',
    );
    expect(wrapper.find('[role="status"]').text()).toContain('Could not refresh');
    const refresh = getByRole(wrapper, 'button', 'Refresh company directory');
    const refreshed = vi.spyOn(sync, 'sync').mockResolvedValue();
    await refresh.trigger('click');
    expect(refreshed).toHaveBeenCalledOnce();
    sync.syncing = true;
    await flushPromises();
    expect(refresh.attributes('disabled')).toBeDefined();
  });

  it('a prefill from the history opens the editor with the number and the split name, once', async () => {
    const { wrapper } = await mountPanel([], {
      prefill: { number: '+41 79 555 12 34', name: 'Bob  Dupont' },
    });
    const dialog = getByRole(wrapper, 'dialog');
    expect(accessibleName(wrapper.find(`#${dialog.attributes('aria-labelledby')}`).element)).toBe(
      'New contact',
    );
    const value = (label: string) => {
      const id = dialog
        .findAll('label')
        .find((l) => l.text().startsWith(label))!
        .attributes('for');
      return (dialog.find(`#${id}`).element as HTMLInputElement).value;
    };
    expect([value('First name'), value('Last name'), value('Phone')]).toEqual([
      'Bob',
      'Dupont',
      '+41 79 555 12 34',
    ]);
    expect(wrapper.emitted('prefill-consumed')).toHaveLength(1);
  });
});
