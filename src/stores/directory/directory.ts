import { createLogger } from '@/lib/logger';
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import {
  contactDisplayName,
  createContactIndex,
  formatNumber as formatWithCountry,
  loadNumberParser,
  MAX_IMPORT_BYTES,
  validateContact,
  type Contact,
  type ContactDraft,
  type ContactFieldError,
  type ContactIndex,
  type ContactIndexOptions,
  type ContactMatch,
  type ImportSkip,
} from '@/directory';
import { loadFormats, parseDirectoryText } from './file-parser';
import { createIndexBuilder, useIndexWorker } from './index-builder';
import { warmNumberCache } from './index-warmup';
import { useRepositories } from '../app/persistence';
import { useSettingsStore } from '../app/settings';

const log = createLogger('directory');

const EMPTY_INDEX = markRaw(createContactIndex([], { country: null, sortBy: 'first' }));

/** What an import did: how many rows went in, which were skipped and why, or why nothing did. */
export interface ImportReport {
  imported: number;
  skipped: ImportSkip[];
  fatal: 'empty' | 'too_big' | 'unrecognised' | 'write_failed' | null;
}

/** The part of a `File` the import needs (so tests pass plain objects). */
export interface ImportFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface ExportedFile {
  filename: string;
  mime: string;
  text: string;
}

/**
 * Personal contacts and the cached company directory, with the search index the keypad, the
 * directory tab and caller-name lookups share. Contacts live in a shallowRef of frozen rows:
 * 20,000 deep-reactive objects would cost far more than the search itself.
 */
