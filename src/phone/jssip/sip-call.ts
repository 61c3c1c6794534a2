import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { CallOptions } from 'jssip/lib/UA';
import { OneShotTimer } from '../clock';
import { transition } from '../call-state';
import { OpQueue } from '../op-queue';
import { RelayWatch } from '../relay-watch';
import { MediaDown } from '../media-down';
import { IceReadyPolicy, wantedCandidate } from '../ice-ready';
import type { TransferSnapshot } from '../transfer-state';
import {
  PhoneError,
  type CallDirection,
  type CallNotice,
  type CallId,
  type CallSnapshot,
  type CallState,
  type DtmfTransport,
  type EndCause,
  type RemoteIdentity,
} from '../types';
import { mapEndCause, type EndInfo } from './end-cause';
import { MediaRecovery } from './media-recovery';
import { isRefusedReinvite, reInvite } from './reinvite';
import { cleanTones, dtmfOptions, peerOf, remoteIdentityOf, safeTerminate, sipCallIdOf } from './session-ops';
import { attachHandlers, sessionHandlers } from './session-wiring';
import { transferEndCause } from './transfer-out';
import type { CallEnv, MediaSetup } from './call-env';

const log = createLogger('phone.jssip');

export type { CallEnv, CallEvents, MediaSetup } from './call-env';

/**
 * One call: the JsSIP session (once there is one), its plain state, its own microphone clone and
 * its op queue. Everything JsSIP-specific about a call stays in here and session-*.ts.
 */
export class SipCall {
  state: CallState;
  remote: RemoteIdentity;
  readonly startedAt: number;
  answeredAt: number | null = null;
  endedAt: number | null = null;
  remoteHeld = false;
  remoteRinging = false;
  muted = false;
  endCause: EndCause | null = null;
  endStatus: number | null = null;
  /** the last hold/resume failed; the call goes on in its previous state */
  notice: CallNotice | null = null;
  readonly queue: OpQueue;
  /** an operation on this call ran out of time (op-queue.ts): the far end is not answering */
  notResponding = false;
  session: RTCSession | null = null;
  /** the call this one took over (RFC 3891 Replaces, see replace-call.ts) */
  replaces: CallId | null = null;
  /** incoming: the INVITE's Call-ID (push answer matching) */
  sipCallId: string | null = null;
  /** our transfer of this call (transfer-out.ts) and the call whose REFER made us place this one */
  transfer: TransferSnapshot | null = null;
  transferredFrom: CallId | null = null;
  /** set by conference.ts while this call is a conference leg */
  conference: { muted: boolean } | null = null;
  /** incoming-policy marks, copied into the snapshot (call-screening.ts) */
  readonly policy: { screened?: boolean; forwardedTo?: string } = {};
  /** a service call (Phone.call options): copied into the snapshot */
  service = false;
  /** set before we end a call for our own reason, so the JsSIP cause does not override it */
  private forced: { cause: EndCause; status: number | null } | null = null;
  /** the user hung up: their own end, even while the media was down (local_hangup, not media_lost) */
  private hungUp = false;
  /** our microphone clone; a session that takes this call over reuses it (adopt-session.ts) */
  stream: MediaStream | null = null;
  private ice: IceReadyPolicy | null = null;
  /** "INVITE never left / no response" (outgoing) or "our 200 OK not ACKed" (incoming) */
  readonly setupTimer: OneShotTimer;
  /** "no ICE candidate at all" */
  readonly iceTimer: OneShotTimer;
  /** a TURN server that failed while ICE does not connect ends the call as `relay_failed` */
  readonly relay: RelayWatch;
  /** when the media path went down: an abnormal end's talk time stops there (media-down.ts) */
  readonly mediaDown: MediaDown;
  /** ICE restart and the end of a call whose media died (media-recovery.ts) */
  readonly recovery: MediaRecovery;

