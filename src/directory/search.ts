/**
 * In-memory contact index: everything folded and normalised once at construction, so a search on
 * every keystroke is a few native substring scans over precomputed strings.
 */
import { contactDisplayName } from './display-name';
import type { NameOrder } from './display-name';
import { Haystack } from './haystack';
import { computeIndexData } from './index-data';
import type { ContactIndexOptions, IndexData } from './index-data';
import { numberKey, queryDigits } from './numbers';
import { numberForms, RankedMatches } from './search-entry';
import type { ContactMatch, Entry, SearchData } from './search-entry';
import { searchText } from './text-search';
import type { Contact, ContactNumber } from './types';

export { contactDisplayName };
export type { ContactIndexOptions, ContactMatch, NameOrder };

export interface ContactIndex {
  /**
   * Contacts matching a name/company/email query (every word must occur, accent-insensitively)
   * or a number query in any format; best matches first, at most `limit` (default 50).
   */
  search(query: string, limit?: number): ContactMatch[];
  /** who is calling: the first contact (in input order) with a number equal to `raw` */
  findByNumber(raw: string): { contact: Contact; number: ContactNumber } | undefined;
  /** all contacts by the sort name (folded), then the other name */
  sorted(): Contact[];
  readonly size: number;
}

type Found = { contact: Contact; number: ContactNumber };

/** The number whose forms start with the digits, else the first that contains them. */
function matchedNumber(entry: Entry, digits: string): ContactNumber | null {
  const numbers = numberForms(entry);
  const prefixed = numbers.findIndex((forms) => forms.some((form) => form.startsWith(digits)));
  const index =
    prefixed >= 0 ? prefixed : numbers.findIndex((forms) => forms.some((f) => f.includes(digits)));
  return entry.contact.numbers[index] ?? null;
}

/** Numbers containing the digits; those starting with them first. */
function searchDigits(data: SearchData, digits: string, limit: number): ContactMatch[] {
  const matches = new RankedMatches(limit);
  const prefix = '|' + digits;
  for (const [rank, needle] of [prefix, digits].entries()) {
    data.digits.forEachMatch(needle, (i) => {
      const entry = data.entry(i);
      if (entry && !matches.has(entry)) matches.add(rank, entry, matchedNumber(entry, digits));
      return matches.bound() > rank;
    });
  }
  return matches.result();
}

/** Builds the index in this thread: computeIndexData (the costly part), then assembleContactIndex. */
export function createContactIndex(contacts: readonly Contact[], options: ContactIndexOptions): ContactIndex {
  return assembleContactIndex(contacts, computeIndexData(contacts, options), options.country);
}

/**
 * The entries in sort order over the given contacts, each made when a search first reaches it
 * (a typical search touches a few dozen): handing a new index over stays cheap.
 */
function searchDataOf(contacts: readonly Contact[], data: IndexData): SearchData {
  const size = data.order.length;
  if (size !== contacts.length || data.order.some((position) => position >= contacts.length))
    throw new Error(`index data does not fit the ${contacts.length} contacts`);
  const [names, texts, words, digits] = [data.names, data.texts, data.words, data.digits].map((column) => {
    if (column.starts.length !== size)
      throw new Error(`a column of ${column.starts.length} parts, not ${size}`);
    return Haystack.from(column);
  }) as [Haystack, Haystack, Haystack, Haystack];
  const made: (Entry | undefined)[] = new Array<Entry | undefined>(size);
  const entry = (i: number): Entry | undefined => {
    const contact = contacts[data.order[i] ?? -1];
    if (!contact) return undefined;
    return (made[i] ??= {
      contact,
      names: names.part(i),
      text: texts.part(i),
      words: words.part(i),
      digits: digits.part(i),
    });
  };
  return { size, entry, names, texts, words, digits };
}

/** number key -> the contact and number it belongs to: a binary search over the sorted keys */
function ownerLookup(contacts: readonly Contact[], data: IndexData): (key: string) => Found | undefined {
  const count = data.owners.length / 2;
  const keys = Haystack.from(data.keys);
  return (key) => {
    let [low, high] = [0, count - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = keys.part(middle);
      if (found === key) {
        const contact = contacts[data.owners[2 * middle] ?? -1];
        const number = contact?.numbers[data.owners[2 * middle + 1] ?? -1];
        return contact && number ? { contact, number } : undefined;
      }
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
}

/**
 * The index over `contacts` from what computeIndexData computed for the same contacts (in this
 * thread or in the index worker): cheap, nothing is built per contact until a search reaches it.
 */
export function assembleContactIndex(
  contacts: readonly Contact[],
  data: IndexData,
  country: string | null,
): ContactIndex {
  const searchData = searchDataOf(contacts, data);
  const owner = ownerLookup(contacts, data);
  // only the directory list and an export want them all
  let sortedContacts: Contact[] | null = null;
  return {
    search(query, limit = 50) {
      if (query.trim() === '' || limit <= 0) return [];
      const digits = queryDigits(query);
      return digits === null ? searchText(searchData, query, limit) : searchDigits(searchData, digits, limit);
    },
    findByNumber(raw) {
      const key = numberKey(raw, country);
      return key === null ? undefined : owner(key);
    },
    sorted: () =>
      (sortedContacts ??= Array.from(data.order, (position) => contacts[position] as Contact)).slice(),
    size: searchData.size,
  };
}
