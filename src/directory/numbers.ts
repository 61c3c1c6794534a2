/** Phone-number helpers (normalising, matching, formatting). The directory work extends this file. */

const SHORT_NUMBER = /^[0-9*#]{1,6}$/;

/** An extension or feature code (at most 6 dialable characters, no international prefix). */
export function isInternalNumber(raw: string): boolean {
  return SHORT_NUMBER.test(raw.replace(/[\s().-]/g, ''));
}
