import { describe, expect, it } from 'vitest';
import { createContactIndex, type Contact } from '@/directory';
import { suggest, type RecentCall } from './keypad-search';

const contacts: Contact[] = [
  {
    id: 'personal:1',
    source: 'personal',
    title: '',
    firstName: 'Bob',
    lastName: 'Lefèvre',
    company: 'Acme',
    jobTitle: '',
    email: '',
    numbers: [
      { kind: 'phone', value: '1002' },
      { kind: 'mobile', value: '+41 79 555 12 34' },
    ],
  },
];
const index = createContactIndex(contacts, { country: 'CH', sortBy: 'last' });
const recent: RecentCall[] = [
  { number: '1005', displayName: 'Emma Schmidt' },
  { number: '1002', displayName: 'Bob' },
  { number: '1005', displayName: 'Emma Schmidt' },
];
const options = {
  search: (q: string, limit: number) => index.search(q, limit),
  recent,
  nameFor: (n: string, d: string | null) => index.findByNumber(n)?.contact.lastName ?? d,
};

describe('keypad suggestions', () => {
  it('lists every number of a matching contact, by name, accent-insensitively', () => {
    const list = suggest('lefe', options);
    expect(list.map((s) => [s.source, s.number, s.kind])).toEqual([
      ['contact', '1002', 'phone'],
      ['contact', '+41795551234', 'mobile'],
    ]);
  });

  it('matches numbers whatever their format, then recent calls not already listed', () => {
    expect(suggest('079 555', options).map((s) => s.number)).toEqual(['+41795551234']);
    expect(suggest('100', options).map((s) => [s.source, s.number])).toEqual([
      ['contact', '1002'],
      ['recent', '1005'],
    ]);
  });

  it('finds recent callers by SIP display name and respects the limit', () => {
    expect(suggest('emma', options).map((s) => s.number)).toEqual(['1005']);
    expect(suggest('1', { ...options, limit: 1 })).toHaveLength(1);
    expect(suggest('  ', options)).toEqual([]);
  });
});
