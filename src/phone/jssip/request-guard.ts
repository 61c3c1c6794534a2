import { parseMessage } from 'jssip/lib/Parser';

/**
 * Incoming requests JsSIP would mishandle, answered before JsSIP sees them.
 *
 * JsSIP's Parser drops a whole message when one well-known header fails its grammar (Parser.js
 * parseHeader: Refer-To, Event, Contact, Replaces, Session-Expires…): the request then gets no
 * response at all, the sender retransmits for 32 s and the PBX answers 408 for us. A REFER whose
 * Refer-To JsSIP cannot use (none, several, not sip:) gets 400/416 from JsSIP at best. Every such
 * request is refused here with a stateless 400 (RFC 3261 8.2: "400 Bad Request" for a malformed
 * request, RFC 3515 2.4.1 for the Refer-To rules) and never reaches JsSIP.
 */

/** A request larger than this (bytes of text) is refused with 513 Message Too Large (RFC 3261 21.5.12). */
export const MAX_REQUEST_CHARS = 128 * 1024;

export interface Refusal {
  status: number;
  reason: string;
}

/** The parts of JsSIP's IncomingRequest we read. */
interface ParsedRequest {
  method: string;
  to_tag?: string;
  refer_to?: { uri?: { scheme?: string } };
  event?: unknown;
}

const REQUEST_LINE = /^([A-Za-z]+) \S+ SIP\/2\.0$/;

/** What the raw text of one request must get instead of JsSIP, or null to hand it on. */
export function screenRequest(text: string): Refusal | null {
  const firstLine = text.slice(0, text.indexOf('\r\n'));
  const method = REQUEST_LINE.exec(firstLine)?.[1];
  // responses and non-SIP data are JsSIP's business (it drops what it cannot read)
  if (!method) return null;
  if (text.length > MAX_REQUEST_CHARS) return { status: 513, reason: 'Message Too Large' };
  const parsed = parseMessage(text, null) as ParsedRequest | undefined;
  if (!parsed) return { status: 400, reason: 'Bad Request' };
  if (parsed.method === 'REFER') return referProblem(parsed, text);
  // RFC 6665 8.2.1: Event is mandatory; JsSIP's in-dialog NOTIFY handler answers 400 and then throws
  if (parsed.method === 'NOTIFY' && !parsed.event) return { status: 400, reason: 'Missing Event' };
  return null;
}

/** Refer-To lines (full or compact name) in the raw head: JsSIP keeps only the last one. */
const REFER_TO_LINE = /\r\n(?:refer-to|r)[ \t]*:/gi;

function referProblem(request: ParsedRequest, text: string): Refusal | null {
  const head = text.slice(0, text.indexOf('\r\n\r\n') + 2);
  if ((head.match(REFER_TO_LINE) ?? []).length > 1) return { status: 400, reason: 'Bad Refer-To' };
  // JsSIP can only place sip: calls; any other target is as unusable as a garbled one
  if (request.refer_to?.uri?.scheme !== 'sip') return { status: 400, reason: 'Bad Refer-To' };
  return null;
}

const HEADER_NAMES: Record<string, string> = {
  via: 'Via',
  v: 'Via',
  from: 'From',
  f: 'From',
  to: 'To',
  t: 'To',
  'call-id': 'Call-ID',
  i: 'Call-ID',
  cseq: 'CSeq',
};

/**
 * A stateless response to the raw request `text` (RFC 3261 8.2.6), built from its raw Via, From,
 * To, Call-ID and CSeq lines because the request may not parse at all. Null when one is missing
 * (nobody could match the response) or for an ACK, which is never answered.
 */
export function statelessReply(text: string, refusal: Refusal, toTag: string): string | null {
  if (text.startsWith('ACK ')) return null;
  const end = text.indexOf('\r\n\r\n');
  const head = (end === -1 ? text : text.slice(0, end)).split('\r\n');
  const found: Record<string, string[]> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    const name = HEADER_NAMES[line.slice(0, colon).trim().toLowerCase()];
    if (colon > 0 && name) (found[name] ??= []).push(line.slice(colon + 1).trim());
  }
  const one = (name: string): string | null => found[name]?.[0] ?? null;
  const [from, to, callId, cseq] = [one('From'), one('To'), one('Call-ID'), one('CSeq')];
  if (!found.Via || !from || !to || !callId || !cseq) return null;
  const lines = [
    `SIP/2.0 ${refusal.status} ${refusal.reason}`,
    ...found.Via.map((via) => `Via: ${via}`),
    `From: ${from}`,
    `To: ${/;\s*tag=/i.test(to) ? to : `${to};tag=${toTag}`}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
    'Content-Length: 0',
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * RFC 3261 21.5.2 asks a 405 for Allow (JsSIP adds it); JsSIP's in-dialog 501 for an unknown method
 * has none, so the far end cannot tell what we do support. Adds `Allow: <allowed>` to such a 501.
 */
export function withAllow(message: string, allowed: string): string {
  if (!message.startsWith('SIP/2.0 501 ') || /\r\nAllow:/i.test(message)) return message;
  const end = message.indexOf('\r\n\r\n');
  if (end === -1) return message;
  return `${message.slice(0, end)}\r\nAllow: ${allowed}${message.slice(end)}`;
}
