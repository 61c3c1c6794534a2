/**
 * What the contact index precomputes per contact, and the rank-grouped result list. Internal to
 * search.ts and text-search.ts.
 */
import type { NameOrder } from './display-name';
import { foldText } from './fold';
import { Haystack } from './haystack';
import type { Contact, ContactNumber } from './types';

export interface ContactMatch {
  contact: Contact;
  /** the number that matched a digit query; null for a text query */
  number: ContactNumber | null;
}

export interface Entry {
  contact: Contact;
  /** NAME_START + folded first name + NAME_START + folded last name: finds name prefixes */
  names: string;
  /** folded "first last company jobTitle email", single-spaced */
  text: string;
  /** `text` with ASCII punctuation as spaces, after a leading space: `' ' + word` finds word starts */
  words: string;
  /** `|` + every search form of every number, `|`-separated */
  digits: string;
  /** search forms per number, same order as contact.numbers */
  forms: string[][];
  sortKey: string;
}

/** The entries in sort order, and each of their strings joined for single-pass scans. */
export interface SearchData {
  entries: Entry[];
  names: Haystack;
  texts: Haystack;
  words: Haystack;
  digits: Haystack;
}

/** Marks where a name starts in Entry.names (not `\n`: that separates Haystack parts). */
export const NAME_START = '\u0001';

/** ASCII punctuation and spaces (not letters, digits, nor anything beyond ASCII) become spaces. */
const NON_WORD = /[\u0000-\u002f\u003a-\u0060\u007b-\u007f]/g;

export function wordsOf(folded: string): string {
  return folded.replace(NON_WORD, ' ');
}

/** Folded sort name, then the other name and the company; the other name stands in when empty. */
function sortKeyOf(contact: Contact, sortBy: NameOrder): string {
  const [primary, secondary] =
    sortBy === 'last' ? [contact.lastName, contact.firstName] : [contact.firstName, contact.lastName];
  const lead = primary.trim() || secondary.trim() || contact.company.trim();
  return [lead, secondary, contact.company].map(foldText).join('\u0001');
}

const oneLine = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();

/** `forms`: numberSearchForms of each of the contact's numbers (parsed once by the caller). */
export function buildEntry(contact: Contact, forms: string[][], sortBy: NameOrder): Entry {
  const { firstName, lastName, company, jobTitle, email } = contact;
  const text = oneLine([firstName, lastName, company, jobTitle, email].join(' '));
  return {
    contact,
    names: NAME_START + oneLine(firstName) + NAME_START + oneLine(lastName),
    text,
    words: ' ' + wordsOf(text),
    digits: '|' + forms.flat().join('|'),
    forms,
    sortKey: sortKeyOf(contact, sortBy),
  };
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.contact.id < b.contact.id ? -1 : a.contact.id > b.contact.id ? 1 : 0;
}

export function buildSearchData(unsorted: Entry[]): SearchData {
  const entries = unsorted.slice().sort(compareEntries);
  const haystack = (key: 'names' | 'text' | 'words' | 'digits') => new Haystack(entries.map((e) => e[key]));
  return {
    entries,
    names: haystack('names'),
    texts: haystack('text'),
    words: haystack('words'),
    digits: haystack('digits'),
  };
}

/**
 * Matches grouped by rank (0 best). Entries arrive in sort order, so each group is already
 * sorted, a group never needs more than `limit` entries, and once the best groups hold `limit`
 * entries, worse ranks cannot get in (`bound`).
 */
export class RankedMatches {
  private readonly groups: { entry: Entry; number: ContactNumber | null }[][] = [];
  private readonly seen = new Set<Entry>();
  constructor(private readonly limit: number) {}

  add(rank: number, entry: Entry, number: ContactNumber | null = null): void {
    if (rank >= this.bound() || this.seen.has(entry)) return;
    this.seen.add(entry);
    (this.groups[rank] ??= []).push({ entry, number });
  }

  has(entry: Entry): boolean {
    return this.seen.has(entry);
  }

  /** ranks at or above this cannot enter the result any more */
  bound(): number {
    let count = 0;
    for (let rank = 0; rank < this.groups.length; rank++) {
      count += this.groups[rank]?.length ?? 0;
      if (count >= this.limit) return rank;
    }
    return Infinity;
  }

  result(): ContactMatch[] {
    const best = this.groups.flatMap((group) => group ?? []).slice(0, this.limit);
    return best.map(({ entry, number }) => ({ contact: entry.contact, number }));
  }
}
