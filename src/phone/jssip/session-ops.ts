import { createLogger } from '@/lib/logger';
import * as JsSIP from 'jssip';
import type { DTMFOptions, RTCSession } from 'jssip/lib/RTCSession';
import type { DtmfTransport, RemoteIdentity } from '../types';

const log = createLogger('phone.jssip');

/** JsSIP types `connection` as always set, but it is null for an incoming call before answer(). */
export function peerOf(session: RTCSession | null): RTCPeerConnection | null {
  return (session?.connection as RTCPeerConnection | null | undefined) ?? null;
}

/** Longest display name we keep; a caller can put kilobytes there to push our UI around. */
export const MAX_DISPLAY_NAME = 80;
// control characters and bidi overrides: they beep, hide or reverse the text around them
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The display name as the UI may show it (still untrusted text, rendered as text only), or null. */
export function cleanDisplayName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const clean = raw.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > MAX_DISPLAY_NAME ? `${clean.slice(0, MAX_DISPLAY_NAME - 1)}…` : clean;
}

/** Plain copy of the remote party, display name cleaned (cleanDisplayName). */
export function remoteIdentityOf(session: RTCSession): RemoteIdentity {
  const id = session.remote_identity as {
    display_name?: unknown;
    uri?: { user?: unknown; toString(): string };
  };
  const name = cleanDisplayName(id.display_name);
  const user = typeof id.uri?.user === 'string' ? id.uri.user : '';
  return { displayName: name, user, uri: id.uri ? id.uri.toString() : '' };
}

/**
 * The SIP Call-ID of an incoming session's INVITE (JsSIP keeps the request in a private field,
 * RTCSession.js init_incoming), or null. A push names the held call by it (docs/web-push.md).
 */
export function sipCallIdOf(session: RTCSession): string | null {
  const request = (session as unknown as { _request?: { call_id?: unknown } | null })._request;
  return typeof request?.call_id === 'string' && request.call_id !== '' ? request.call_id : null;
}

/** 100 Trying does not emit 'progress', so "any answer yet?" is read from the session status. */
export function awaitingFirstResponse(session: RTCSession): boolean {
  const status = session.status as number;
  return status === (session.C.STATUS_NULL as number) || status === (session.C.STATUS_INVITE_SENT as number);
}

/** Does `session` end now? terminate() throws on an ended session, hence the guard (docs/jssip-quirks.md §5). */
export function safeTerminate(session: RTCSession, statusCode?: number, extraHeaders?: string[]): void {
  if (session.isEnded()) return;
  try {
    // the final response of a ringing call carries extraHeaders (RTCSession.js:627): 302's Contact
    session.terminate(statusCode === undefined ? {} : { status_code: statusCode, extraHeaders });
  } catch (error) {
    log.warn('terminate failed', error);
  }
}

const DTMF_TONES = /[^0-9A-D#*,]/gi;

/** RFC 4733 by default (works with any PBX doing rfc4733), SIP INFO when configured. */
export function dtmfOptions(transport: DtmfTransport): DTMFOptions {
  const transportType = transport === 'info' ? JsSIP.C.DTMF_TRANSPORT.INFO : JsSIP.C.DTMF_TRANSPORT.RFC2833;
  return { transportType, duration: 100, interToneGap: 70 };
}

export function cleanTones(tones: string): string {
  return tones.replace(DTMF_TONES, '').toUpperCase();
}
