import { createLogger } from '@/lib/logger';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { CallOptions } from 'jssip/lib/UA';
import {
  CallRecord,
  type Call,
  type CallEnd,
  type CallSignalling,
  type ReferOffer,
  type ReferRequest,
  type ReplacementOffer,
} from '../call';
import { can } from '../call-commands';
import type { CallEnv, MediaSetup } from '../call-env';
import { OneShotTimer } from '../clock';
import type { TrackSwap } from '../media/microphone';
import { RelayWatch } from '../relay-watch';
import { IceReadyPolicy, wantedCandidate } from '../ice-ready';
import {
  PhoneError,
  type CallDirection,
  type CallNotice,
  type CallId,
  type DtmfTransport,
  type EndCause,
  type RemoteIdentity,
} from '../types';
import { adoptSession, watchSetup } from './adopt-session';
import { replaceSwappedTracks, sendTrack } from './conference-leg';
import { mapEndCause, type EndInfo } from './end-cause';
import { MediaRecovery } from './media-recovery';
import { isRefusedReinvite, reInvite } from './reinvite';
import { cleanTones, dtmfOptions, peerOf, remoteIdentityOf, safeTerminate, sipCallIdOf } from './session-ops';
import { attachHandlers, sessionHandlers } from './session-wiring';
import { isSipReferOffer, isSipReplacementOffer } from './transfer-in';
import { referToWithReplaces, sendRefer, transferEndCause } from './transfer-out';

const log = createLogger('phone.jssip');

/**
 * One call over JsSIP: the engine's plain record (../call.ts) plus the JsSIP session (once there is
 * one), the set-up watchdogs and the media recovery. Everything JsSIP-specific about a call stays
 * in here and session-*.ts; the engine sees it only as a `Call`.
 */
export class SipCall extends CallRecord implements CallSignalling {
  session: RTCSession | null = null;
  /** set before we end a call for our own reason, so the JsSIP cause does not override it */
  private forced: CallEnd | null = null;
  /** the user hung up: their own end, even while the media was down (local_hangup, not media_lost) */
  private hungUp = false;
  private ice: IceReadyPolicy | null = null;
  /** "INVITE never left / no response" (outgoing) or "our 200 OK not ACKed" (incoming) */
  readonly setupTimer: OneShotTimer;
  /** "no ICE candidate at all" */
  readonly iceTimer: OneShotTimer;
  /** a TURN server that failed while ICE does not connect ends the call as `relay_failed` */
  readonly relay: RelayWatch;
  /** ICE restart and the end of a call whose media died (media-recovery.ts) */
  readonly recovery: MediaRecovery;

  constructor(env: CallEnv, id: CallId, direction: CallDirection, remote: RemoteIdentity) {
    super(env, id, direction, remote);
    this.setupTimer = new OneShotTimer(env.clock);
    this.iceTimer = new OneShotTimer(env.clock);
    const signalling = env.signalling ?? (() => true);
    this.recovery = new MediaRecovery(this, { clock: env.clock, timing: env.timeouts, signalling });
    this.relay = new RelayWatch(env.clock, env.timeouts.relayConnectMs, () =>
      this.endWith('relay_failed', null),
    );
  }

  static incoming(env: CallEnv, id: CallId, session: RTCSession): SipCall {
    const call = new SipCall(env, id, 'incoming', remoteIdentityOf(session));
    call.session = session;
    call.sipCallId = sipCallIdOf(session);
    attachHandlers(session, sessionHandlers(call));
    return call;
  }

  get signalled(): boolean {
    return this.session !== null;
  }

  protected get self(): Call {
    return this;
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
    if (!can(this, 'answer')) throw new PhoneError('illegal_state');
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
    if (can(this, 'decline')) return this.reject(603, 'declined');
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
    if (can(this, 'resume')) return; // already held
    if (!can(this, 'hold')) throw new PhoneError('illegal_state');
    await this.reOffer(true);
    // only the completed re-INVITE makes it held (a BYE may have arrived meanwhile)
    if (can(this, 'hold')) this.move('held');
  }

  /** `to` is 'conference' when a held conference leg resumes straight into the mix */
  async unhold(to: 'answered' | 'conference' = 'answered'): Promise<void> {
    if (this.state === to) return;
    if (!can(this, 'resume')) throw new PhoneError('illegal_state');
    await this.reOffer(false);
    if (can(this, 'resume')) this.move(to);
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

  sendDtmf(tones: string, transport: DtmfTransport): void {
    if (!can(this, 'dtmf')) throw new PhoneError('illegal_state');
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

  protected onAnswered(): void {
    this.recovery.start();
  }

  /** The binding's part of finish(): timers, ICE policy and media watchers. */
  protected release(): void {
    this.setupTimer.stop();
    this.iceTimer.stop();
    this.ice?.dispose();
    this.relay.dispose();
    this.recovery.stop();
  }

  sendTrack(track: MediaStreamTrack): Promise<void> {
    return sendTrack(this, track);
  }

  replaceTracks(swaps: readonly TrackSwap[]): Promise<void> {
    return replaceSwappedTracks(this, swaps);
  }

  refer(request: ReferRequest): Promise<void> {
    return sendRefer(this, request);
  }

  replacesUri(): string {
    if (!this.session || !this.live) throw new PhoneError('no_such_call', this.id);
    return referToWithReplaces(this.session);
  }

  dialReferred(offer: ReferOffer, media: MediaSetup): void {
    // offers only come from this binding (transfer-in.ts)
    if (!isSipReferOffer(offer)) throw new PhoneError('illegal_state', 'not a JsSIP REFER');
    this.dial(offer.dialer, offer.uri, media);
  }

  adopt(offer: ReplacementOffer, pcConfig: RTCConfiguration): boolean {
    if (!isSipReplacementOffer(offer)) throw new PhoneError('illegal_state', 'not a JsSIP Replaces');
    const fresh = offer.accept();
    if (!fresh) return false;
    adoptSession(this, fresh, pcConfig);
    return true;
  }

  watchSetup(handlers: { confirmed(): void; failed(): void }): void {
    watchSetup(this, handlers);
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
  protected applyMute(): void {
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
