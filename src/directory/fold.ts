/** Text normalisation for search (folding) and for untrusted imported text (sanitising). */

/** Letters that NFD does not decompose into a base letter plus combining marks. */
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  þ: 'th',
};
const LIGATURE = /[ßæœøłđıþ]/g;
const COMBINING_MARK = /\p{M}/gu;

/** Case- and accent-insensitive form for matching: `Zoé Lefèvre` → `zoe lefevre`, `Straße` → `strasse`. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .toLowerCase()
    .replace(LIGATURE, (c) => LIGATURES[c] ?? c);
}

/**
 * Invisible characters that reorder or hide text, so a name could display as something else
 * ("Trojan Source"): LRM/RLM, ALM, the embeddings/overrides U+202A–202E, the isolates
 * U+2066–2069, and a stray byte-order mark.
 */
const BIDI_CONTROL = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const WHITESPACE = /\s+/g;

export interface SanitizedText {
  /** control and bidi characters removed, whitespace collapsed to single spaces, trimmed */
  value: string;
  /** `value` is longer than the limit; it is returned whole, the caller decides (skip or report) */
  tooLong: boolean;
}

/**
 * Cleans one untrusted single-line field (imported name, company, number). Never throws and never
 * truncates: cutting a name silently would store a different name, so the caller gets a flag.
 * HTML is left alone on purpose: the UI renders contact fields as text.
 */
export function sanitizeText(s: string, maxLength: number): SanitizedText {
  const value = s.replace(BIDI_CONTROL, '').replace(CONTROL, '').replace(WHITESPACE, ' ').trim();
  return { value, tooLong: value.length > maxLength };
}
