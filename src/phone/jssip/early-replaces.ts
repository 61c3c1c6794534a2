import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import type { UA } from 'jssip/lib/UA';

/** The RTCSession members this module needs and the typings leave out. */
interface SessionInternals {
  receiveRequest(request: IncomingRequest): void;
}
type SessionClass = new (ua: UA) => RTCSession & { init_incoming(request: IncomingRequest): void };

/**
 * RFC 3891 for our own ringing calls: when a colleague picks up a call WE are making, the PBX
 * (or the colleague's phone) sends us an INVITE with `Replaces: …;early-only` naming our early
 * dialog. JsSIP 3.13.8 finds the dialog (UA.js ~529, both tag orders) but its session answers
 * 403 "Wrong Status" unless the dialog is confirmed (RTCSession.js ~1140). This hook takes that
 * INVITE before JsSIP refuses it and starts a new incoming session from it, exactly as JsSIP's
 * own `_receiveReplaces` does for confirmed dialogs; the phone answers it and ends the old one.
 */
export class EarlyReplaces {
  /** new incoming session → the outgoing session it replaces */
  private readonly replaced = new WeakMap<RTCSession, RTCSession>();

  constructor(private readonly ua: UA) {}

  /** Let this outgoing session be replaced while it is ringing (1xx received). */
  allow(session: RTCSession): void {
    const inner = session as unknown as Partial<SessionInternals>;
    if (typeof inner.receiveRequest !== 'function') return;
    const original = inner.receiveRequest.bind(session);
    inner.receiveRequest = (request: IncomingRequest): void => {
      if (isEarlyReplaces(session, request)) this.accept(session, request);
      else original(request);
    };
  }

  /** The outgoing session `session` replaces, when it came in through this hook. */
  replacedBy(session: RTCSession): RTCSession | null {
    return this.replaced.get(session) ?? null;
  }

  private accept(old: RTCSession, request: IncomingRequest): void {
    // the class of the live session: 'jssip/lib/RTCSession' is CommonJS without a typed default
    const Session = old.constructor as SessionClass;
    const fresh = new Session(this.ua);
    this.replaced.set(fresh, old);
    // emits ua 'newRTCSession' (originator remote) synchronously and sends 180
    fresh.init_incoming(request);
  }
}

/** An initial INVITE with Replaces while our INVITE has had a provisional answer. */
function isEarlyReplaces(session: RTCSession, request: IncomingRequest): boolean {
  return (
    request.method === 'INVITE' &&
    !request.to_tag &&
    request.hasHeader('replaces') &&
    Number(session.status) === Number(session.C.STATUS_1XX_RECEIVED)
  );
}
