import { describe, expect, it } from 'vitest';
import type { ContactDraft } from './types';
import { parseVCards } from './vcard';
import { exportVCards } from './vcard-export';
import appleContacts from './fixtures/apple-contacts-3.vcf?raw';
import vcard4 from './fixtures/vcard-4.vcf?raw';

const skips = (text: string) => parseVCards(text).skipped.map(({ line, reason }) => [line, reason]);
const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');

describe('parseVCards: real exports', () => {
  it('reads an Apple Contacts vCard 3.0 file', () => {
    const result = parseVCards(appleContacts);
    expect(result.fatal).toBeNull();
    expect(result.skipped).toEqual([]);
    expect(result.contacts).toEqual<ContactDraft[]>([
      {
        title: 'Dr',
        firstName: 'Zoé Anne',
        lastName: 'Lefèvre',
        company: 'Hôpital Cantonal',
        jobTitle: 'Médecin-cheffe',
        email: 'zoe.lefevre@hopital.example.ch',
        numbers: [
          { kind: 'mobile', value: '+41 79 123 45 67' },
          { kind: 'phone', value: '+41 (0)22 345 67 89' },
          { kind: 'short', value: '1001' },
        ],
      },
      {
        title: '',
        firstName: 'Hans-Peter',
        lastName: 'Müller',
        company: 'Müller & Söhne, AG',
        jobTitle: '',
        email: '',
        numbers: [
          { kind: 'home', value: '044 123 45 67' },
          { kind: 'mobile', value: '0041 79 987 65 43' },
        ],
      },
      {
        title: '',
        firstName: '',
        lastName: 'Pizzeria Da Mario',
        company: 'Pizzeria Da Mario',
        jobTitle: '',
        email: '',
        numbers: [{ kind: 'phone', value: '+41 44 555 66 77' }],
      },
    ]);
  });

  it('reads vCard 4.0 tel: URIs, ROLE and a card with FN only', () => {
    const result = parseVCards(vcard4);
    expect(result.skipped).toEqual([]);
    expect(result.contacts[0]).toMatchObject({
      title: 'M.',
      lastName: 'Dupont',
      company: "Société Générale d'Électricité",
      jobTitle: 'Responsable technique',
      numbers: [
        { kind: 'phone', value: '+33-1-42-68-53-00 ext. 123' },
        { kind: 'mobile', value: '+33612345678' },
        { kind: 'short', value: '2345' },
        { kind: 'other', value: '+33-6-99-88-77-66' },
      ],
    });
    expect(result.contacts[1]).toMatchObject({ firstName: 'Erika', lastName: 'Mustermann' });
    expect(result.contacts[1]?.numbers).toEqual([{ kind: 'home', value: '+49-30-1234567' }]);
  });

  it('reads an Outlook-style vCard 2.1 with bare types and quoted-printable', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;Zo=C3=A9',
      'ORG;ENCODING=QUOTED-PRINTABLE:Soci=C3=A9t=C3=A9 G=C3=A9n=C3=A9rale, Gen=',
      '=C3=A8ve',
      'TEL;WORK;VOICE:+41 22 345 67 89',
      'TEL;CELL:079 123 45 67',
      'TEL;WORK;FAX:+41 22 345 67 00',
      'END:VCARD',
    ].join('\r\n');
    expect(parseVCards(text).contacts).toEqual([
      {
        title: '',
        firstName: 'Zoé',
        lastName: 'Lefèvre',
        company: 'Société Générale, Genève',
        jobTitle: '',
        email: '',
        numbers: [
          { kind: 'phone', value: '+41 22 345 67 89' },
          { kind: 'mobile', value: '079 123 45 67' },
        ],
      },
    ]);
  });
});

