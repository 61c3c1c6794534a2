/**
 * In-memory contact index: everything folded and normalised once at construction, so a search on
 * every keystroke is a few native substring scans over precomputed strings.
 */
import { contactDisplayName } from './display-name';
import type { NameOrder } from './display-name';
import { numberFacts, numberKey, queryDigits } from './numbers';
import { buildEntry, buildSearchData, RankedMatches } from './search-entry';
import type { ContactMatch, Entry, SearchData } from './search-entry';
import { searchText } from './text-search';
import type { Contact, ContactNumber } from './types';

export { contactDisplayName };
export type { ContactMatch, NameOrder };

export interface ContactIndexOptions {
  /** default country for reading national numbers (ISO 3166 alpha-2), or null */
  country: string | null;
  sortBy: NameOrder;
}

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
  const prefixed = entry.forms.findIndex((forms) => forms.some((form) => form.startsWith(digits)));
  const index =
    prefixed >= 0 ? prefixed : entry.forms.findIndex((forms) => forms.some((f) => f.includes(digits)));
  return entry.contact.numbers[index] ?? null;
}

/** Numbers containing the digits; those starting with them first. */
function searchDigits(data: SearchData, digits: string, limit: number): ContactMatch[] {
  const matches = new RankedMatches(limit);
  const prefix = '|' + digits;
  for (const [rank, needle] of [prefix, digits].entries()) {
    data.digits.forEachMatch(needle, (i) => {
      const entry = data.entries[i];
      if (entry && !matches.has(entry)) matches.add(rank, entry, matchedNumber(entry, digits));
      return matches.bound() > rank;
    });
  }
  return matches.result();
}

export function createContactIndex(contacts: readonly Contact[], options: ContactIndexOptions): ContactIndex {
  const { country, sortBy } = options;
  const byNumber = new Map<string, Found>();
  const entries = contacts.map((contact) => {
    const forms = contact.numbers.map((number) => {
      const { key, forms } = numberFacts(number.value, country);
      // The first contact with a number wins: callers list personal contacts first.
      if (key !== null && !byNumber.has(key)) byNumber.set(key, { contact, number });
      return forms;
    });
    return buildEntry(contact, forms, sortBy);
  });
  const data = buildSearchData(entries);
  const sortedContacts = data.entries.map((entry) => entry.contact);
  return {
    search(query, limit = 50) {
      if (query.trim() === '' || limit <= 0) return [];
      const digits = queryDigits(query);
      return digits === null ? searchText(data, query, limit) : searchDigits(data, digits, limit);
    },
    findByNumber(raw) {
      const key = numberKey(raw, country);
      return key === null ? undefined : byNumber.get(key);
    },
    sorted: () => sortedContacts.slice(),
    size: sortedContacts.length,
  };
}
