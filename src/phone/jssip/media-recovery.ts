import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { OneShotTimer, type Clock } from '../clock';
import {
  MediaWatchdog,
  type MediaAction,
  type MediaWatchTiming,
  type RestartOutcome,
} from '../media-watchdog';
import type { OpQueue } from '../op-queue';
import { PhoneError, type CallDirection } from '../types';
import { isNotReady, isRefusedReinvite, restartIce } from './reinvite';
import { peerOf } from './session-ops';
import { glareDelayMs } from './target-refresh';

const log = createLogger('phone.jssip');

/** What the recovery needs of its call (SipCall has all of it). */
export interface RecoveringCall {
  readonly session: RTCSession | null;
  readonly direction: CallDirection;
  readonly queue: OpQueue;
  /** the media is gone for good: BYE, cause media_lost; `lastMediaAt`: when RTP last arrived */
  mediaLost(lastMediaAt: number | null): void;
}

export interface RecoveryEnv {
  clock: Clock;
  timing: MediaWatchTiming;
  /** the signalling can carry a re-INVITE now (socket up, registered) */
  signalling: () => boolean;
  random?: () => number;
}

/**
 * Feeds one call's media watchdog (media-watchdog.ts) from its peer connection and JsSIP session,
 * and carries out what it decides: an ICE restart re-INVITE in the call's op queue (so it never
 * overlaps a hold or a target refresh), or the end of the call. One timer per call, polling the
 * inbound RTP counter; stopped with the call.
 */
export class MediaRecovery {
  private readonly watchdog: MediaWatchdog;
  private readonly timer: OneShotTimer;
  private running = false;
  private polling = false;

  constructor(
    private readonly call: RecoveringCall,
    private readonly env: RecoveryEnv,
  ) {
    this.watchdog = new MediaWatchdog(env.timing);
    this.timer = new OneShotTimer(env.clock);
  }

  /** The call is watched and its media is down (ICE not back yet): any end now is the media's doing. */
  get recovering(): boolean {
    return this.running && this.watchdog.outage;
  }

  /** When RTP last arrived (null: never, or the browser has no stat for it). */
  get lastMediaAt(): number | null {
    return this.watchdog.lastMediaAt;
  }

  /** Each peer connection of the call (answer, adopted session); only the session's current one counts. */
  attach(pc: RTCPeerConnection): void {
    let fed: RTCIceConnectionState | null = null;
    const onChange = (): void => {
      if (!this.running || peerOf(this.call.session) !== pc) return;
      // DTLS failed on a working ICE path: a restart renews ICE only, so nothing can bring it back
      if (pc.connectionState === 'failed' && pc.iceConnectionState !== 'failed') return this.act('lost');
      if (pc.iceConnectionState === fed) return;
      fed = pc.iceConnectionState;
      this.act(this.watchdog.onIceState(fed, this.env.clock.now()));
    };
    pc.addEventListener('iceconnectionstatechange', onChange);
    pc.addEventListener('connectionstatechange', onChange);
  }

  /** The call is established: watch it from now on. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.env.clock.now();
    this.watchdog.start(now);
    const pc = peerOf(this.call.session);
    if (pc) this.act(this.watchdog.onIceState(pc.iceConnectionState, now));
    this.schedule();
  }

  /** The network changed: restart ICE as soon as the signalling can carry it. */
  networkChanged(): void {
    if (!this.running) return;
    this.watchdog.onNetworkChange(this.env.clock.now());
    this.timer.stop();
    void this.poll();
  }

  stop(): void {
    this.running = false;
    this.timer.stop();
  }

  private schedule(): void {
    if (this.running) this.timer.start(this.env.timing.mediaPollMs, () => void this.poll());
  }

  private async poll(): Promise<void> {
    const session = this.call.session;
    const pc = peerOf(session);
    if (!this.running || this.polling || !session || !pc) return this.schedule();
    this.polling = true;
    const packets = await inboundPackets(pc);
    this.polling = false;
    if (!this.running) return;
    const sample = { now: this.env.clock.now(), held: sendsUsNothing(session, pc), packets };
    this.act(this.watchdog.tick({ ...sample, signalling: this.env.signalling() }));
    this.schedule();
  }

  private act(action: MediaAction): void {
    if (!this.running || action === 'none') return;
    if (action === 'lost') {
      this.stop();
      this.call.mediaLost(this.watchdog.lastMediaAt);
    } else void this.restart();
  }

  private async restart(): Promise<void> {
    const outcome = await this.call.queue
      .run(() => {
        const session = this.call.session;
        if (!session || session.isEnded()) throw new Error('gone');
        log.info('ICE restart');
        return restartIce(session);
      })
      .then(() => 'done' as const, outcomeOf);
    const glare = glareDelayMs(this.call.direction, this.env.random ?? Math.random);
    this.watchdog.onRestartSettled(outcome, this.env.clock.now(), glare);
  }
}

function outcomeOf(error: unknown): RestartOutcome {
  if (isRefusedReinvite(error)) return error.status === 491 ? 'glare' : 'refused';
  if (isNotReady(error)) return 'busy';
  // the op queue gave up waiting (no answer yet): the re-INVITE may still be pending in JsSIP
  if (error instanceof PhoneError && error.code === 'operation_timeout') return 'busy';
  return 'gone';
}

/** Inbound audio packets so far, or null when the browser has no inbound-rtp stat (no RTP yet). */
async function inboundPackets(pc: RTCPeerConnection): Promise<number | null> {
  let total: number | null = null;
  try {
    const report = await pc.getStats();
    report.forEach((s: { type?: string; kind?: string; packetsReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') total = (total ?? 0) + (s.packetsReceived ?? 0);
    });
  } catch {
    // closed meanwhile: the call is ending
  }
  return total;
}

/**
 * Either side holds the call, or what was negotiated sends us nothing (a peer that answered
 * `inactive`): no RTP is expected. JsSIP writes hold into the SDP it sends only, so the
 * transceivers' negotiated direction is read as well.
 */
function sendsUsNothing(session: RTCSession, pc: RTCPeerConnection): boolean {
  const hold = session.isOnHold();
  if (hold.local || hold.remote) return true;
  const directions = pc.getTransceivers?.().map((t) => t.currentDirection) ?? [];
  return directions.length > 0 && directions.every((d) => d !== 'sendrecv' && d !== 'recvonly');
}
