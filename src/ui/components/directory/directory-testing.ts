/** Test helpers for the directory components: contacts, a laid-out list and a mounted panel. */
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach } from 'vitest';
import type { Contact } from '@/directory';
import { useDirectoryStore, useSettingsStore } from '@/stores';
import { createHarness } from '../../testing/harness';
import DirectoryPanel from './DirectoryPanel.vue';

export function contact(fields: Partial<Contact> & Pick<Contact, 'id' | 'lastName'>): Contact {
  const base = {
    source: 'personal',
    title: '',
    firstName: '',
    company: '',
    jobTitle: '',
    email: '',
    numbers: [],
  };
  return { ...base, ...fields } as Contact;
}

/** happy-dom lays nothing out: give scroll boxes a height so the virtualiser renders rows */
export function useLayout(): void {
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  });
  afterEach(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    document.body.innerHTML = '';
  });
}

/** real stores over memory repositories, default country CH, the panel attached to the document */
export async function mountPanel(contacts: Contact[] = [], props: Record<string, unknown> = {}) {
  const harness = createHarness();
  useSettingsStore().defaultCountry = 'CH';
  for (const c of contacts) if (c.source === 'personal') await harness.repos.contacts.savePersonal(c);
  const directory = useDirectoryStore();
  await directory.load();
  directory.applyCompany(contacts.filter((c) => c.source === 'company'));
  const wrapper = mount(DirectoryPanel, { props, global: harness.global, attachTo: document.body });
  await flushPromises();
  return { ...harness, wrapper, directory };
}
