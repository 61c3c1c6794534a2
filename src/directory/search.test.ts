import { describe, expect, it } from 'vitest';
import { contactDisplayName, createContactIndex } from './search';
import type { Contact, ContactNumber } from './types';

let nextId = 0;
function contact(fields: Partial<Contact>, ...numbers: ContactNumber[]): Contact {
  nextId++;
  return {
    id: `personal:${nextId}`,
    source: 'personal',
    title: '',
    firstName: '',
    lastName: '',
    company: '',
    jobTitle: '',
    email: '',
    numbers,
    ...fields,
  };
}

const zoe = contact(
  {
    title: 'Dr',
    firstName: 'Zoé',
    lastName: 'Lefèvre',
    company: 'Hôpital Cantonal',
    jobTitle: 'Cardiologue',
  },
  { kind: 'phone', value: '+41 (0)22 345 67 89' },
  { kind: 'short', value: '1001' },
);
const hans = contact(
  { firstName: 'Hans', lastName: 'Müller', company: 'Acme AG', email: 'hans@acme.example' },
  { kind: 'mobile', value: '079 987 65 43' },
);
const anna = contact(
  { firstName: 'Anna', lastName: 'Zoeller', company: 'Acme AG', jobTitle: 'Sales' },
  { kind: 'phone', value: '0041 44 123 45 67' },
);
const jean = contact(
  { firstName: 'Jean', lastName: 'Dupont' },
  { kind: 'phone', value: '+33 1 42 68 53 00' },
);
const acmeZoe = contact({ firstName: 'Bob', lastName: 'Ozoe', company: 'Zoe Industries' });
const all = [zoe, hans, anna, jean, acmeZoe];
const index = createContactIndex(all, { country: 'CH', sortBy: 'last' });

const names = (matches: { contact: Contact }[]) => matches.map((m) => m.contact.lastName);

describe('text search', () => {
  it('is accent- and case-insensitive', () => {
    expect(names(index.search('lefevre'))).toEqual(['Lefèvre']);
    expect(names(index.search('MULLER'))).toEqual(['Müller']);
    expect(names(index.search('hôpital'))).toEqual(['Lefèvre']);
  });

  it('ranks name prefixes, then word prefixes, then substrings', () => {
    // Zoé (first-name prefix) and Zoeller (last-name prefix), then "Zoe Industries", then "Ozoe"
    expect(names(index.search('zoe'))).toEqual(['Lefèvre', 'Zoeller', 'Ozoe']);
    expect(index.search('zoe').every((m) => m.number === null)).toBe(true);
  });

  it('needs every token, in any field', () => {
    expect(names(index.search('acme sales'))).toEqual(['Zoeller']);
    expect(names(index.search('hans acme'))).toEqual(['Müller']);
    expect(names(index.search('hans sales'))).toEqual([]);
    expect(names(index.search('cardio'))).toEqual(['Lefèvre']);
    expect(names(index.search('acme.example'))).toEqual(['Müller']);
  });

  it('returns nothing for an empty query and honours the limit', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('a', 2)).toHaveLength(2);
    expect(index.search('a', 0)).toEqual([]);
  });
});

describe('text search over many similar contacts', () => {
  // Everyone works in the Acme office; the Olgas sort last, after 300 others.
  const staff = Array.from({ length: 300 }, (_, i) =>
    contact({
      firstName: `Anna${i}`,
      lastName: `Aebi${String(i).padStart(3, '0')}`,
      company: 'Acme',
      jobTitle: 'Office',
    }),
  );
  const olgas = [1, 2].map((i) =>
    contact({ firstName: 'Olga', lastName: `Zurbriggen${i}`, company: 'Acme' }),
  );
  const big = createContactIndex([...olgas, ...staff], { country: 'CH', sortBy: 'last' });

  it('finds late name-prefix matches after the result filled with weaker ones', () => {
    expect(names(big.search('acme o', 3))).toEqual(['Zurbriggen1', 'Zurbriggen2', 'Aebi000']);
    expect(names(big.search('o acme', 3))).toEqual(['Zurbriggen1', 'Zurbriggen2', 'Aebi000']);
  });

  it('ranks a one-word query by name prefix, word prefix, then substring', () => {
    expect(names(big.search('acm', 2))).toEqual(['Aebi000', 'Aebi001']);
    expect(names(big.search('olg'))).toEqual(['Zurbriggen1', 'Zurbriggen2']);
    expect(names(big.search('cme', 1))).toEqual(['Aebi000']);
  });
});

