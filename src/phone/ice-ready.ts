import { OneShotTimer, type Clock } from './clock';

export interface IceCandidateLike {
  type?: string | null;
  candidate?: string;
}

/** RTCIceCandidate.type is missing in some engines; the SDP line always has `typ X`. */
export function candidateType(c: IceCandidateLike): string | null {
  if (c.type) return c.type;
  return /\btyp (\w+)/.exec(c.candidate ?? '')?.[1] ?? null;
}

/** Which candidate makes the SDP worth sending: any (no servers), srflx (STUN), relay (TURN). */
export type WantedCandidate = 'any' | 'srflx' | 'relay';

/** A TURN server is there to give a relay candidate; STUN alone only a server-reflexive one. */
export function wantedCandidate(servers: readonly RTCIceServer[]): WantedCandidate {
  if (servers.length === 0) return 'any';
  const urls = servers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  return urls.some((u) => /^turns?:/i.test(u)) ? 'relay' : 'srflx';
}

/**
 * Decides when JsSIP may stop waiting for ICE gathering (docs/jssip-quirks.md §7): JsSIP holds the INVITE / 200 OK
 * until gathering completes, which takes 10-40 s with a slow STUN/TURN server, and never trickles
 * candidates found later.
 * - no ICE servers: host candidates are all we will get, so the first one is enough;
 * - STUN: wait for the first srflx (or relay) candidate;
 * - TURN: wait for the first relay candidate: the srflx one the TURN server also gives arrives
 *   earlier, and an SDP without the relay address leaves two phones behind strict NATs mute;
 * - either way at most `maxWaitMs` after the first candidate (a server that never answers).
 * JsSIP hands a new `ready` to every gathering round (re-INVITE, ICE restart), so each round gets
 * its own timer.
 */
export class IceReadyPolicy {
  private round: (() => void) | null = null;
  private readonly timer: OneShotTimer;

  /** `onGaveUp`: a round was released by the timer, without the candidate it wanted */
  constructor(
    clock: Clock,
    private readonly wants: WantedCandidate,
    private readonly maxWaitMs: number,
    private readonly onGaveUp: (wanted: WantedCandidate) => void = () => undefined,
  ) {
    this.timer = new OneShotTimer(clock);
  }

  onCandidate(candidate: IceCandidateLike, ready: () => void): void {
    if (ready !== this.round) {
      this.round = ready;
      if (this.wants === 'any') {
        ready();
        return;
      }
      this.timer.start(this.maxWaitMs, () => {
        this.onGaveUp(this.wants);
        ready();
      });
    }
    const type = candidateType(candidate);
    if (type === 'relay' || (type === 'srflx' && this.wants === 'srflx')) {
      this.timer.stop();
      ready();
    }
  }

  dispose(): void {
    this.timer.stop();
  }
}
