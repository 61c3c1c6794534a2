import { transition } from './call-state';
import type { CallEnv, MediaSetup } from './call-env';
import type { TrackSwap } from './media/microphone';
import { MediaDown } from './media-down';
import { OpQueue } from './op-queue';
import type { TransferKind, TransferSnapshot } from './transfer-state';
import {
  PhoneError,
  type CallDirection,
  type CallId,
  type CallNotice,
  type CallSnapshot,
  type CallState,
  type DtmfTransport,
  type EndCause,
  type RemoteIdentity,
} from './types';

/** An incoming REFER (we are the transferee); only the SIP binding that made it can dial it. */
export interface ReferOffer {
  readonly target: RemoteIdentity;
  reject(): void;
}

/** An INVITE with Replaces for one of our confirmed calls (we are the transfer target). */
export interface ReplacementOffer {
  reject(): void;
}

/** A REFER we send (we are the transferor). */
export interface ReferRequest {
  kind: TransferKind;
  /** what the user chose, for the snapshot */
  target: string;
  /** the Refer-To URI */
  referTo: string;
  /** no final NOTIFY this long after the 202: the transfer failed */
  timeoutMs: number;
  /** attended: the consult call, ended with ours on success */
  consult?: Call;
}

export interface CallEnd {
  cause: EndCause;
  status: number | null;
}

/**
 * What the engine asks of a call's SIP signalling and media (the JsSIP binding, jssip/sip-call.ts,
 * implements it). Conference, transfers and the call book use only this and CallRecord.
 */
export interface CallSignalling {
  /** a SIP session exists (an outgoing call whose INVITE never left has none) */
  readonly signalled: boolean;
  answer(media: MediaSetup): void;
  /** cancel, reject (603) or BYE depending on how far the call got */
  hangup(): void;
  /** refuse an incoming call with `status`, recording why (extraHeaders: a 302's Contact) */
  reject(status: number, cause: EndCause, extraHeaders?: string[]): void;
  /** end for one of our own reasons (watchdog, media, transfer): the SIP cause is ignored */
  endWith(cause: EndCause, status: number | null): void;
  /** another call took this one over: CANCEL or BYE saying "completed elsewhere" */
  endReplaced(): void;
  /** the hold re-INVITE; the call is held once it is answered */
  hold(): Promise<void>;
  /** `to` is 'conference' when a held conference leg resumes straight into the mix */
  unhold(to?: 'answered' | 'conference'): Promise<void>;
  sendDtmf(tones: string, transport: DtmfTransport): void;
  stats(): Promise<RTCStatsReport | null>;
  /** send `track` on the audio sender instead of what it sends now (no renegotiation) */
  sendTrack(track: MediaStreamTrack): Promise<void>;
  /** after a microphone change: senders still sending an old track send its replacement */
  replaceTracks(swaps: readonly TrackSwap[]): Promise<void>;
  /** send a REFER; settles once the transfer has an outcome or the call ended, never rejects */
  refer(request: ReferRequest): Promise<void>;
  /** the Refer-To URI (with Replaces) that makes a transferee take this call's place */
  replacesUri(): string;
  /** place the call an incoming REFER asks for, on this (new, outgoing) call */
  dialReferred(offer: ReferOffer, media: MediaSetup): void;
  /** take over the session an INVITE with Replaces brings; false if it is already gone */
  adopt(offer: ReplacementOffer, pcConfig: RTCConfiguration): boolean;
  /** runs `confirmed` once the session is confirmed, `failed` if it fails before that */
  watchSetup(handlers: { confirmed(): void; failed(): void }): void;
}

/** A call as the engine sees it: the plain record plus its signalling. */
export type Call = CallRecord & CallSignalling;

/**
 * The engine's plain record of one call: identity, state, timestamps, flags and its op queue. The
 * state is private: only move() and finish() change it, through call-state.ts's guarded
 * transition(). No SIP here; the binding extends this class.
 */
export abstract class CallRecord {
  private readonly machine: { state: CallState };
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
  /** the call this one took over (RFC 3891 Replaces) */
  replaces: CallId | null = null;
  /** incoming: the INVITE's Call-ID (push answer matching) */
  sipCallId: string | null = null;
  /** our transfer of this call and the call whose REFER made us place this one */
  transfer: TransferSnapshot | null = null;
  transferredFrom: CallId | null = null;
  /** set by conference.ts while this call is a conference leg */
  conference: { muted: boolean } | null = null;
  /** incoming-policy marks, copied into the snapshot (call-screening.ts) */
  readonly policy: { screened?: boolean; forwardedTo?: string } = {};
  /** a service call (Phone.call options): copied into the snapshot */
  service = false;
  /** our microphone clone; a session that takes this call over reuses it */
  stream: MediaStream | null = null;
  /** when the media path went down: an abnormal end's talk time stops there (media-down.ts) */
  readonly mediaDown: MediaDown;

  constructor(
    readonly env: CallEnv,
    readonly id: CallId,
    readonly direction: CallDirection,
    remote: RemoteIdentity,
  ) {
    this.machine = { state: direction === 'incoming' ? 'incoming_ringing' : 'outgoing_ringing' };
    this.remote = remote;
    this.startedAt = env.clock.now();
    this.mediaDown = new MediaDown(env.clock);
    const flag = (on: boolean) => () => {
      if (this.notResponding === on || !this.live) return;
      this.notResponding = on;
      env.events.updated(this.self);
    };
    this.queue = new OpQueue({
      clock: env.clock,
      timeoutMs: env.timeouts.opMs,
      onTimeout: flag(true),
      onSettled: flag(false),
    });
  }

  get state(): CallState {
    return this.machine.state;
  }

  get live(): boolean {
    return this.machine.state !== 'ended';
  }

  /** Our own microphone clone's track: what a conference leg sends again once split. */
  get ownTrack(): MediaStreamTrack | null {
    return this.stream?.getAudioTracks()[0] ?? null;
  }

  /** Move to `to` (guarded; never to 'ended', which is finish()'s) and tell the phone. */
  move(to: Exclude<CallState, 'ended'>): void {
    transition(this.machine, to);
    if (to === 'answered' && this.answeredAt === null) {
      this.answeredAt = this.env.clock.now();
      this.onAnswered();
    }
    this.env.events.updated(this.self);
  }

  setMuted(muted: boolean): void {
    if (!this.live) throw new PhoneError('no_such_call');
    this.muted = muted;
    this.applyMute();
    this.env.events.updated(this.self);
  }

  /** The call is over: release everything, exactly once. */
  finish(end: CallEnd): void {
    if (!this.live) return;
    this.endCause = end.cause;
    this.endStatus = end.status;
    transition(this.machine, 'ended');
    this.endedAt = this.mediaDown.endTime(this.env.clock.now(), this.answeredAt);
    this.release();
    this.queue.close(new PhoneError('no_such_call'));
    this.env.microphone.release(this.stream);
    this.env.remoteAudio.detach(this.id);
    this.env.events.ended(this.self);
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

  /** every record is a Call: the binding that extends this class implements CallSignalling */
  protected abstract get self(): Call;
  /** the call was answered for the first time (the binding starts watching its media) */
  protected abstract onAnswered(): void;
  /** apply `muted` (and hold) to the sender's track */
  protected abstract applyMute(): void;
  /** stop the binding's timers and watchers; finish() runs it once, after the state is 'ended' */
  protected abstract release(): void;
}