describe('digit search', () => {
  it.each([
    ['+41 22 345', 'Lefèvre', '+41 (0)22 345 67 89'],
    ['0041 22', 'Lefèvre', '+41 (0)22 345 67 89'],
    ['022 345 67', 'Lefèvre', '+41 (0)22 345 67 89'],
    ['1001', 'Lefèvre', '1001'],
    ['44 123', 'Zoeller', '0041 44 123 45 67'],
    ['044 123', 'Zoeller', '0041 44 123 45 67'],
    ['+41 79 987', 'Müller', '079 987 65 43'],
    ['01 42 68', 'Dupont', '+33 1 42 68 53 00'],
    ['+33 1 42', 'Dupont', '+33 1 42 68 53 00'],
  ])('%s finds %s by %s', (query, lastName, number) => {
    const [first, ...rest] = index.search(query);
    expect(rest).toEqual([]);
    expect(first?.contact.lastName).toBe(lastName);
    expect(first?.number?.value).toBe(number);
  });

  it('lists prefix matches before substring matches', () => {
    // Swiss numbers start with 41 internationally; Dupont's only contain a 4
    expect(names(index.search('4'))).toEqual(['Lefèvre', 'Müller', 'Zoeller', 'Dupont']);
    expect(names(index.search('10'))).toEqual(['Lefèvre']);
  });
});

describe('findByNumber', () => {
  it.each(['+41 22 345 67 89', '0041223456789', '022 345 67 89', '+41 (0)22 345 67 89'])(
    '%s is Zoé',
    (raw) => {
      const found = index.findByNumber(raw);
      expect(found?.contact).toBe(zoe);
      expect(found?.number.value).toBe('+41 (0)22 345 67 89');
    },
  );

  it('matches extensions exactly and misses unknown numbers', () => {
    expect(index.findByNumber('1001')?.number.kind).toBe('short');
    expect(index.findByNumber('100')).toBeUndefined();
    expect(index.findByNumber('+41 22 345 67 80')).toBeUndefined();
    expect(index.findByNumber('anonymous')).toBeUndefined();
  });
});

describe('sorting and names', () => {
  it('sorts by last name or by first name, accent-insensitively', () => {
    expect(index.size).toBe(5);
    expect(names(index.sorted().map((c) => ({ contact: c })))).toEqual([
      'Dupont',
      'Lefèvre',
      'Müller',
      'Ozoe',
      'Zoeller',
    ]);
    const byFirst = createContactIndex(all, { country: 'CH', sortBy: 'first' });
    expect(byFirst.sorted().map((c) => c.firstName)).toEqual(['Anna', 'Bob', 'Hans', 'Jean', 'Zoé']);
  });

  it('breaks ties with the other name and sorts a contact without first name by its last name', () => {
    const a = contact({ firstName: 'Émile', lastName: 'Martin' });
    const b = contact({ firstName: 'Denis', lastName: 'Martin' });
    const c = contact({ lastName: 'Blanc' });
    const byFirst = createContactIndex([a, b, c], { country: null, sortBy: 'first' });
    expect(byFirst.sorted()).toEqual([c, b, a]);
    expect(createContactIndex([a, b, c], { country: null, sortBy: 'last' }).sorted()).toEqual([c, b, a]);
  });

  it('names a contact in either order, never empty', () => {
    expect(contactDisplayName(zoe, 'first')).toBe('Dr Zoé Lefèvre');
    expect(contactDisplayName(zoe, 'last')).toBe('Lefèvre Zoé');
    expect(contactDisplayName(contact({ company: 'Acme' }), 'last')).toBe('Acme');
    expect(contactDisplayName(contact({}, { kind: 'short', value: '1001' }), 'first')).toBe('1001');
    expect(contactDisplayName(contact({ title: 'Dr' }), 'first')).toBe('?');
  });
});
