/** Media watchdog timings (ms); part of Timeouts (timeouts.ts) so tests can shorten them. */
export interface MediaWatchTiming {
  /** ICE 'disconnected' this long (it often heals by itself within a second or two) → ICE restart */
  iceDisconnectedGraceMs: number;
  /** from the moment the media path went down: restore it within this, or the call ends */
  mediaRecoveryMs: number;
  /** ICE connected, neither side holding, yet no RTP arrived for this long → the call ends */
  noRtpMs: number;
  /** how often the watchdog looks at the call (stats poll, pending restarts, deadlines) */
  mediaPollMs: number;
  /** a refused restart (the peer's connection is still down: 480, 500, 503…) is tried again after */
  restartRetryMs: number;
}

/** What the watchdog asks of its call. */
export type MediaAction = 'none' | 'restart' | 'lost';

/**
 * How an ICE restart re-INVITE went: answered ('done'), crossed with the peer's own re-INVITE
 * (491, 'glare'), refused otherwise, not possible right now ('busy': another re-INVITE is under
 * way), or the call ended meanwhile ('gone').
 */
export type RestartOutcome = 'done' | 'glare' | 'refused' | 'busy' | 'gone';

/** One look at the call, taken every `mediaPollMs`. */
export interface MediaSample {
  now: number;
  /** either side holds the call (or the negotiated direction sends us nothing): no RTP is expected */
  held: boolean;
  /** inbound audio packets received so far; null when the browser has no such stat yet */
  packets: number | null;
  /** the signalling connection is up and registered: a re-INVITE can go out */
  signalling: boolean;
}

const BUSY_RETRY_MS = 500;

/**
 * The media watchdog's decisions, free of JsSIP and of the browser (jssip/media-recovery.ts feeds
 * it). ICE 'disconnected' for longer than the grace → ICE restart (a re-INVITE with new ICE
 * credentials), as soon as the signalling can carry it; a network change → ICE restart too. The
 * media must be back (ICE connected) within `mediaRecoveryMs` of going down, and an ICE 'failed'
 * after a restart is final: both end the call ('lost'). While ICE is connected and nobody holds
 * the call, RTP that stops for `noRtpMs` ends it too (a peer that died behind a media relay which
 * still answers ICE); that check arms only once some RTP arrived, so a peer that never sends
 * (a test tool, a one-way stream) is not cut.
 */
export class MediaWatchdog {
  private ice: RTCIceConnectionState = 'new';
  /** when ICE left 'connected' (null: the path is up) */
  private downSince: number | null = null;
  /** a restart is wanted, not before this time */
  private restartDue: number | null = null;
  /** the wanted restart is for a network change: it goes out even if ICE heals meanwhile */
  private forNetwork = false;
  private restarting = false;
  /** a restart of this outage was answered: the new ICE must connect now */
  private restarted = false;
  private lastPackets: number | null = null;
  private lastProgressAt: number | null = null;
  /** when RTP last arrived (the poll that saw it): the true end of a call whose media died */
  lastMediaAt: number | null = null;

  constructor(private readonly timing: MediaWatchTiming) {}

  /** ICE left 'connected' and has not come back: the media is down and being recovered */
  get outage(): boolean {
    return this.downSince !== null;
  }

  /** The call is established (answered): the RTP window opens now. */
  start(now: number): void {
    this.lastProgressAt = now;
  }

  onIceState(state: RTCIceConnectionState, now: number): MediaAction {
    this.ice = state;
    if (state === 'connected' || state === 'completed') {
      this.downSince = null;
      this.restarted = false;
      // a pending restart for the outage is moot; a network change still wants its own
      if (!this.forNetwork) this.restartDue = null;
      this.lastProgressAt = now;
    } else if (state === 'disconnected') {
      this.downSince ??= now;
      this.restartDue ??= now + this.timing.iceDisconnectedGraceMs;
    } else if (state === 'failed') {
      if (this.restarted) return 'lost';
      this.downSince ??= now;
      this.restartDue = now; // no grace: only a restart can bring a failed ICE agent back
    }
    return 'none';
  }

  /** The network path changed (online/offline, another interface): restart once signalling is up. */
  onNetworkChange(now: number): void {
    this.restartDue = now;
    this.forNetwork = true;
  }

  /** The restart re-INVITE settled; `glareDelayMs`: RFC 3261 §14.1's wait for this side after a 491. */
  onRestartSettled(outcome: RestartOutcome, now: number, glareDelayMs: number): void {
    this.restarting = false;
    const down = this.downSince !== null;
    // answered: ICE checks with the new credentials now ('failed' → 'checking' → connected or failed)
    if (outcome === 'done') this.restarted = down;
    else if (outcome === 'glare' || outcome === 'busy') {
      this.restartDue ??= now + (outcome === 'glare' ? glareDelayMs : BUSY_RETRY_MS);
      this.forNetwork ||= !down; // a network change's restart is still owed if ICE heals meanwhile
    }
    // a refusal while the media still works changes nothing; during an outage the peer may come back
    else if (outcome === 'refused' && down) this.restartDue ??= now + this.timing.restartRetryMs;
  }

  tick(sample: MediaSample): MediaAction {
    const { now } = sample;
    if (this.downSince !== null && now - this.downSince >= this.timing.mediaRecoveryMs) return 'lost';
    if (this.restartDue !== null && now >= this.restartDue && !this.restarting && sample.signalling) {
      this.restartDue = null;
      this.forNetwork = false;
      this.restarting = true;
      return 'restart';
    }
    return this.rtpCheck(sample);
  }

  private rtpCheck({ now, held, packets }: MediaSample): MediaAction {
    // any change counts: a new peer connection (a takeover) starts counting from 0 again
    if (packets !== null && packets > 0 && packets !== this.lastPackets) {
      this.lastPackets = packets;
      this.lastProgressAt = this.lastMediaAt = now;
      return 'none';
    }
    const up = this.ice === 'connected' || this.ice === 'completed';
    // held, path down (the ICE rules decide), no RTP ever: the window starts again later
    if (held || !up || this.lastMediaAt === null || this.lastProgressAt === null) {
      this.lastProgressAt = now;
      return 'none';
    }
    return now - this.lastProgressAt >= this.timing.noRtpMs ? 'lost' : 'none';
  }
}
