/**
 * The costly half of building a contact index, as plain data: parsing every number
 * (libphonenumber), folding every name, sorting. It runs in the index worker (index-worker.ts)
 * and, where no worker runs, in the page; search.ts turns the result into a ContactIndex in a few
 * milliseconds. Few big strings and typed arrays, because the page deserialises whatever the
 * worker sends on its own thread: 20,000 small objects would cost more than the strings.
 */
import type { NameOrder } from './display-name';
import { Haystack } from './haystack';
import type { HaystackData } from './haystack';
import { numberFacts } from './numbers';
import { compareEntries, entryText } from './search-entry';
import type { EntryText } from './search-entry';
import type { Contact } from './types';

export interface ContactIndexOptions {
  /** default country for reading national numbers (ISO 3166 alpha-2), or null */
  country: string | null;
  sortBy: NameOrder;
}

export interface IndexData {
  /** position in the input of each contact, in sort order */
  order: Int32Array;
  /** each Entry string of the contacts in sort order, as a Haystack */
  names: HaystackData;
  texts: HaystackData;
  words: HaystackData;
  digits: HaystackData;
  /**
   * number keys (numberKey) in ascending order, as a Haystack; each once, for the first contact
   * (in input order) that has it: a lookup is a binary search, no map to build in the page
   */
  keys: HaystackData;
  /** per key: input position of the contact, then index of the number in contact.numbers */
  owners: Int32Array;
}

/** Each number key once, the first contact with it winning (callers list personal contacts first), sorted. */
function keysOf(keyed: (string | null)[][]): Pick<IndexData, 'keys' | 'owners'> {
  const owner = new Map<string, [number, number]>();
  keyed.forEach((numberKeys, position) =>
    numberKeys.forEach((key, number) => {
      if (key !== null && !owner.has(key)) owner.set(key, [position, number]);
    }),
  );
  const keys = [...owner.keys()].sort();
  return {
    keys: Haystack.of(keys).data,
    owners: Int32Array.from(keys.flatMap((key) => owner.get(key) ?? [])),
  };
}

export function computeIndexData(contacts: readonly Contact[], options: ContactIndexOptions): IndexData {
  const { country, sortBy } = options;
  const keyed: (string | null)[][] = [];
  const texts: (EntryText & { id: string; position: number })[] = contacts.map((contact, position) => {
    const facts = contact.numbers.map((number) => numberFacts(number.value, country));
    keyed.push(facts.map((fact) => fact.key));
    const forms = facts.map((fact) => fact.forms);
    return { ...entryText(contact, forms, sortBy), id: contact.id, position };
  });
  texts.sort(compareEntries);
  const column = (key: 'names' | 'text' | 'words' | 'digits') => Haystack.of(texts.map((t) => t[key])).data;
  return {
    order: Int32Array.from(texts, (t) => t.position),
    names: column('names'),
    texts: column('text'),
    words: column('words'),
    digits: column('digits'),
    ...keysOf(keyed),
  };
}
