/**
 * Phone-number helpers: a canonical key to compare numbers, display formatting, the string to dial
 * and the digit forms a typed search is matched against. `country` is the default country (ISO
 * 3166 alpha-2, e.g. 'CH') used to read national numbers, or null when there is none.
 */
import type * as NumberParser from './number-parser';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';

/**
 * libphonenumber and its metadata (about 30 KB compressed) are their own chunk, loaded while the
 * app starts and awaited by whatever reads public numbers (the directory store, the Directory
 * tab, the index worker) before it does. Until then a number reads as its dialable characters,
 * and nothing is cached, so no key made early survives.
 */
let lib: typeof NumberParser | null = null;
let loading: Promise<void> | null = null;
export function loadNumberParser(): Promise<void> {
  loading ??= import('./number-parser').then(
    (module) => {
      lib = module;
    },
    (error: unknown) => {
      loading = null; // tried again by the next caller
      throw error;
    },
  );
  return loading;
}

const SHORT_NUMBER = /^[0-9*#]{1,6}$/;

/** An extension or feature code (at most 6 dialable characters, no international prefix). */
export function isInternalNumber(raw: string): boolean {
  return SHORT_NUMBER.test(raw.replace(/[\s().-]/g, ''));
}

/** A trailing extension as written in address books: `ext. 12`, `x12`, `;ext=12`. */
const EXTENSION = /\s*(?:;\s*ext=|ext\.?|x)\s*\d+\s*$/i;
/** Digits plus the separators people type; `+` only in front; `(0)` is the Swiss/German trunk hint. */
const DIALABLE = /^\+?[\d\s*#().\-/]+$/;
const NOT_DIALABLE_CHAR = /[^0-9*#]/g;
const DIGIT = /\d/;
/** Search input that reads as a number rather than a name. */
const NUMBER_QUERY = /^[\d\s+\-().\/*#]+$/;

function countryCode(country: string | null): CountryCode | undefined {
  return country !== null && lib?.isSupportedCountry(country) ? country : undefined;
}

/**
 * The number as libphonenumber reads it, when it is a possible public number. Short numbers and
 * feature codes (`*8 1002`) are never read as national numbers: in DE `1001` would otherwise be a
 * "possible" number and stop matching the extension 1001.
 */
function parsePublic(raw: string, country: string | null): PhoneNumber | undefined {
  if (!lib) return undefined;
  const key = `${country ?? ''}|${raw}`;
  if (parsed.has(key)) return parsed.get(key);
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
  const result = parseUncached(raw, country);
  parsed.set(key, result);
  return result;
}

/**
 * libphonenumber is the costly part of building a search index (about 50 µs a number), and the
 * index is rebuilt whenever a contact or the company copy changes: remembering each parse makes a
 * rebuild cost only the numbers that are new. Bounded, so a huge directory cannot grow it forever.
 */
const PARSE_CACHE_LIMIT = 200_000;
const parsed = new Map<string, PhoneNumber | undefined>();

function parseUncached(raw: string, country: string | null): PhoneNumber | undefined {
  if (!DIGIT.test(raw) || isInternalNumber(raw) || /[*#]/.test(raw)) return undefined;
  const defaultCountry = countryCode(country);
  // Without a default country libphonenumber does not know `00` is the international prefix.
  const text = defaultCountry ? raw : raw.replace(/^\s*00/, '+');
  const number = lib?.parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : undefined);
  return number?.isPossible() ? number : undefined;
}

/** Only the dialable characters, for short numbers and as a fallback form. */
function dialableChars(raw: string): string {
  return raw.replace(NOT_DIALABLE_CHAR, '');
}

/**
 * Canonical key to compare two numbers: E.164 (`+41441234567`, extension dropped) for a possible
 * public number, else the dialable characters (`1001`, `*81002`); null when there is no digit.
 */
export function numberKey(raw: string, country: string | null): string | null {
  return keyOf(raw, parsePublic(raw, country));
}

function keyOf(raw: string, parsed: PhoneNumber | undefined): string | null {
  if (parsed) return parsed.number;
  const chars = dialableChars(raw);
  return DIGIT.test(chars) ? chars : null;
}

/** For display: national format in the default country, international otherwise, short numbers as typed. */
export function formatNumber(raw: string, country: string | null): string {
  const parsed = parsePublic(raw, country);
  if (!parsed) return raw.trim();
  const home = countryCode(country);
  return home !== undefined && parsed.country === home
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/**
 * What to send to the PBX: a leading `+`, then digits, `*` and `#` as typed. `00` stays `00`
 * (PBXs differ on international prefixes) and an extension suffix is dropped: appending its
 * digits would dial a different number.
 */
export function dialString(raw: string): string {
  const main = raw.replace(EXTENSION, '');
  const plus = main.trimStart().startsWith('+') ? '+' : '';
  return plus + dialableChars(main);
}

/** At least one digit and only dialable or formatting characters (an extension suffix is allowed). */
export function isValidDialable(raw: string): boolean {
  const main = raw.trim().replace(EXTENSION, '');
  return DIALABLE.test(main) && DIGIT.test(main);
}

/**
 * Digit strings a typed partial number is matched against as substrings: international digits
 * without `+` (41441234567), the national form with trunk prefix (0441234567) and the raw digits.
 */
export function numberSearchForms(raw: string, country: string | null): string[] {
  return numberFacts(raw, country).forms;
}

function searchForms(raw: string, parsed: PhoneNumber | undefined): string[] {
  const forms: string[] = [];
  if (parsed) forms.push(parsed.number.slice(1), dialableChars(parsed.formatNational()));
  forms.push(dialableChars(raw.replace(EXTENSION, '')));
  return [...new Set(forms.filter((form) => form !== ''))];
}

/** numberKey and numberSearchForms from one parse (the costly part), for building search indexes. */
export function numberFacts(raw: string, country: string | null): { key: string | null; forms: string[] } {
  const parsed = parsePublic(raw, country);
  return { key: keyOf(raw, parsed), forms: searchForms(raw, parsed) };
}

/**
 * The digits to look for when a search query reads as a number, else null (a text query).
 * `+41 44` and `0041 44` → `4144` (international digits), `044 12` → `04412`; `(0)` is ignored.
 */
export function queryDigits(query: string): string | null {
  const trimmed = query.trim();
  if (!NUMBER_QUERY.test(trimmed) || !DIGIT.test(trimmed)) return null;
  const digits = dialableChars(trimmed.replace('(0)', ''));
  if (digits === '') return null;
  if (trimmed.startsWith('+') || !digits.startsWith('00') || digits.length === 2) return digits;
  return digits.slice(2);
}
