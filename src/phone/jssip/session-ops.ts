import * as JsSIP from 'jssip';
import type { DTMFOptions, RTCSession } from 'jssip/lib/RTCSession';
import type { DtmfTransport, RemoteIdentity } from '../types';

/** JsSIP types `connection` as always set, but it is null for an incoming call before answer(). */
export function peerOf(session: RTCSession | null): RTCPeerConnection | null {
  return (session?.connection as RTCPeerConnection | null | undefined) ?? null;
}

/** Plain copy of the remote party; the display name is untrusted text, passed through as is. */
export function remoteIdentityOf(session: RTCSession): RemoteIdentity {
  const id = session.remote_identity as {
    display_name?: unknown;
    uri?: { user?: unknown; toString(): string };
  };
  const name = typeof id.display_name === 'string' && id.display_name !== '' ? id.display_name : null;
  const user = typeof id.uri?.user === 'string' ? id.uri.user : '';
  return { displayName: name, user, uri: id.uri ? id.uri.toString() : '' };
}

/** 100 Trying does not emit 'progress', so "any answer yet?" is read from the session status. */
export function awaitingFirstResponse(session: RTCSession): boolean {
  const status = session.status as number;
  return status === (session.C.STATUS_NULL as number) || status === (session.C.STATUS_INVITE_SENT as number);
}

/** Does `session` end now? terminate() throws on an ended session, hence the guard (brief §5). */
export function safeTerminate(session: RTCSession, statusCode?: number, extraHeaders?: string[]): void {
  if (session.isEnded()) return;
  try {
    // the final response of a ringing call carries extraHeaders (RTCSession.js:627): 302's Contact
    session.terminate(statusCode === undefined ? {} : { status_code: statusCode, extraHeaders });
  } catch (error) {
    console.warn('phone: terminate failed', error);
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
