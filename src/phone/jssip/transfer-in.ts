import type { ReferEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { CallOptions } from 'jssip/lib/UA';
import type { ReferOffer, ReplacementOffer } from '../call';
import type { SipCall } from './sip-call';

/** ReferEvent.accept is typed `Function`; this is its runtime shape (RTCSession.js ~1764, ~1867). */
type AcceptFn = (initCallback: (session: RTCSession) => void, options?: CallOptions) => void;

/** The parts of a JsSIP URI we read (Refer-To). */
interface SipUri {
  user?: string;
  clone(): SipUri;
  clearHeaders(): void;
  toString(): string;
}

/** An incoming REFER (we are the transferee): the engine's offer plus how to dial it. */
export interface SipReferOffer extends ReferOffer {
  uri: string;
  /** a call() for SipCall.dial(): places the call through JsSIP's accept(), so NOTIFYs follow it */
  dialer: (uri: string, options: CallOptions) => RTCSession;
}

/** An INVITE with Replaces for one of our confirmed calls (we are the transfer target). */
export interface SipReplacementOffer extends ReplacementOffer {
  /** creates the new session (ringing, not answered) or null when the old call is gone */
  accept(): RTCSession | null;
}

/** The engine hands our own offers back (SipCall.dialReferred, SipCall.adopt). */
export function isSipReferOffer(offer: ReferOffer): offer is SipReferOffer {
  return typeof (offer as Partial<SipReferOffer>).dialer === 'function';
}

export function isSipReplacementOffer(offer: ReplacementOffer): offer is SipReplacementOffer {
  return typeof (offer as Partial<SipReplacementOffer>).accept === 'function';
}

/** sessions created by accept() above: the phone must not show them as new incoming calls */
const claimed = new WeakSet<object>();

export function isClaimedReplacement(session: object): boolean {
  return claimed.has(session);
}

export function referOfferOf(e: ReferEvent): SipReferOffer | null {
  const referTo = (e.request as unknown as { refer_to?: { uri?: SipUri } }).refer_to;
  if (!referTo?.uri) return null;
  const bare = referTo.uri.clone();
  bare.clearHeaders();
  const uri = bare.toString();
  return {
    target: { displayName: null, user: bare.user ?? '', uri },
    uri,
    dialer: (_uri, options) => {
      const box: { session?: RTCSession } = {};
      // the target (and any Replaces) come from the REFER itself; JsSIP adds the Replaces header
      (e.accept as AcceptFn)((fresh) => (box.session = fresh), options);
      if (!box.session) throw new Error('the transferring call is no longer established');
      return box.session;
    },
    reject: () => e.reject(),
  };
}

export function replacementOfferOf(e: ReferEvent): SipReplacementOffer {
  return {
    accept: () => {
      const box: { session?: RTCSession } = {};
      // the callback runs inside init_incoming, before ua 'newRTCSession' (RTCSession.js ~357)
      (e.accept as AcceptFn)((fresh) => {
        claimed.add(fresh);
        box.session = fresh;
      });
      return box.session ?? null;
    },
    reject: () => e.reject(),
  };
}

/** Session 'refer': hand it to the phone, or refuse (NOTIFY 603) when nobody handles transfers. */
export function onRefer(call: SipCall, e: ReferEvent): void {
  const offer = referOfferOf(e);
  const events = call.env.events;
  if (offer && events.referred && call.live) events.referred(call, offer);
  else e.reject();
}

/** Session 'replaces' (confirmed dialogs only; early ones are early-replaces.ts's). */
export function onReplaces(call: SipCall, e: ReferEvent): void {
  const events = call.env.events;
  if (events.takeover && call.live) events.takeover(call, replacementOfferOf(e));
  else e.reject();
}
