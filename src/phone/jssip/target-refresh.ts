import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from 'jssip/lib/UA';
import { inPhase } from '../call-commands';
import type { Clock } from '../clock';
import type { OpQueue } from '../op-queue';
import type { CallDirection, CallState } from '../types';

/** What a target refresh needs of a call (SipCall has all of it). */
export interface RefreshableCall {
  readonly state: CallState;
  readonly session: RTCSession | null;
  readonly direction: CallDirection;
  readonly queue: OpQueue;
}

type Outcome = 'done' | 'glare' | 'failed' | 'busy' | 'gone';

/** Attempts per call and reconnect: enough for a peer that comes back some seconds after us. */
export const MAX_REFRESH_ATTEMPTS = 6;
/** A refresh the peer could not take yet (its own connection still down: 500, 503, 480): retry. */
const FAILED_RETRY_MS = 2_000;
/** Another re-INVITE of this call is still under way: look again soon. */
const BUSY_RETRY_MS = 500;

/**
 * RFC 3261 §14.1: after a 491 the owner of the Call-ID (the caller, who made it up) waits 2.1–4 s,
 * the other side 0–2 s, so two crossing re-INVITEs do not collide again.
 */
export function glareDelayMs(direction: CallDirection, random: () => number): number {
  return direction === 'outgoing' ? 2_100 + random() * 1_900 : random() * 2_000;
}

/**
 * After the signalling connection came back, every established call sends a re-INVITE over the new
 * connection. Its Contact (with the new connection's alias, added by the PBX) replaces the remote
 * target the other side stored, so its BYE, re-INVITE, REFER and INFO reach us again instead of the
 * dead WebSocket. Triggered by the first 'registered' after a 'disconnected': by then the PBX knows
 * the new connection too. The offer is JsSIP's own, so a held call stays sendonly/inactive.
 */
export class TargetRefresh {
  /** bumped on every disconnect: retries of an older reconnect stop */
  private generation = 0;
  private lost = false;

  constructor(
    private readonly ua: UA,
    private readonly clock: Clock,
    private readonly calls: () => Iterable<RefreshableCall>,
    private readonly random: () => number = Math.random,
  ) {
    ua.on('disconnected', () => {
      this.lost = true;
      this.generation += 1;
    });
    ua.on('registered', () => {
      if (!this.lost) return;
      this.lost = false;
      for (const call of this.calls()) this.schedule(call, 1, 0);
    });
  }

  private schedule(call: RefreshableCall, attempt: number, delayMs: number): void {
    const generation = this.generation;
    const run = (): void => {
      if (generation !== this.generation || attempt > MAX_REFRESH_ATTEMPTS) return;
      // in the call's op queue, so a Resume clicked meanwhile waits for the refresh (no overlap)
      this.queueAttempt(call).then(
        (outcome) => this.next(call, attempt, outcome),
        () => undefined, // the call ended: its queue is closed
      );
    };
    if (delayMs === 0) run();
    else this.clock.setTimeout(run, delayMs);
  }

  private queueAttempt(call: RefreshableCall): Promise<Outcome> {
    return call.queue.run(() => {
      const session = call.session;
      if (!inPhase(call, 'established') || !session || session.isEnded()) return 'gone';
      // a request on a closed socket would end the call (JsSIP onTransportError): wait for the next reconnect
      if (!this.ua.isConnected()) return 'gone';
      if (!session.isReadyToReOffer()) return 'busy';
      return sendRefresh(session);
    });
  }

  private next(call: RefreshableCall, attempt: number, outcome: Outcome): void {
    if (outcome === 'glare') this.schedule(call, attempt + 1, glareDelayMs(call.direction, this.random));
    else if (outcome === 'failed') this.schedule(call, attempt + 1, FAILED_RETRY_MS * attempt);
    else if (outcome === 'busy') this.schedule(call, attempt + 1, BUSY_RETRY_MS);
  }
}

interface ReinviteHandlers {
  succeeded: () => void;
  failed: (response?: { status_code?: unknown }) => void;
}

/**
 * JsSIP's private _sendReinvite(): renegotiate() would BYE the call on any failure, and a 491 (glare)
 * or a 500 from a PBX that cannot reach the peer yet is no reason to hang up.
 */
function sendReinvite(session: RTCSession, handlers: ReinviteHandlers): void {
  const raw = session as unknown as { _sendReinvite(options: { eventHandlers: ReinviteHandlers }): void };
  raw._sendReinvite({ eventHandlers: handlers });
}

/** One re-INVITE; settles with how it went (a 408/481 ends the call in JsSIP, RFC 3261 §12.2.1.2). */
function sendRefresh(session: RTCSession): Promise<Outcome> {
  return new Promise((resolve) => {
    const onEnd = (): void => settle('gone');
    const settle = (outcome: Outcome): void => {
      session.removeListener('ended', onEnd);
      session.removeListener('failed', onEnd);
      resolve(outcome);
    };
    session.once('ended', onEnd);
    session.once('failed', onEnd);
    sendReinvite(session, {
      succeeded: () => settle('done'),
      failed: (response) => settle(response?.status_code === 491 ? 'glare' : 'failed'),
    });
  });
}