  constructor(
    readonly env: CallEnv,
    readonly id: CallId,
    readonly direction: CallDirection,
    remote: RemoteIdentity,
  ) {
    this.state = direction === 'incoming' ? 'incoming_ringing' : 'outgoing_ringing';
    this.remote = remote;
    this.startedAt = env.clock.now();
    this.setupTimer = new OneShotTimer(env.clock);
    this.iceTimer = new OneShotTimer(env.clock);
    this.mediaDown = new MediaDown(env.clock);
    const signalling = env.signalling ?? (() => true);
    this.recovery = new MediaRecovery(this, { clock: env.clock, timing: env.timeouts, signalling });
    this.relay = new RelayWatch(env.clock, env.timeouts.relayConnectMs, () =>
      this.endWith('relay_failed', null),
    );
    const flag = (on: boolean) => () => {
      if (this.notResponding === on || !this.live) return;
      this.notResponding = on;
      env.events.updated(this);
    };
    this.queue = new OpQueue({
      clock: env.clock,
      timeoutMs: env.timeouts.opMs,
      onTimeout: flag(true),
      onSettled: flag(false),
    });
  }

  static incoming(env: CallEnv, id: CallId, session: RTCSession): SipCall {
    const call = new SipCall(env, id, 'incoming', remoteIdentityOf(session));
    call.session = session;
    call.sipCallId = sipCallIdOf(session);
    attachHandlers(session, sessionHandlers(call));
    return call;
  }

  get live(): boolean {
    return this.state !== 'ended';
  }

  snapshot(): CallSnapshot {
    const { id, direction, state, startedAt, answeredAt, endedAt, remoteHeld, muted } = this;
    return {
      id,
      direction,
      state,
      remote: { ...this.remote },
      startedAt,
      answeredAt,
      endedAt,
      held: state === 'held',
      remoteHeld,
      muted,
      endCause: this.endCause,
      endStatus: this.endStatus,
      notice: this.notice,
      remoteRinging: this.remoteRinging,
      ...(this.replaces ? { replaces: this.replaces } : {}),
      ...(this.sipCallId ? { sipCallId: this.sipCallId } : {}),
      ...(this.transfer ? { transfer: { ...this.transfer } } : {}),
      ...(this.transferredFrom ? { transferredFrom: this.transferredFrom } : {}),
      ...(this.conference ? { inConference: true, conferenceMuted: this.conference.muted } : {}),
      ...this.policy,
      ...(this.service ? { service: true } : {}),
      ...(this.notResponding ? { opFailure: 'operation_timeout' as const } : {}),
    };
  }

  /** Send the INVITE. `call` is the UA's call(); JsSIP creates the pc synchronously inside it. */
  dial(call: (uri: string, options: CallOptions) => RTCSession, uri: string, media: MediaSetup): void {
    this.useMedia(media);
    this.armWatchdogs();
    try {
      this.session = call(uri, {
        mediaConstraints: { audio: true, video: false },
        mediaStream: media.stream,
        pcConfig: media.pcConfig,
        // 'peerconnection' fires inside ua.call(): only eventHandlers catch it (docs/jssip-quirks.md §9)
        eventHandlers: sessionHandlers(this),
      });
    } catch (error) {
      this.finish({ cause: 'failed', status: null });
      throw new PhoneError('operation_failed', String(error));
    }
    this.applyMute();
  }

  answer(media: MediaSetup): void {
    const session = this.requireSession();
    if (this.state !== 'incoming_ringing') throw new PhoneError('illegal_state');
    this.useMedia(media);
    this.armWatchdogs();
    try {
      session.answer({
        mediaConstraints: { audio: true, video: false },
        mediaStream: media.stream,
        pcConfig: media.pcConfig,
      });
    } catch (error) {
      this.endWith('failed', null);
      throw new PhoneError('operation_failed', String(error));
    }
    this.applyMute();
  }

