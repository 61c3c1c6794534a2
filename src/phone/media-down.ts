import type { Clock } from './clock';
import type { IceEventSource } from './relay-watch';

/**
 * When the call's media path went down (ICE 'disconnected' or 'failed'), null while it is up. A
 * call whose BYE never reached us (the far side hung up while our connection to the PBX was dead)
 * stays up until someone notices; its audio really stopped when ICE lost the far side (consent
 * freshness, a few seconds later), and that, not the late hang-up, is when the talk time ends.
 */
export class MediaDown {
  private downSince: number | null = null;

  constructor(private readonly clock: Clock) {}

  /** Listen to a peer connection of the call (each new one: answer, adopted session). */
  attach(pc: IceEventSource): void {
    pc.addEventListener('iceconnectionstatechange', () => this.onState(pc.iceConnectionState));
  }

  onState(state: RTCIceConnectionState | undefined): void {
    if (state === 'disconnected' || state === 'failed') this.downSince ??= this.clock.now();
    else if (state === 'connected' || state === 'completed') this.downSince = null;
  }

  /** The media was seen last at `at` (no RTP since): an end now counts from there. */
  markDown(at: number): void {
    this.downSince = Math.min(this.downSince ?? at, at);
  }

  /** When the call ended: `now`, or when its media went down if it never came back. */
  endTime(now: number, answeredAt: number | null): number {
    const since = this.downSince;
    return answeredAt !== null && since !== null && since >= answeredAt ? since : now;
  }
}