export const useDirectoryStore = defineStore('directory', () => {
  const settings = useSettingsStore();
  const contacts = shallowRef<readonly Contact[]>([]);
  const loaded = ref(false);
  const repo = () => useRepositories().contacts;

  const options = (): ContactIndexOptions => ({
    country: settings.defaultCountry,
    sortBy: settings.contactSort,
  });
  const worker = useIndexWorker();
  const builder = worker ? createIndexBuilder(worker) : null;
  /** the newest index the builder delivered, and what it was built from */
  const built = shallowRef<{
    contacts: readonly Contact[];
    options: ContactIndexOptions;
    index: ContactIndex;
  }>();

  /**
   * With a worker, the newest built index; while a build runs, the one before (possibly empty at
   * start-up): searching never waits for a build. Without one, built here on first use, as always.
   */
  const index = computed((): ContactIndex => {
    if (builder) return built.value?.index ?? EMPTY_INDEX;
    return markRaw(createContactIndex(contacts.value, options()));
  });
  function isCurrent(last: { contacts: readonly Contact[]; options: ContactIndexOptions }): boolean {
    const { country, sortBy } = options();
    return (
      last.contacts === contacts.value && last.options.country === country && last.options.sortBy === sortBy
    );
  }
  const personalCount = computed(() => contacts.value.filter((c) => c.source === 'personal').length);

  if (builder) {
    watch([contacts, options], async ([list, opts]) => {
      const next = await builder.build(list, opts);
      if (next) built.value = { contacts: list, options: opts, index: markRaw(next) };
    });
  }

  let warmups = 0;
  function replaceAll(next: readonly Contact[]): void {
    const frozen = Object.freeze(next.map((c) => Object.freeze(c)));
    contacts.value = frozen;
    if (builder) return; // the worker parses, then the watch above swaps the new index in
    // parse the numbers in small tasks first, so building the index (on the first keystroke or
    // incoming call, or right after the warm-up) is quick and never one long freeze
    const run = ++warmups;
    void warmNumberCache(frozen, settings.defaultCountry, () => run !== warmups).then((done) => {
      if (done) void index.value;
    });
  }

  async function load(): Promise<void> {
    // contacts are indexed by their numbers' keys: read them with the real parser, not the fallback
    const parser = loadNumberParser().catch((error: unknown) => log.warn('number parser not loaded', error));
    try {
      const all = await repo().all();
      await parser;
      replaceAll(all);
    } catch (error) {
      log.warn('contacts not loaded', error);
    }
    loaded.value = true;
  }

  /** swap in a freshly synced company copy, keeping personal contacts */
  function applyCompany(company: readonly Contact[]): void {
    replaceAll([...contacts.value.filter((c) => c.source === 'personal'), ...company]);
  }

  const search = (query: string, limit?: number): ContactMatch[] => index.value.search(query, limit);
  const lookup = (number: string) => index.value.findByNumber(number);
  const sorted = computed(() => index.value.sorted());

  /** the directory's name for a number, else the SIP display name (untrusted text), else null */
  function nameFor(number: string, displayName: string | null): string | null {
    const hit = number ? lookup(number) : undefined;
    return hit ? contactDisplayName(hit.contact, 'first') : displayName;
  }

  /** a number for display, national or international depending on the default country */
  const formatNumber = (raw: string): string => formatWithCountry(raw, settings.defaultCountry);

  /** creates (no id) or updates a personal contact; returns the validation errors, empty on success */
  async function saveContact(draft: ContactDraft, id?: string): Promise<ContactFieldError[]> {
    const errors = validateContact(draft);
    if (errors.length > 0) return errors;
    const contact: Contact = { ...draft, id: id ?? `personal:${crypto.randomUUID()}`, source: 'personal' };
    await repo().savePersonal(contact);
    replaceAll([...contacts.value.filter((c) => c.id !== contact.id), contact]);
    return [];
  }

  async function removeContact(id: string): Promise<void> {
    await repo().removePersonal(id);
    replaceAll(contacts.value.filter((c) => c.id !== id || c.source !== 'personal'));
  }

  /** parses a vCard or CSV file and adds its valid rows as personal contacts, all or none */
  async function importContacts(file: ImportFile): Promise<ImportReport> {
    if (file.size > MAX_IMPORT_BYTES) return { imported: 0, skipped: [], fatal: 'too_big' };
    const result = await parseDirectoryText(await file.text());
    if (result.fatal) return { imported: 0, skipped: result.skipped, fatal: result.fatal };
    // one random id per import, numbered: a randomUUID() per contact costs 60 ms for 20,000
    const importId = crypto.randomUUID();
    const added = result.contacts.map<Contact>((draft, i) => ({
      ...draft,
      id: `personal:${importId}-${i}`,
      source: 'personal',
    }));
    if (added.length === 0) return { imported: 0, skipped: result.skipped, fatal: null };
    try {
      await repo().importPersonal(added);
    } catch (error) {
      log.warn('import not written', error);
      return { imported: 0, skipped: result.skipped, fatal: 'write_failed' };
    }
    replaceAll([...contacts.value, ...added]);
    return { imported: added.length, skipped: result.skipped, fatal: null };
  }

  /** personal contacts as a vCard 3.0 or CSV file */
  async function exportContacts(format: 'vcard' | 'csv'): Promise<ExportedFile> {
    const { exportContactsCsv, exportVCards } = await loadFormats();
    // right after an import the worker may still be building: sort exactly what is stored
    const last = built.value;
    const sorted =
      !builder || (last && isCurrent(last))
        ? index.value.sorted()
        : createContactIndex(contacts.value, options()).sorted();
    const personal = sorted.filter((c) => c.source === 'personal');
    return format === 'vcard'
      ? { filename: 'contacts.vcf', mime: 'text/vcard;charset=utf-8', text: exportVCards(personal) }
      : { filename: 'contacts.csv', mime: 'text/csv;charset=utf-8', text: exportContactsCsv(personal) };
  }

  return {
    contacts,
    loaded,
    personalCount,
    sorted,
    load,
    applyCompany,
    search,
    lookup,
    nameFor,
    formatNumber,
    saveContact,
    removeContact,
    importContacts,
    exportContacts,
  };
});

export type DirectoryStore = ReturnType<typeof useDirectoryStore>;
