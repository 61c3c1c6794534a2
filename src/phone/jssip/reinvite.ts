import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { PhoneError } from '../types';
import { peerOf } from './session-ops';

const log = createLogger('phone.jssip');

/**
 * hold()/unhold() as a promise that settles when the re-INVITE transaction is done. Callers run it
 * inside the call's op queue: JsSIP accepts overlapping re-INVITEs.
 *
 * JsSIP 3.13.8 ends the whole call when a hold or resume fails (RTCSession.js hold()/unhold(): the
 * re-INVITE's `failed` handler calls terminate(), a BYE with cause 'WebRTC Error'; a 408 response or
 * no response at all ends it through onDialogError()/onRequestTimeout()). A refused re-INVITE leaves
 * the dialog and the media as they were (RFC 3261 §14.1), so we keep the call: for this one
 * re-INVITE the failure goes to us instead, we put JsSIP's hold flag and the peer connection back
 * where they were, and reject with `reinvite_refused`. A 481 (the dialog is gone) still ends it.
 */
export function reInvite(session: RTCSession, hold: boolean): Promise<void> {
  return guardedReoffer(session, {
    start: (done) => (hold ? session.hold({}, done) : session.unhold({}, done)),
    // false also means "already in that state", which is success for us
    already: () => session.isOnHold().local === hold,
    hold,
  });
}

/**
 * An ICE restart (a re-INVITE whose offer carries new ICE credentials, RFC 8445 §9) with the same
 * guard: a refusal keeps the call (the watchdog decides, media-watchdog.ts) and rejects with a
 * RefusedReinvite that carries the status (491: glare). JsSIP's own offer, so a call we hold stays
 * sendonly/inactive (its _mangleOffer). JsSIP would send an offer made while ICE still gathers at
 * once, without the new candidates, if an earlier round's ready() was called (docs/jssip-quirks.md §7).
 */
export function restartIce(session: RTCSession): Promise<void> {
  (session as unknown as { _iceReady?: boolean })._iceReady = false;
  return guardedReoffer(session, {
    start: (done) => session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, done),
    already: () => false,
    hold: null,
  });
}

interface Reoffer {
  /** JsSIP's hold()/unhold()/renegotiate(): false when it sent nothing */
  start(done: () => void): boolean;
  /** when start() sent nothing: is the call already where we wanted it? */
  already(): boolean;
  /** the hold flag to put back on a refusal; null: the hold state was not touched */
  hold: boolean | null;
}

function guardedReoffer(session: RTCSession, offer: Reoffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEnd = (): void => {
      finish();
      reject(new PhoneError('operation_failed', 'call ended during re-INVITE'));
    };
    const finish = (): void => {
      restore();
      session.removeListener('ended', onEnd);
      session.removeListener('failed', onEnd);
    };
    const refused = (response?: { status_code?: number }): void => {
      finish();
      void revert(session, offer.hold).then(() => reject(new RefusedReinvite(response?.status_code ?? null)));
    };
    const restore = interceptFailure(session, refused);
    session.once('ended', onEnd);
    session.once('failed', onEnd);
    const done = (): void => {
      finish();
      resolve();
    };
    if (offer.start(done)) return;
    finish();
    if (offer.already()) resolve();
    else reject(new PhoneError('operation_failed', NOT_READY));
  });
}

const NOT_READY = 'not ready to re-offer';

/** Was this error "another re-INVITE is still under way" (try again shortly)? */
export function isNotReady(error: unknown): boolean {
  return error instanceof PhoneError && error.message.endsWith(NOT_READY);
}

/** The far end refused a re-INVITE (or never answered it); the call goes on as before. */
export class RefusedReinvite extends PhoneError {
  constructor(readonly status: number | null) {
    super('operation_failed', 'reinvite_refused');
  }
}

/** Was this error a re-INVITE the far end refused (the call goes on as before)? */
export function isRefusedReinvite(error: unknown): error is RefusedReinvite {
  return error instanceof RefusedReinvite;
}

/** For the user's hold/resume: a refused re-INVITE is no error, the call's notice says it. */
export function keepRefused(error: unknown): void {
  if (!isRefusedReinvite(error)) throw error;
}

type Handler = (response?: { status_code?: number }) => void;
interface RequestOptions {
  eventHandlers?: Record<string, Handler | undefined>;
}

/** The private members of RTCSession (JsSIP 3.13.8) the guard relies on; read nowhere else. */
interface SessionInternals {
  _localHold: boolean;
  _onhold(originator: 'local'): void;
  _onunhold(originator: 'local'): void;
  _sendReinvite(options: RequestOptions): void;
  sendRequest(method: string, options?: RequestOptions): unknown;
}

/**
 * Shadows `_sendReinvite` (to swap its `failed` handler for `refused`) and `sendRequest` (so the
 * INVITE's 408 and timeout count as a refusal, not a dead dialog) on this one session, until the
 * returned restore() runs. A session without them (a unit test's fake) is left alone.
 */
function interceptFailure(session: RTCSession, refused: Handler): () => void {
  const own = session as unknown as SessionInternals;
  const proto = Object.getPrototypeOf(session) as Partial<SessionInternals>;
  const { _sendReinvite: sendReinvite, sendRequest } = proto;
  if (typeof sendReinvite !== 'function' || typeof sendRequest !== 'function') return () => undefined;
  const restore = (): void => {
    Reflect.deleteProperty(own, '_sendReinvite');
    Reflect.deleteProperty(own, 'sendRequest');
  };
  own._sendReinvite = (options) => {
    Reflect.deleteProperty(own, '_sendReinvite');
    sendReinvite.call(own, { ...options, eventHandlers: { ...options.eventHandlers, failed: refused } });
  };
  own.sendRequest = (method, options = {}) => {
    if (method !== 'INVITE') return sendRequest.call(own, method, options);
    Reflect.deleteProperty(own, 'sendRequest');
    const handlers = options.eventHandlers ?? {};
    const asRefusal: Handler = (response) => handlers.onErrorResponse?.(response);
    const eventHandlers = {
      ...handlers,
      onRequestTimeout: () => asRefusal(),
      onDialogError: (response?: { status_code?: number }) =>
        response?.status_code === 408 ? asRefusal(response) : handlers.onDialogError?.(response),
    };
    return sendRequest.call(own, method, { ...options, eventHandlers });
  };
  return restore;
}

/** Back to before the attempt: JsSIP's hold flag (and the track it mutes) and the local offer. */
async function revert(session: RTCSession, triedHold: boolean | null): Promise<void> {
  const own = session as unknown as SessionInternals;
  if (triedHold !== null && typeof own._onhold === 'function') {
    own._localHold = !triedHold;
    if (triedHold) own._onunhold('local');
    else own._onhold('local');
  }
  const pc = peerOf(session);
  if (pc?.signalingState !== 'have-local-offer') return;
  try {
    await pc.setLocalDescription({ type: 'rollback' });
  } catch (error) {
    log.warn('rolling back the refused offer failed', error);
  }
}
