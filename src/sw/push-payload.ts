/**
 * The pushed payload (docs/web-push.md), parsed defensively: it comes from the push sender, but a
 * push service or a bug can deliver anything, and the caller chose the name and number. Whatever
 * arrives, the worker shows something (Chrome requires a visible notification for every push).
 */

export interface CallPush {
  type: 'call';
  callId: string;
  number: string;
  name: string | null;
  token: string;
  expiresAt: number | null;
}

export interface CancelPush {
  type: 'cancel';
  callId: string;
  reason: 'cancelled' | 'answered_elsewhere' | 'timeout';
}

/** no data, bad JSON, unknown version or type: the neutral "Incoming call" */
export interface UnknownPush {
  type: 'unknown';
}

export type PushMessage = CallPush | CancelPush | UnknownPush;

/** a caller can put kilobytes into a display name; notifications are text, but keep them short */
export const MAX_NAME = 80;
export const MAX_NUMBER = 40;
const MAX_ID = 256;
// control characters and bidi overrides: they hide or reverse the text around them
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(raw: unknown, max: number): string | null {
  if (typeof raw !== 'string') return null;
  const clean = raw.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const idOf = (raw: unknown): string | null =>
  typeof raw === 'string' && raw !== '' && raw.length <= MAX_ID && !UNPRINTABLE.test(raw) ? raw : null;

const REASONS = ['cancelled', 'answered_elsewhere', 'timeout'] as const;
const UNKNOWN: UnknownPush = { type: 'unknown' };

function parseCall(data: Record<string, unknown>, callId: string): PushMessage {
  const from = (typeof data.from === 'object' && data.from !== null ? data.from : {}) as Record<
    string,
    unknown
  >;
  const token = idOf(data.token);
  if (!token) return UNKNOWN;
  return {
    type: 'call',
    callId,
    number: cleanText(from.number, MAX_NUMBER) ?? '',
    name: cleanText(from.name, MAX_NAME),
    token,
    expiresAt: typeof data.expiresAt === 'number' && Number.isFinite(data.expiresAt) ? data.expiresAt : null,
  };
}

export function parsePush(text: string | null): PushMessage {
  if (text === null) return UNKNOWN;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return UNKNOWN;
  }
  if (typeof data !== 'object' || data === null) return UNKNOWN;
  const record = data as Record<string, unknown>;
  const callId = idOf(record.callId);
  if (record.v !== 1 || !callId) return UNKNOWN;
  if (record.type === 'call') return parseCall(record, callId);
  if (record.type === 'cancel') {
    const reason = REASONS.find((r) => r === record.reason) ?? 'cancelled';
    return { type: 'cancel', callId, reason };
  }
  return UNKNOWN;
}
