import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';

/** The RTCSession members this module needs and the typings leave out. */
interface SessionInternals {
  receiveRequest(request: IncomingRequest): void;
  _late_sdp?: unknown;
}

/**
 * A re-INVITE that overtakes the ACK of the previous one. A proxy with several worker processes
 * (Kamailio's UDP children) may forward the far end's next re-INVITE before the ACK it sent just
 * before: measured with the desk phone, whose resume left 0.4 ms after its ACK of our 200 to its
 * hold, and Kamailio passed the INVITE on 2 ms before that ACK. JsSIP 3.13.8 then answers the
 * INVITE 403 "Wrong Status" (its session still waits for the ACK), and its Dialog has meanwhile
 * taken the new CSeq as the one to ACK, so the late ACK is dropped: the session never leaves
 * "waiting for ACK", refuses every later re-INVITE with 403 and the call stays held.
 *
 * A UAC sends a new INVITE in a dialog only once its previous INVITE transaction is over, which
 * for a 2xx means it has sent the ACK (RFC 3261 §13.2.2.4, §14.1). So such an INVITE is taken as
 * proof of that ACK: the session is handed the ACK first, then the INVITE. Not for an offerless
 * re-INVITE of ours whose answer travels in the ACK (`_late_sdp`): that ACK cannot be made up.
 */
export function acceptOvertakenAck(session: RTCSession): void {
  const inner = session as unknown as Partial<SessionInternals>;
  if (typeof inner.receiveRequest !== 'function') return;
  const original = inner.receiveRequest.bind(session);
  inner.receiveRequest = (request: IncomingRequest): void => {
    if (overtakesAck(session, request) && !inner._late_sdp) {
      original({ method: 'ACK', body: undefined } as unknown as IncomingRequest);
    }
    original(request);
  };
}

/** A re-INVITE while the session still waits for the ACK of its 200 to the previous one. */
function overtakesAck(session: RTCSession, request: IncomingRequest): boolean {
  return (
    request.method === 'INVITE' &&
    Boolean(request.to_tag) &&
    Number(session.status) === Number(session.C.STATUS_WAITING_FOR_ACK)
  );
}
