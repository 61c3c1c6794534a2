import { useI18n } from 'vue-i18n';
import type { Contact, ContactNumber, NameOrder } from '@/directory';
import { useDirectoryStore, useSettingsStore } from '@/stores';

const words = (...parts: string[]) =>
  parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');

/**
 * The directory core's contactDisplayName, repeated here because the UI may import only types
 * from `@/directory`: "Dr Zoé Lefèvre" or "Lefèvre Zoé", never empty.
 * TODO(coordinator): replace with a `displayName(contact)` action on the directory store.
 */
export function displayName(contact: Contact, order: NameOrder): string {
  const name =
    order === 'first'
      ? words(contact.firstName, contact.lastName)
      : words(contact.lastName, contact.firstName);
  if (name !== '') return order === 'first' ? words(contact.title, name) : name;
  return words(contact.company) || words(contact.numbers[0]?.value ?? '') || words(contact.email) || '?';
}

/** Names, numbers and number kinds as the directory tab shows them (one place to change). */
export function useContactFormat() {
  const { t } = useI18n();
  const directory = useDirectoryStore();
  const settings = useSettingsStore();
  return {
    name: (contact: Contact) => displayName(contact, settings.contactSort),
    /** national for the default country, else international; raw text when unparseable */
    number: (raw: string) => directory.formatNumber(raw),
    kind: (number: ContactNumber) => t(`directory.kind.${number.kind}`),
    /** "Company · Function" */
    organisation: (contact: Contact) =>
      [contact.company, contact.jobTitle]
        .map((part) => part.trim())
        .filter(Boolean)
        .join(' · '),
  };
}
