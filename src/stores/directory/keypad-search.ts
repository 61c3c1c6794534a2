import {
  contactDisplayName,
  dialString,
  foldText,
  queryDigits,
  type ContactMatch,
  type ContactNumberKind,
} from '@/directory';

/** One line under the keypad field: a number to dial, with whom it belongs to. */
export interface KeypadSuggestion {
  /** stable per line, for the listbox's option ids */
  key: string;
  source: 'contact' | 'recent';
  /** directory name, or the SIP display name of a recent call (untrusted: render as text) */
  name: string | null;
  /** what is dialled when picked */
  number: string;
  /** a contact number's kind, for the label */
  kind: ContactNumberKind | null;
}

/** The part of a history row the suggestions read. */
export interface RecentCall {
  number: string;
  displayName: string | null;
}

export interface SuggestOptions {
  search(query: string, limit: number): ContactMatch[];
  recent: readonly RecentCall[];
  /** directory name for a recent number (contacts win over SIP display names) */
  nameFor(number: string, displayName: string | null): string | null;
  limit?: number;
}

function fromContacts(matches: ContactMatch[]): KeypadSuggestion[] {
  return matches.flatMap(({ contact, number }) =>
    (number ? [number] : contact.numbers).map((n) => ({
      key: `c:${contact.id}:${n.kind}:${n.value}`,
      source: 'contact' as const,
      name: contactDisplayName(contact, 'first'),
      number: dialString(n.value),
      kind: n.kind,
    })),
  );
}

function fromRecent(query: string, options: SuggestOptions): KeypadSuggestion[] {
  const digits = queryDigits(query);
  const text = foldText(query);
  const seen = new Set<string>();
  const out: KeypadSuggestion[] = [];
  for (const call of options.recent) {
    const number = dialString(call.number);
    if (seen.has(number)) continue;
    seen.add(number);
    const name = options.nameFor(call.number, call.displayName);
    const hit = digits ? number.replace(/\D/g, '').includes(digits) : foldText(name ?? '').includes(text);
    if (hit) out.push({ key: `r:${number}`, source: 'recent', name, number, kind: null });
  }
  return out;
}

/**
 * Keypad suggestions for what the user typed: directory matches first (one line per number),
 * then recent calls not already listed. Runs on every keystroke, so it stays linear and small.
 */
export function suggest(query: string, options: SuggestOptions): KeypadSuggestion[] {
  const limit = options.limit ?? 8;
  if (query.trim() === '') return [];
  const contacts = fromContacts(options.search(query, limit)).slice(0, limit);
  const listed = new Set(contacts.map((s) => s.number));
  const recent = fromRecent(query, options).filter((s) => !listed.has(s.number));
  return [...contacts, ...recent].slice(0, limit);
}
