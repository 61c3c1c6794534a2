import { describe, expect, it } from 'vitest';
import { parseContactsCsv } from './csv';
import { exportContactsCsv, protectCell } from './csv-export';
import frenchCsv from './fixtures/french-semicolon.csv?raw';
import googleCsv from './fixtures/google.csv?raw';
import outlookCsv from './fixtures/outlook.csv?raw';
import type { ContactDraft } from './types';

const skips = (text: string) => parseContactsCsv(text).skipped.map(({ line, reason }) => [line, reason]);
const draft = (fields: Partial<ContactDraft>): ContactDraft => ({
  title: '',
  firstName: '',
  lastName: '',
  company: '',
  jobTitle: '',
  email: '',
  numbers: [],
  ...fields,
});

describe('parseContactsCsv: real exports', () => {
  it('reads an Outlook export, with exact lines around a multi-line note', () => {
    const result = parseContactsCsv(outlookCsv);
    expect(result.fatal).toBeNull();
    expect(result.contacts).toEqual([
      draft({
        title: 'Ms.',
        firstName: 'Emma',
        lastName: 'Schmidt',
        company: 'Acme AG',
        jobTitle: 'Head of Sales',
        email: 'emma.schmidt@example.com',
        numbers: [
          { kind: 'phone', value: '+41 44 123 45 67' },
          { kind: 'mobile', value: '+41 79 555 12 34' },
        ],
      }),
      draft({
        firstName: 'Luca',
        lastName: 'Bernasconi',
        company: 'Acme AG',
        jobTitle: 'IT',
        // the Exchange address is dropped, the contact kept
        numbers: [
          { kind: 'home', value: '091 234 56 78' },
          { kind: 'short', value: '1005' },
        ],
      }),
    ]);
    expect(skips(outlookCsv)).toEqual([
      [5, 'missing_last_name'],
      [6, 'invalid_number'],
    ]);
    expect(result.skipped[0]?.excerpt).toMatch(/^"Nobody",""/);
  });

  it('reads a Google Contacts export (Phone N - Type/Value pairs, ::: lists)', () => {
    const result = parseContactsCsv(googleCsv);
    expect(result.contacts).toEqual([
      draft({
        firstName: 'Chloé',
        lastName: 'Martin',
        company: 'Startup SAS',
        jobTitle: 'CTO',
        email: 'chloe.martin@example.fr',
        numbers: [
          { kind: 'mobile', value: '+33 6 12 34 56 78' },
          { kind: 'mobile', value: '+33 6 98 76 54 32' },
          { kind: 'phone', value: '+33 1 23 45 67 00' },
        ],
      }),
      draft({
        firstName: 'Björn',
        lastName: 'Larsson',
        numbers: [{ kind: 'phone', value: '+46 8 123 456 78' }],
      }),
    ]);
    expect(skips(googleCsv)).toEqual([[5, 'missing_last_name']]);
  });

  it('reads a French semicolon file with accents and a quoted semicolon', () => {
    const result = parseContactsCsv(frenchCsv);
    expect(result.contacts[0]).toEqual(
      draft({
        title: 'Mme',
        firstName: 'Zoé',
        lastName: 'Lefèvre',
        company: 'Société Générale; Électricité',
        jobTitle: 'Directrice',
        email: 'zoe.lefevre@exemple.ch',
        numbers: [
          { kind: 'phone', value: '+41 22 345 67 89' },
          { kind: 'mobile', value: '079 123 45 67' },
          { kind: 'short', value: '1234' },
        ],
      }),
    );
    expect(result.contacts.map((c) => c.lastName)).toEqual(['Lefèvre', 'Dœuf', 'Ærø']);
    expect(skips(frenchCsv)).toEqual([[4, 'missing_last_name']]);
  });

  it('matches German and Italian headers, and German "Name" next to "Vorname"', () => {
    const german =
      'Anrede\tVorname\tName\tFirma\tFunktion\tTelefon geschäftlich\tHandy\tKurznummer\tE-Mail-Adresse\r\n' +
      'Herr\tJürg\tStraßmann\tACME\tLeiter\t044 123 45 67\t079 1 2 3\t1001\tj@acme.ch\r\n';
    expect(parseContactsCsv(german).contacts[0]).toMatchObject({
      firstName: 'Jürg',
      lastName: 'Straßmann',
      company: 'ACME',
    });
    const italian =
      'Nome;Cognome;Azienda;Ruolo;Telefono;Cellulare;Interno\nGiulia;Rossi;Ditta;Capo;091 123 45 67;;201\n';
    expect(parseContactsCsv(italian).contacts[0]).toMatchObject({
      firstName: 'Giulia',
      lastName: 'Rossi',
      numbers: [
        { kind: 'phone', value: '091 123 45 67' },
        { kind: 'short', value: '201' },
      ],
    });
  });
});

