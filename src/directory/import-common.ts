/**
 * What the CSV and vCard importers share: checks on the whole file, turning a parsed row or card
 * into a validated draft, and collecting contacts and skips with the per-import limit.
 */
import { foldText, sanitizeText } from './fold';
import { MAX_FIELD_LENGTH, MAX_IMPORT_BYTES, MAX_IMPORT_CONTACTS } from './limits';
import { MAX_NUMBER_LENGTH, MAX_NUMBERS_PER_CONTACT } from './limits';
import { dialString, isInternalNumber, isValidDialable } from './numbers';
import type { ContactDraft, ContactNumber, ContactNumberKind } from './types';
import type { ImportResult, ImportSkip, ImportSkipReason } from './types';
import { isPlausibleEmail, validateContact } from './validate';
import type { ContactFieldError } from './validate';

/** A row or card as read from the file: untrusted, unvalidated text. */
export interface RawContact {
  title: string;
  firstName: string;
  lastName: string;
  company: string;
  jobTitle: string;
  email: string;
  /** a single-field name ("Zoé Lefèvre"), split only when there is no last name */
  fullName: string;
  numbers: { kind: ContactNumberKind; value: string }[];
}

export function emptyRawContact(): RawContact {
  return {
    title: '',
    firstName: '',
    lastName: '',
    company: '',
    jobTitle: '',
    email: '',
    fullName: '',
    numbers: [],
  };
}

type FileProblem = NonNullable<ImportResult['fatal']>;

function exceedsImportSize(text: string): boolean {
  if (text.length > MAX_IMPORT_BYTES) return true;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: only encode when it could matter.
  return text.length * 3 > MAX_IMPORT_BYTES && new TextEncoder().encode(text).length > MAX_IMPORT_BYTES;
}

const BINARY_CHAR = /[\u0001-\u0008\u000E-\u001F\uFFFD]/g;

/** NUL bytes, or many control/replacement characters: an image, a zip, a UTF-16 file read as UTF-8. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  return (sample.match(BINARY_CHAR)?.length ?? 0) > sample.length * 0.05;
}

/** The file as a whole: too big, empty, or binary (checked in that order, before any parsing). */
export function fileProblem(text: string): FileProblem | null {
  if (exceedsImportSize(text)) return 'too_big';
  if (text.trim() === '') return 'empty';
  return looksBinary(text) ? 'unrecognised' : null;
}

export function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** A short, single-line, bidi-free piece of the source for the report (still untrusted text). */
export function excerptOf(text: string): string {
  return sanitizeText(text.slice(0, 400), Infinity).value.slice(0, 80);
}

type Outcome = { draft: ContactDraft } | { reason: ImportSkipReason };

function cleanNumbers(raw: RawContact['numbers']): ContactNumber[] | ImportSkipReason {
  const numbers: ContactNumber[] = [];
  const seen = new Set<string>();
  for (const number of raw) {
    const { value, tooLong } = sanitizeText(number.value, MAX_NUMBER_LENGTH);
    if (value === '') continue;
    if (tooLong) return 'too_long';
    if (!isValidDialable(value)) return 'invalid_number';
    const dial = dialString(value);
    if (seen.has(dial)) continue;
    seen.add(dial);
    numbers.push({ kind: isInternalNumber(value) ? 'short' : number.kind, value });
  }
  // Outlook exports up to 19 phone columns; keeping the first ones beats losing the contact.
  return numbers.slice(0, MAX_NUMBERS_PER_CONTACT);
}

/**
 * "Zoé Anne Lefèvre" → first "Zoé Anne", last "Lefèvre". A name that is the company's name (a
 * company card: "Pizzeria Da Mario") is kept whole as the last name rather than split.
 */
function splitFullName(fields: Record<string, string>): void {
  if (fields.lastName !== '' || !fields.fullName) return;
  // Google's "Name" column repeats a lone given name: there is no last name to find in it.
  if (foldText(fields.fullName) === foldText(fields.firstName ?? '')) return;
  if (foldText(fields.fullName) === foldText(fields.company ?? '')) {
    fields.lastName = fields.fullName;
    return;
  }
  const words = fields.fullName.split(' ');
  fields.lastName = words.pop() ?? '';
  if (fields.firstName === '') fields.firstName = words.join(' ');
}

function reasonFor(error: ContactFieldError): ImportSkipReason {
  switch (error.code) {
    case 'required':
      return 'missing_last_name';
    case 'too_long':
      return 'too_long';
    case 'invalid_number':
      return 'invalid_number';
    case 'invalid_email':
      return 'malformed'; // not reached: imports drop an implausible email instead
  }
}

/**
 * Sanitises every field and applies the editor's rules. An implausible email is dropped rather
 * than losing the contact (Outlook exports Exchange addresses like `/o=ExchangeLabs/...`).
 */
export function toImportDraft(raw: RawContact): Outcome {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    const clean = sanitizeText(value, MAX_FIELD_LENGTH);
    if (clean.tooLong) return { reason: 'too_long' };
    fields[key] = clean.value;
  }
  splitFullName(fields);
  const numbers = cleanNumbers(raw.numbers);
  if (typeof numbers === 'string') return { reason: numbers };
  const email = isPlausibleEmail(fields.email ?? '') ? (fields.email ?? '') : '';
  const draft: ContactDraft = {
    title: fields.title ?? '',
    firstName: fields.firstName ?? '',
    lastName: fields.lastName ?? '',
    company: fields.company ?? '',
    jobTitle: fields.jobTitle ?? '',
    email,
    numbers,
  };
  const [error] = validateContact(draft);
  if (error) return { reason: reasonFor(error) };
  if (numbers.length === 0 && email === '') return { reason: 'no_number' };
  return { draft };
}

export interface ImportCollector {
  /** validates and keeps the contact or records why not; false once the import limit is reached */
  add(line: number, raw: RawContact, source: string): boolean;
  skip(line: number, reason: ImportSkipReason, source: string): void;
  result(): ImportResult;
}

export function createCollector(): ImportCollector {
  const contacts: ContactDraft[] = [];
  const skipped: ImportSkip[] = [];
  const skip = (line: number, reason: ImportSkipReason, source: string) => {
    skipped.push({ line, reason, excerpt: excerptOf(source) });
  };
  const add = (line: number, raw: RawContact, source: string): boolean => {
    const outcome = toImportDraft(raw);
    if ('reason' in outcome) {
      skip(line, outcome.reason, source);
      return true;
    }
    if (contacts.length >= MAX_IMPORT_CONTACTS) {
      // One entry for the whole rest of the file, at the first contact that did not fit.
      skip(line, 'too_many', source);
      return false;
    }
    contacts.push(outcome.draft);
    return true;
  };
  return { add, skip, result: () => ({ contacts, skipped, fatal: null }) };
}
