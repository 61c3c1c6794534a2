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

/**
 * Decides when JsSIP may stop waiting for ICE gathering (brief §7): JsSIP holds the INVITE / 200 OK
 * until gathering completes, which takes 10-40 s with a slow STUN/TURN server.
 * - no ICE servers: host candidates are all we will get, so the first one is enough;
 * - STUN/TURN: wait for the first srflx/relay candidate, at most `maxWaitMs` after the first one.
 * JsSIP hands a new `ready` to every gathering round (re-INVITE, ICE restart), so each round gets
 * its own timer.
 */
export class IceReadyPolicy {
  private round: (() => void) | null = null;
  private readonly timer: OneShotTimer;

  constructor(
    clock: Clock,
    private readonly hasServers: boolean,
    private readonly maxWaitMs: number,
  ) {
    this.timer = new OneShotTimer(clock);
  }

  onCandidate(candidate: IceCandidateLike, ready: () => void): void {
    if (ready !== this.round) {
      this.round = ready;
      if (!this.hasServers) {
        ready();
        return;
      }
      this.timer.start(this.maxWaitMs, ready);
    }
    const type = candidateType(candidate);
    if (type === 'srflx' || type === 'relay') {
      this.timer.stop();
      ready();
    }
  }

  dispose(): void {
    this.timer.stop();
  }
}
