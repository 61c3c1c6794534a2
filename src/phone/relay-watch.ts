import { createLogger } from '@/lib/logger';
import { OneShotTimer, type Clock } from './clock';

const log = createLogger('phone');

/** What a peer connection's `icecandidateerror` said about a TURN server, as plain data. */
export interface RelayError {
  /**
   * STUN error code: 401 wrong credentials, 701 server unreachable / no answer, …; 0: no relay
   * candidate by the time the SDP had to leave (Chromium reports an unreachable server only ~40 s later)
   */
  code: number;
  url: string;
  text: string;
}

/** The part of RTCPeerConnection the watch needs (a fake in unit tests). */
export interface IceEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  readonly iceConnectionState?: RTCIceConnectionState;
}

/**
 * Tells a call whose TURN relay could not be used from a silent call. Chromium reports a TURN
 * server it cannot use (wrong credentials, unreachable) only through `icecandidateerror`, or, for
 * a server that never answers, not before its ~40 s allocation timeout: so an SDP sent without a
 * relay candidate (ice-ready.ts gave up waiting) counts as a failed relay too. When
 * the direct paths are blocked too, ICE then never connects, and Chromium may keep the call in
 * 'checking' for minutes instead of 'failed'. So once a TURN server failed, an answered call gets
 * `connectMs` to connect ICE; after that, or on ICE 'failed', `onFailed` ends it (`relay_failed`).
 * A relay error with a working direct path changes nothing.
 */
export class RelayWatch {
  private error: RelayError | null = null;
  private connected = false;
  private answered = false;
  private readonly timer: OneShotTimer;

  constructor(
    clock: Clock,
    private readonly connectMs: number,
    private readonly onFailed: () => void,
  ) {
    this.timer = new OneShotTimer(clock);
  }

  /** Listen to a peer connection of the call (each new one: answer, adopted session). */
  attach(pc: IceEventSource): void {
    pc.addEventListener('icecandidateerror', (e) => this.onCandidateError(e));
    pc.addEventListener('iceconnectionstatechange', () => this.onIceState(pc.iceConnectionState));
  }

  /** The call was answered: from now on ICE must connect. */
  onAnswered(): void {
    this.answered = true;
    this.arm();
  }

  /** The SDP left without a relay candidate although a TURN server is configured. */
  noteMissingRelay(): void {
    this.error ??= { code: 0, url: '', text: 'no relay candidate in time' };
    this.arm();
  }

  /** A TURN server failed and ICE has not connected (yet): why the media path is missing. */
  get broken(): RelayError | null {
    return this.connected ? null : this.error;
  }

  dispose(): void {
    this.timer.stop();
  }

  private onCandidateError(e: Event): void {
    const { errorCode, url, errorText } = e as Partial<RTCPeerConnectionIceErrorEvent>;
    // STUN servers only give server-reflexive candidates; only a TURN server's failure matters here
    if (typeof url !== 'string' || !/^turns?:/i.test(url)) return;
    if (!this.error) {
      this.error = { code: errorCode ?? 0, url, text: errorText ?? '' };
      log.warn(`TURN server ${url} not usable: ${errorCode ?? '?'} ${errorText ?? ''}`);
    }
    this.arm();
  }

  private onIceState(state: RTCIceConnectionState | undefined): void {
    if (state === 'connected' || state === 'completed') {
      this.connected = true;
      this.timer.stop();
    } else if (state === 'failed' && this.broken) {
      this.timer.stop();
      this.onFailed();
    }
  }

  private arm(): void {
    if (this.answered && this.broken && !this.timer.pending) this.timer.start(this.connectMs, this.onFailed);
  }
}