  /** Cancel, reject (603) or BYE depending on how far the call got. */
  hangup(): void {
    if (!this.live) return;
    if (this.state === 'incoming_ringing') return this.reject(603, 'declined');
    if (!this.session) return this.finish({ cause: 'cancelled', status: null });
    this.hungUp = true;
    safeTerminate(this.session);
  }

  /** Refuse an incoming call with `status` (extraHeaders: a 302's Contact), recording why. */
  reject(status: number, cause: EndCause, extraHeaders?: string[]): void {
    if (!this.live) return;
    this.forced = { cause, status };
    if (this.session) safeTerminate(this.session, status, extraHeaders);
    else this.finish(this.forced);
  }

  /** End for one of our own reasons (watchdog, media): the JsSIP cause is ignored. */
  endWith(cause: EndCause, status: number | null): void {
    if (!this.live) return;
    this.forced = { cause, status };
    if (this.session && !this.session.isEnded()) safeTerminate(this.session);
    // terminate() emits 'failed'/'ended' synchronously; finish here if it did not
    if (this.live) this.finish(this.forced);
  }

  /**
   * Another call took this one over (pickup, transfer): CANCEL (or BYE) with
   * `Reason: SIP;cause=200`, so the phone we were ringing shows "answered elsewhere", not "missed".
   */
  endReplaced(): void {
    if (!this.live) return;
    this.forced = { cause: 'replaced', status: null };
    if (this.session && !this.session.isEnded()) {
      try {
        this.session.terminate({ status_code: 200, reason_phrase: 'Call completed elsewhere' });
      } catch (error) {
        log.warn('ending the replaced call failed', error);
      }
    }
    if (this.live) this.finish(this.forced);
  }

  async hold(): Promise<void> {
    if (this.state === 'held') return;
    if (this.state !== 'answered' && this.state !== 'conference') throw new PhoneError('illegal_state');
    await this.reOffer(true);
    // only the completed re-INVITE makes it held (a BYE may have arrived meanwhile)
    if (this.state === 'answered' || this.state === 'conference') this.move('held');
  }

  /** `to` is 'conference' when a held conference leg resumes straight into the mix */
  async unhold(to: 'answered' | 'conference' = 'answered'): Promise<void> {
    if (this.state === to) return;
    if (this.state !== 'held') throw new PhoneError('illegal_state');
    await this.reOffer(false);
    if (this.state === 'held') this.move(to);
  }

  /** The hold/resume re-INVITE; a refused one keeps the call as it was and says so in `notice`. */
  private reOffer(hold: boolean): Promise<void> {
    const settled = (notice: CallNotice | null): void => {
      if (this.notice === notice) return;
      this.notice = notice;
      this.applyMute();
      this.env.events.updated(this);
    };
    return reInvite(this.requireSession(), hold).then(
      () => settled(null),
      (error: unknown) => {
        if (this.live && isRefusedReinvite(error)) settled(hold ? 'hold_failed' : 'resume_failed');
        throw error;
      },
    );
  }

  /** Our own microphone clone's track: what a conference leg sends again once split. */
  get ownTrack(): MediaStreamTrack | null {
    return this.stream?.getAudioTracks()[0] ?? null;
  }

  setMuted(muted: boolean): void {
    if (!this.live) throw new PhoneError('no_such_call');
    this.muted = muted;
    this.applyMute();
    this.env.events.updated(this);
  }

  sendDtmf(tones: string, transport: DtmfTransport): void {
    if (this.state !== 'answered' && this.state !== 'held') throw new PhoneError('illegal_state');
    const clean = cleanTones(tones);
    if (!clean) return;
    try {
      this.requireSession().sendDTMF(clean, dtmfOptions(transport));
    } catch (error) {
      throw new PhoneError('illegal_state', String(error));
    }
  }

  stats(): Promise<RTCStatsReport | null> {
    const pc = peerOf(this.session);
    return pc && this.live ? pc.getStats() : Promise.resolve(null);
  }

