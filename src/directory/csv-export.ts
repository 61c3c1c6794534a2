/**
 * CSV export: English headers the importer reads back, CRLF, RFC 4180 quoting (papaparse), and
 * protection against spreadsheet formula injection.
 */
import Papa from 'papaparse';
import { FIELD_ALIASES, NUMBER_ALIASES } from './csv-columns';
import type { TextField } from './csv-columns';
import { isValidDialable } from './numbers';
import type { ContactDraft, ContactNumberKind } from './types';

const TEXT_COLUMNS: Exclude<TextField, 'fullName'>[] = [
  'title',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'email',
];
const NUMBER_COLUMNS: ContactNumberKind[] = ['phone', 'mobile', 'home', 'short', 'other'];

/** Our escape: `'` before what a spreadsheet could run as a formula (`=`, `+`, `-`, `@`, tab, CR). */
const ESCAPED = /^'[=+\-@\t\r']/;

/**
 * Prefixes `'` to a cell a spreadsheet would evaluate. `+41 44 123 45 67` is left alone: a
 * plausible phone number starting with `+` is data. A cell already starting with `'` followed by
 * one of those characters is escaped too, so the importer's unescape stays exact.
 */
export function protectCell(value: string): string {
  const risky =
    /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !isValidDialable(value)) || ESCAPED.test(value);
  return risky ? `'${value}` : value;
}

/** Undoes protectCell (also for files from other tools that use the same convention). */
export function unprotectCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}

function header(aliases: string[]): string {
  return aliases[0] ?? '';
}

export function exportContactsCsv(contacts: readonly ContactDraft[]): string {
  // As many columns per kind as the contact with most numbers of that kind needs ("Mobile Phone 2").
  const widths = NUMBER_COLUMNS.map((kind) =>
    contacts.reduce(
      (width, contact) => Math.max(width, contact.numbers.filter((n) => n.kind === kind).length),
      1,
    ),
  );
  const fields = [
    ...TEXT_COLUMNS.map((field) => header(FIELD_ALIASES[field])),
    ...NUMBER_COLUMNS.flatMap((kind, i) =>
      Array.from(
        { length: widths[i] ?? 1 },
        (_, n) => header(NUMBER_ALIASES[kind]) + (n === 0 ? '' : ` ${n + 1}`),
      ),
    ),
  ];
  const data = contacts.map((contact) => [
    ...TEXT_COLUMNS.map((field) => contact[field]),
    ...NUMBER_COLUMNS.flatMap((kind, i) => {
      const values = contact.numbers.filter((n) => n.kind === kind).map((n) => n.value);
      return Array.from({ length: widths[i] ?? 1 }, (_, n) => values[n] ?? '');
    }),
  ]);
  const rows = data.map((row) => row.map(protectCell));
  return Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: false }) + '\r\n';
}
