/**
 * vCard 3.0 export (the version most address books import): CRLF line ends, text escaping and
 * folding at 75 octets without splitting a UTF-8 character. Reads back with parseVCards.
 */
import { contactDisplayName } from './display-name';
import type { ContactDraft, ContactNumberKind } from './types';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** TYPE values that parseVCards maps back to the same kind. */
const TEL_TYPES: Record<ContactNumberKind, string> = {
  phone: 'WORK,VOICE',
  mobile: 'CELL,VOICE',
  home: 'HOME,VOICE',
  short: 'X-SHORT',
  other: 'X-OTHER',
};

/** RFC 6350 §3.4 / RFC 2426 §4: backslash, comma, semicolon and line breaks. */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[,;]/g, (c) => `\\${c}`);
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/** Continuation lines start with a space, which counts towards their 75 octets. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function cardLines(contact: ContactDraft): string[] {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:${[contact.lastName, contact.firstName, '', contact.title, ''].map(escapeText).join(';')}`,
    `FN:${escapeText(contactDisplayName(contact, 'first'))}`,
  ];
  if (contact.company) lines.push(`ORG:${escapeText(contact.company)}`);
  if (contact.jobTitle) lines.push(`TITLE:${escapeText(contact.jobTitle)}`);
  if (contact.email) lines.push(`EMAIL;TYPE=INTERNET:${escapeText(contact.email)}`);
  for (const number of contact.numbers) {
    lines.push(`TEL;TYPE=${TEL_TYPES[number.kind]}:${escapeText(number.value)}`);
  }
  lines.push('END:VCARD');
  return lines;
}

export function exportVCards(contacts: readonly ContactDraft[]): string {
  return contacts
    .flatMap((contact) =>
      cardLines(contact)
        .map(foldLine)
        .map((line) => line + CRLF),
    )
    .join('');
}
