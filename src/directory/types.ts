/**
 * Plain contact data shared by the directory parsers, the database and the stores. Framework-free:
 * nothing here imports Vue, Pinia or Dexie, so rows go straight into IndexedDB and reactive state.
 */

/** Where a contact comes from: the read-only company directory or the user's own contacts. */
export type ContactSource = 'personal' | 'company';

/** What a number is for; `short` is an internal short number or extension. */
export type ContactNumberKind = 'phone' | 'mobile' | 'short' | 'home' | 'other';

export interface ContactNumber {
  kind: ContactNumberKind;
  /** as typed or imported (trimmed); normalise with numbers.ts before comparing */
  value: string;
}

export interface Contact {
  /** `personal:<uuid>` (`personal:<uuid>-<n>` when imported) or `company:<stable key>` */
  id: string;
  source: ContactSource;
  /** honorific, e.g. "Dr" */
  title: string;
  firstName: string;
  /** required: a contact without a last name is rejected by validation and import */
  lastName: string;
  company: string;
  /** the person's function / job title */
  jobTitle: string;
  email: string;
  numbers: ContactNumber[];
}

/** A contact before it has an id and a source (what the import parsers and the editor produce). */
export type ContactDraft = Omit<Contact, 'id' | 'source'>;

/** Why an import skipped a row; the UI turns each code into words. */
export type ImportSkipReason =
  | 'missing_last_name' // no last name (nor a name we can split one from)
  | 'no_number' // neither a number nor an email: nothing to call
  | 'invalid_number' // a number with no digits or with characters that cannot be dialled
  | 'malformed' // the row or card could not be parsed
  | 'too_long' // a field over the length limit
  | 'too_many'; // beyond the maximum number of contacts per import

export interface ImportSkip {
  /** 1-based line of the file where the skipped row or card starts */
  line: number;
  reason: ImportSkipReason;
  /** untrusted excerpt of the offending text, for the report; render as text only */
  excerpt: string;
}

export interface ImportResult {
  contacts: ContactDraft[];
  skipped: ImportSkip[];
  /** the whole file was rejected (not vCard / not CSV / too big / unreadable) */
  fatal: 'empty' | 'too_big' | 'unrecognised' | null;
}
