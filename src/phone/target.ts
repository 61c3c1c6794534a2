import type { RemoteIdentity } from './types';

/** Visual separators people type or paste into phone numbers: `+41 (0)44 123-45.67`, `044/123 45 67`. */
const SEPARATORS = /[\s\-.()/]/g;
/** What may remain of a dialled number or extension: digits, letters, * and #, one leading +. */
const DIALLABLE = /^\+?[0-9A-Za-z*#_]+$/;
const SIP_URI = /^sips?:([^@\s:;?]+)@([A-Za-z0-9.\-[\]:]+)(?:[;?][^\s]*)?$/i;

export interface DialTarget {
  uri: string;
  user: string;
}

/**
 * Turns what the user typed into a SIP URI, or null when it cannot be dialled.
 * `#` is escaped because it is not allowed unescaped in the user part (RFC 3261 §25).
 */
export function parseTarget(input: string, domain: string): DialTarget | null {
  const text = input.trim();
  if (!text || !domain) return null;
  const sip = SIP_URI.exec(text);
  if (sip) {
    const user = sip[1] ?? '';
    return { uri: text.replace(/^sips?/i, (s) => s.toLowerCase()), user };
  }
  if (/^sips?:/i.test(text)) return null;
  if (text.includes('@')) return parseTarget(`sip:${text}`, domain);
  const user = text.replace(SEPARATORS, '');
  if (!DIALLABLE.test(user)) return null;
  return { uri: `sip:${user.replace(/#/g, '%23')}@${domain}`, user };
}

export function identityOfTarget(target: DialTarget): RemoteIdentity {
  return { displayName: null, user: target.user, uri: target.uri };
}