describe('parseVCards: broken and hostile files', () => {
  const good = card('N:Good;Gina', 'TEL:1001');

  it('skips a BEGIN without END and still imports the next card', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Broken;Bob', good].join('\n');
    const result = parseVCards(text);
    expect(skips(text)).toEqual([[1, 'malformed']]);
    expect(result.skipped[0]?.excerpt).toBe('N:Broken;Bob');
    expect(result.contacts.map((c) => c.lastName)).toEqual(['Good']);
    expect(skips(`${good}\r\nBEGIN:VCARD\r\nN:Cut;Off`)).toEqual([[6, 'malformed']]);
  });

  it('reports an END without BEGIN and stray text by line', () => {
    expect(skips(`${good}\r\nEND:VCARD\r\n\r\nsome text\r\nmore\r\n${good}`)).toEqual([
      [6, 'malformed'],
      [8, 'malformed'],
    ]);
  });

  it('skips the outer card of a nested BEGIN, keeps the inner one', () => {
    const text = ['BEGIN:VCARD', 'N:Outer;O', good, 'END:VCARD'].join('\n');
    expect(skips(text)).toEqual([
      [1, 'malformed'],
      [8, 'malformed'],
    ]);
    expect(parseVCards(text).contacts.map((c) => c.lastName)).toEqual(['Good']);
  });

  it('skips a card ical.js cannot parse, by its starting line', () => {
    const text = [good, card('N:Bad;B', 'this line has no colon'), good].join('\n');
    expect(skips(text)).toEqual([[6, 'malformed']]);
    expect(parseVCards(text).contacts).toHaveLength(2);
  });

  it('applies the contact rules to each card', () => {
    const text = [
      card('FN:Cher', 'TEL:1001'),
      card('N:Nonum;N'),
      card('N:Bad;Number', 'TEL:call me'),
      card(`N:${'x'.repeat(201)};Long`, 'TEL:1001'),
      card('N:Mail;Only', 'EMAIL:only@example.com'),
    ].join('\r\n');
    expect(skips(text)).toEqual([
      [6, 'no_number'],
      [10, 'invalid_number'],
      [15, 'too_long'],
    ]);
    expect(parseVCards(text).contacts.map((c) => c.lastName)).toEqual(['Cher', 'Mail']);
  });

  it('keeps markup as text but strips bidi and control characters', () => {
    const text = card('N:<img src=x onerror=alert(1)>;\u202Eevil\u202C\u0007', 'TEL:1001');
    expect(parseVCards(text).contacts[0]).toMatchObject({
      lastName: '<img src=x onerror=alert(1)>',
      firstName: 'evil',
    });
  });

  it('rejects binary, empty, non-vCard and oversized files whole', () => {
    expect(parseVCards('\u0000\u0001PNG\r\n\u001a\n\u0000\u0000').fatal).toBe('unrecognised');
    expect(parseVCards('').fatal).toBe('empty');
    expect(parseVCards(' \r\n ').fatal).toBe('empty');
    expect(parseVCards('Last Name,Phone\nDoe,1001').fatal).toBe('unrecognised');
    expect(parseVCards(good + 'x'.repeat(6 * 1024 * 1024)).fatal).toBe('too_big');
  });

  it('strips a byte-order mark', () => {
    expect(parseVCards('\uFEFF' + good).contacts).toHaveLength(1);
  });
});

describe('exportVCards', () => {
  const contacts: ContactDraft[] = [
    {
      title: 'Dr',
      firstName: 'Zoé',
      lastName: 'Lefèvre; Dubois',
      company: 'Müller, Söhne & Co\\AG',
      jobTitle: 'Médecin-cheffe du service de cardiologie interventionnelle et de rythmologie',
      email: 'zoe@example.ch',
      numbers: [
        { kind: 'phone', value: '+41 22 345 67 89' },
        { kind: 'mobile', value: '079 123 45 67' },
        { kind: 'home', value: '+33 1 42 68 53 00' },
        { kind: 'short', value: '1001' },
        { kind: 'other', value: '+41 44 555 66 77' },
      ],
    },
    { title: '', firstName: '', lastName: 'Solo', company: '', jobTitle: '', email: '', numbers: [] },
  ];

  it('writes vCard 3.0 with CRLF, escaping and folding at 75 octets', () => {
    const text = exportVCards(contacts);
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lefèvre\\; Dubois;Zoé;;Dr;\r\n')).toBe(true);
    expect(text).toContain('ORG:Müller\\, Söhne & Co\\\\AG\r\n');
    expect(text).toContain('TEL;TYPE=CELL,VOICE:079 123 45 67\r\n');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(text).toMatch(/\r\n [^\r\n]/); // the job title was folded
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('round-trips through parseVCards', () => {
    const withNumber = contacts.map((c) => (c.numbers.length ? c : { ...c, email: 'solo@example.com' }));
    expect(parseVCards(exportVCards(withNumber))).toEqual({ contacts: withNumber, skipped: [], fatal: null });
  });

  it('folds long lines of multi-byte characters without splitting them', () => {
    const name = 'é'.repeat(100) + '😀'.repeat(30);
    const text = exportVCards([{ ...contacts[1]!, lastName: name, email: 'x@example.com' }]);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(parseVCards(text).contacts[0]?.lastName).toBe(name);
  });
});
