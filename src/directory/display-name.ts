/** How a contact is named in lists and call screens. */
import type { ContactDraft } from './types';

/** Which name a directory list is sorted and shown by. */
export type NameOrder = 'first' | 'last';

function joinWords(...words: string[]): string {
  return words
    .map((word) => word.trim())
    .filter((word) => word !== '')
    .join(' ');
}

/**
 * "First Last" (with the title: "Dr Zoé Lefèvre") or "Last First" (no title: a leading "Dr" would
 * break the alphabetical reading). Never empty: falls back to the company, the first number, the
 * email, then "?".
 */
export function contactDisplayName(contact: ContactDraft, sortBy: NameOrder): string {
  const name =
    sortBy === 'first'
      ? joinWords(contact.firstName, contact.lastName)
      : joinWords(contact.lastName, contact.firstName);
  if (name !== '') return sortBy === 'first' ? joinWords(contact.title, name) : name;
  return (
    joinWords(contact.company) ||
    joinWords(contact.numbers[0]?.value ?? '') ||
    joinWords(contact.email) ||
    '?'
  );
}
