import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { offerProblem } from '../sdp-offer';
import { holdRinging, isRepliable, type ProbeVerdict } from './offer-probe';
import { safeTerminate } from './session-ops';
import { isClaimedReplacement } from './transfer-in';

const log = createLogger('phone.jssip');

export interface GateHandlers {
  /** the phone's decision on a new call: a final response given inside it goes out before any 180 */
  incoming: (session: RTCSession, offer: string | null, refused: ProbeVerdict) => void;
  /** tries an offer in the browser (offer-probe.ts); absent: offers are not tried */
  probeOffer?: (sdp: string) => Promise<ProbeVerdict>;
  /** the stack is shutting down: refuse rather than ring unattended */
  stopping: () => boolean;
}

/**
 * Lets new incoming calls through to the phone. A call whose offer passes the text rules
 * (sdp-offer.ts) first has its offer tried by the browser, with its 180 held back meanwhile; the
 * phone then decides with the browser's verdict, and the 180 goes out only if the call still
 * rings. Calls reach the phone in the order their INVITEs arrived (one ringing call may make the
 * next one busy), and a call cancelled while its offer was being tried never rang, so it never
 * reaches the phone.
 */
export class IncomingGate {
  /** decisions still waiting for a verdict, chained in arrival order */
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly handlers: GateHandlers) {}

  /** Called inside ua 'newRTCSession' for a new remote session; `request` is its INVITE. */
  admit(session: RTCSession, offer: string | null, request: unknown): void {
    const probe = this.handlers.probeOffer;
    // a session taking over one of our calls (transfer-in.ts) is answered by the phone, not rung
    const tried = probe && offer !== null && offerProblem(offer) === null && !isClaimedReplacement(session);
    if ((!tried && this.waiting === 0) || !isRepliable(request)) return this.decide(session, offer, null);
    const ringing = holdRinging(request, () => stillRinging(session));
    const verdict = tried ? probe(offer) : Promise.resolve(null);
    this.waiting++;
    this.queue = this.queue
      .then(() => verdict)
      .then((refused) => {
        if (stillRinging(session)) this.decide(session, offer, refused);
      })
      .catch((error: unknown) => log.warn('incoming call', error))
      .finally(() => {
        this.waiting--;
        ringing.release();
      });
  }

  private decide(session: RTCSession, offer: string | null, refused: ProbeVerdict): void {
    if (this.handlers.stopping()) safeTerminate(session, 480);
    else this.handlers.incoming(session, offer, refused);
  }
}

/** Nobody has answered the INVITE finally yet (JsSIP's 'waiting for answer'). */
function stillRinging(session: RTCSession): boolean {
  return Number(session.status) === Number(session.C.STATUS_WAITING_FOR_ANSWER);
}