  /** Move to `to` (guarded) and tell the phone. */
  move(to: CallState): void {
    transition(this, to);
    if (to === 'answered' && this.answeredAt === null) {
      this.answeredAt = this.env.clock.now();
      this.recovery.start();
    }
    this.env.events.updated(this);
  }

  /**
   * The audio path of an established call died for good (media-recovery.ts): hang up (BYE) and say
   * so, instead of leaving the user on a silent line; the talk time ends when RTP last arrived.
   */
  mediaLost(lastMediaAt: number | null): void {
    if (this.answeredAt === null || !this.live) return;
    if (lastMediaAt !== null) this.mediaDown.markDown(lastMediaAt);
    this.endWith(this.relay.broken !== null ? 'relay_failed' : 'media_lost', null);
  }

  onIceCandidate(candidate: RTCIceCandidate, ready: () => void): void {
    this.iceTimer.stop();
    this.ice?.onCandidate(candidate, ready);
  }

  /** JsSIP reported 'ended' or 'failed'. */
  onSessionEnd(info: EndInfo): void {
    const transferred = transferEndCause(this);
    // the media was down and being recovered: whatever ended the session meanwhile (a restart
    // answered 481 or never sent, a BYE over the silence) ended a call whose audio was gone
    if (!this.forced && !transferred && !this.hungUp && this.recovery.recovering)
      return this.mediaLost(this.recovery.lastMediaAt);
    const cause = transferred ?? mapEndCause(info, this.answeredAt !== null, this.relay.broken !== null);
    this.finish(this.forced ?? { cause, status: info.status });
  }

  /** The call is over: release everything, exactly once. */
  finish(end: { cause: EndCause; status: number | null }): void {
    if (!this.live) return;
    this.endCause = end.cause;
    this.endStatus = end.status;
    transition(this, 'ended');
    this.endedAt = this.mediaDown.endTime(this.env.clock.now(), this.answeredAt);
    this.setupTimer.stop();
    this.iceTimer.stop();
    this.ice?.dispose();
    this.relay.dispose();
    this.recovery.stop();
    this.queue.close(new PhoneError('no_such_call'));
    this.env.microphone.release(this.stream);
    this.env.remoteAudio.detach(this.id);
    this.env.events.ended(this);
  }

  private useMedia(media: MediaSetup): void {
    this.stream = media.stream;
    const wants = wantedCandidate(media.pcConfig.iceServers ?? []);
    this.ice = new IceReadyPolicy(this.env.clock, wants, this.env.timeouts.iceGatherMaxMs, (wanted) => {
      if (wanted === 'relay') this.relay.noteMissingRelay();
    });
  }

  private armWatchdogs(): void {
    const { setupMs, iceCandidateMs } = this.env.timeouts;
    this.setupTimer.start(setupMs, () => this.endWith('setup_timeout', null));
    this.iceTimer.start(iceCandidateMs, () => this.endWith('setup_timeout', null));
  }

  /**
   * Mirrors JsSIP's own rule (track enabled = not muted and not held either way) on our clone, so
   * a mute set before the sender exists still applies; JsSIP's flag keeps later hold/unhold right.
   */
  private applyMute(): void {
    const session = this.session;
    // mute() before the pc exists would crash in JsSIP (incoming, not answered yet)
    if (session && peerOf(session) && session.isMuted().audio !== this.muted) {
      if (this.muted) session.mute({ audio: true });
      else session.unmute({ audio: true });
    }
    const hold = session && peerOf(session) ? session.isOnHold() : { local: false, remote: false };
    const enabled = !(this.muted || hold.local || hold.remote);
    this.stream?.getAudioTracks().forEach((t) => (t.enabled = enabled));
  }

  private requireSession(): RTCSession {
    if (!this.session || !this.live) throw new PhoneError('no_such_call');
    return this.session;
  }
}
