import { OneShotTimer, type Clock } from './clock';
import { cleanPolicy, decideIncoming, OPEN_POLICY, type IncomingContext } from './incoming-policy';
import type { Call } from './call';
import { can } from './call-commands';
import { offerProblem } from './sdp-offer';
import type { CallId, IncomingPolicy } from './types';

/**
 * Applies the incoming policy to each new incoming call, and runs the forward-on-no-answer timers.
 *
 * A refused or forwarded call still lives through the normal life cycle: the phone adds it
 * (callAdded, state incoming_ringing, flagged `screened`), then the final response goes out
 * still inside JsSIP's newRTCSession, so JsSIP sends no 180 and callEnded follows in the same
 * tick with 'blocked' | 'dnd' | 'forwarded' | 'call_waiting_off' | 'incompatible_media'. That is the legal path
 * incoming_ringing → ended of call-state.ts; no call ever skips a state.
 */
export class CallScreening {
  private policy: IncomingPolicy = OPEN_POLICY;
  private readonly timers = new Map<CallId, OneShotTimer>();

  constructor(private readonly clock: Clock) {}

  /** New INVITEs only: calls already ringing keep the rule they arrived under. */
  set(policy: IncomingPolicy): void {
    this.policy = cleanPolicy(policy);
  }

  get current(): IncomingPolicy {
    return this.policy;
  }

  /**
   * Decide for `call` (not yet added): marks it now, so its callAdded snapshot says `screened`,
   * and returns what to do once it is added. `offer`: the INVITE's SDP (null: a late offer);
   * `refused`: why the browser refused that offer in setRemoteDescription (null: it took it).
   */
  screen(
    call: Call,
    ctx: IncomingContext,
    offer: string | null = null,
    refused: string | null = null,
  ): () => void {
    // JsSIP tries the offer only in answer(): one that can never work is refused before it rings
    const problem = offer === null ? null : (offerProblem(offer) ?? (refused && `sdp_rejected: ${refused}`));
    if (problem) {
      call.policy.screened = true;
      return () => call.reject(488, 'incompatible_media', [`Warning: 305 - "${problem}"`]);
    }
    const verdict = decideIncoming(this.policy, call.remote, ctx);
    switch (verdict.kind) {
      case 'reject':
        call.policy.screened = true;
        return () => call.reject(verdict.status, verdict.cause);
      case 'forward':
        call.policy.screened = true;
        return () => redirect(call, verdict.uri);
      case 'ring': {
        const noAnswer = verdict.noAnswer;
        if (!noAnswer) return () => undefined;
        return () => this.arm(call, noAnswer.uri, noAnswer.ms);
      }
    }
  }

  /** The call was answered, declined or ended: its no-answer forward no longer applies. */
  cancel(id: CallId): void {
    this.timers.get(id)?.stop();
    this.timers.delete(id);
  }

  /** Pending no-answer forwards (tests). */
  get pending(): number {
    return this.timers.size;
  }

  private arm(call: Call, uri: string, ms: number): void {
    if (!can(call, 'answer')) return; // no longer ringing here
    const timer = new OneShotTimer(this.clock);
    this.timers.set(call.id, timer);
    timer.start(ms, () => {
      this.timers.delete(call.id);
      if (can(call, 'answer')) redirect(call, uri);
    });
  }
}

/** 302 Moved Temporarily with the target as Contact (RFC 3261 §21.3.3); ends as 'forwarded'. */
function redirect(call: Call, uri: string): void {
  call.policy.forwardedTo = uri;
  call.reject(302, 'forwarded', [`Contact: <${uri}>`]);
}
