/** Import and validation limits, shared by the parsers, the validator and the UI (for messages). */

/** Larger files are rejected whole (`fatal: 'too_big'`): parsing them would freeze the tab. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Contacts kept from one import; the rest is reported once as a `too_many` skip. */
export const MAX_IMPORT_CONTACTS = 50_000;

/** Longest text field (name, company, job title, email), in UTF-16 code units. */
export const MAX_FIELD_LENGTH = 200;

/** Numbers per contact; an import keeps the first ones, the editor reports `too_long`. */
export const MAX_NUMBERS_PER_CONTACT = 10;

/** Longest phone number as typed, extension and formatting included. */
export const MAX_NUMBER_LENGTH = 50;
