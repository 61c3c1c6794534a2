/**
 * What the contact index precomputes per contact, and the rank-grouped result list. Internal to
 * index-data.ts (the build, in a worker), search.ts and text-search.ts.
 */
import type { NameOrder } from './display-name';
import { foldText } from './fold';
import type { Haystack } from './haystack';
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
  /**
   * per number, in contact.numbers order: NUMBER_START, then `|` + each of its search forms. A
   * digit query (only `0-9*#`) never matches a separator, so `|` + digits finds a form's start.
   */
  digits: string;
}

/** An Entry's strings and its sort key: what the index build computes per contact (in a worker). */
export type EntryText = Omit<Entry, 'contact'> & { sortKey: string };

/** The entries in sort order, and each of their strings joined for single-pass scans. */
export interface SearchData {
  size: number;
  /** entry `i` in sort order (made on first use, then the same object), undefined out of range */
  entry(i: number): Entry | undefined;
  names: Haystack;
  texts: Haystack;
  words: Haystack;
  digits: Haystack;
}

/** Marks where a name starts in Entry.names (not `\n`: that separates Haystack parts). */
export const NAME_START = '\u0001';
/** Marks where a number's search forms start in Entry.digits (never in a digit query). */
const NUMBER_START = ';';

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
export function entryText(contact: Contact, forms: string[][], sortBy: NameOrder): EntryText {
  const { firstName, lastName, company, jobTitle, email } = contact;
  const text = oneLine([firstName, lastName, company, jobTitle, email].join(' '));
  return {
    names: NAME_START + oneLine(firstName) + NAME_START + oneLine(lastName),
    text,
    words: ' ' + wordsOf(text),
    digits: forms.map((own) => NUMBER_START + own.map((form) => '|' + form).join('')).join(''),
    sortKey: sortKeyOf(contact, sortBy),
  };
}

/** The search forms of each of the entry's numbers (contact.numbers order), read back from `digits`. */
export function numberForms(entry: Entry): string[][] {
  return entry.digits
    .split(NUMBER_START)
    .slice(1)
    .map((own) => own.split('|').slice(1));
}

/** Sort order of the index: by sort key, then by id (a stable order for equal names). */
export function compareEntries(
  a: { sortKey: string; id: string },
  b: { sortKey: string; id: string },
): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
