import type { MwiSnapshot } from './types';

/** No messages: what MWI shows while nothing is known (disabled, subscription lost or refused). */
export const NO_MESSAGES: MwiSnapshot = { waiting: false, newMessages: 0, oldMessages: 0, account: null };

/** RFC 3842 §5.2 message-context-class values; voice is the one a softphone shows. */
const CLASSES = [
  'voice-message',
  'fax-message',
  'pager-message',
  'multimedia-message',
  'text-message',
  'none',
];
/** `2/8`, `2 / 8 (0/2)`: new/old, then optional urgent counts we ignore. */
const COUNTS = /^(\d{1,9})\s*\/\s*(\d{1,9})(?:\s*\(\s*\d{1,9}\s*\/\s*\d{1,9}\s*\))?\s*$/;
const URI = /^<?\s*((?:sips?|tel):[^\s<>]+)\s*>?$/i;

/**
 * Parses an `application/simple-message-summary` body (RFC 3842 §5). Case, spacing and line
 * endings are forgiven; unknown lines (the optional message headers) are skipped. Counts come
 * from Voice-Message, or are summed over the other classes when there is none. Returns null
 * when the body says nothing we understand, so the caller keeps its last state.
 */
export function parseMessageSummary(body: string): MwiSnapshot | null {
  let waiting: boolean | null = null;
  let account: string | null = null;
  let voice: [number, number] | null = null;
  const other: [number, number] = [0, 0];
  let understood = false;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'messages-waiting') {
      const flag = value.toLowerCase();
      if (flag === 'yes' || flag === 'no') {
        waiting = flag === 'yes';
        understood = true;
      }
    } else if (name === 'message-account') {
      account = URI.exec(value)?.[1] ?? account;
    } else if (CLASSES.includes(name)) {
      const counts = COUNTS.exec(value);
      if (!counts) continue;
      const pair: [number, number] = [Number(counts[1]), Number(counts[2])];
      understood = true;
      if (name === 'voice-message') voice = pair;
      else {
        other[0] += pair[0];
        other[1] += pair[1];
      }
    }
  }
  if (!understood) return null;
  const [newMessages, oldMessages] = voice ?? other;
  return { waiting: waiting ?? newMessages > 0, newMessages, oldMessages, account };
}

export function sameMwi(a: MwiSnapshot | null, b: MwiSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.waiting === b.waiting &&
    a.newMessages === b.newMessages &&
    a.oldMessages === b.oldMessages &&
    a.account === b.account
  );
}