describe('parseContactsCsv: broken and hostile files', () => {
  it('skips an unterminated quote at the line where its row starts', () => {
    const text = 'Last Name,Phone\nAlpha,1001\n"Beta,1002\nGamma,1003\n';
    expect(skips(text)).toEqual([[3, 'malformed']]);
    expect(parseContactsCsv(text).contacts.map((c) => c.lastName)).toEqual(['Alpha']);
  });

  it('skips rows with too few or too many cells, tolerating empty trailing ones', () => {
    const text = 'Last Name,First Name,Phone\r\nA,a,1001\r\nB,b\r\nC,c,1003,extra\r\nD,d,1004,,\r\n';
    expect(skips(text)).toEqual([
      [3, 'malformed'],
      [4, 'malformed'],
    ]);
    expect(parseContactsCsv(text).contacts.map((c) => c.lastName)).toEqual(['A', 'D']);
  });

  it('counts lines across quoted line breaks of any style, and ignores blank lines', () => {
    const text = 'Last Name,Notes,Phone\r\n"A","one\ntwo\r\nthree",1001\r\n\r\n"","x",1002\r\nC,,x\r\n';
    expect(skips(text)).toEqual([
      [6, 'missing_last_name'],
      [7, 'invalid_number'],
    ]);
  });

  it('keeps markup as text but strips bidi and control characters', () => {
    const text = 'Last Name,First Name,Phone\n<img src=x onerror=alert(1)>,"\u202Eevil\u0007",1001\n';
    expect(parseContactsCsv(text).contacts[0]).toMatchObject({
      lastName: '<img src=x onerror=alert(1)>',
      firstName: 'evil',
    });
  });

  it('rejects NUL bytes at the start as binary, skips a later row holding them', () => {
    expect(parseContactsCsv('Last Name,Phone\nB\u0000,1002\n').fatal).toBe('unrecognised');
    const text = 'Last Name,Phone\n' + 'A,1001\n'.repeat(600) + 'B\u0000,1002\nC,1003\n';
    expect(skips(text)).toEqual([[602, 'malformed']]);
    expect(parseContactsCsv(text).contacts).toHaveLength(601);
  });

  it('rejects binary, empty, headerless and oversized files whole', () => {
    expect(parseContactsCsv('PK\u0003\u0004\u0000\u0000\u0014\u0000').fatal).toBe('unrecognised');
    expect(parseContactsCsv('\uFEFF').fatal).toBe('empty');
    expect(parseContactsCsv('Last Name,Phone\r\n').fatal).toBe('empty');
    expect(parseContactsCsv('foo,bar\n1,2\n').fatal).toBe('unrecognised');
    expect(parseContactsCsv('Last Name,Phone\n' + 'A,1001\n'.repeat(900_000)).fatal).toBe('too_big');
  });

  it('strips a byte-order mark before the header', () => {
    expect(parseContactsCsv('\uFEFFLast Name;Phone\nA;1001\n').contacts).toHaveLength(1);
  });
});

describe('exportContactsCsv', () => {
  const contacts: ContactDraft[] = [
    draft({
      title: 'Dr',
      firstName: '=HYPERLINK("http://evil.example","click")',
      lastName: '-2+3',
      company: '@SUM(A1:A9)',
      jobTitle: 'Line, with "quotes"',
      email: 'x@example.com',
      numbers: [
        { kind: 'phone', value: '+41 44 123 45 67' },
        { kind: 'mobile', value: '079 123 45 67' },
        { kind: 'mobile', value: '+41 79 765 43 21' },
        { kind: 'short', value: '1001' },
      ],
    }),
    draft({ firstName: "'=already", lastName: "'t Hooft", numbers: [{ kind: 'home', value: '-1' }] }),
  ];

  it('writes English headers, CRLF and RFC 4180 quoting', () => {
    const [header, first] = exportContactsCsv(contacts).split('\r\n');
    expect(header).toBe(
      'Title,First Name,Last Name,Company,Job Title,E-mail Address,Business Phone,Mobile Phone,Mobile Phone 2,Home Phone,Short Number,Other Phone',
    );
    expect(first).toContain('"Line, with ""quotes"""');
  });

  it('defuses formulas but leaves phone numbers alone', () => {
    const text = exportContactsCsv(contacts);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",'-2+3,'@SUM(A1:A9)`);
    expect(text).toContain(',+41 44 123 45 67,079 123 45 67,+41 79 765 43 21,');
    expect(protectCell('\tcmd')).toBe("'\tcmd");
    expect(protectCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(protectCell("'t Hooft")).toBe("'t Hooft");
    expect(protectCell("'=x")).toBe("''=x");
  });

  it('round-trips through parseContactsCsv', () => {
    // "-1" is not a dialable number: it would be skipped, so it is not in the round trip
    const dialable = [
      contacts[0]!,
      { ...contacts[1]!, numbers: [{ kind: 'home' as const, value: '091 234 56 78' }] },
    ];
    expect(parseContactsCsv(exportContactsCsv(dialable))).toEqual({
      contacts: dialable,
      skipped: [],
      fatal: null,
    });
  });
});
