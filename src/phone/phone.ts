import { createLogger } from '@/lib/logger';
import { callerIdentity, pickupDial } from './blf/pickup';
import { PresenceService } from './blf/presence-service';
import type { PickupOptions } from './blf/types';
import { systemClock, type Clock } from './clock';
import { PhoneEmitter } from './emitter';
import type { PhoneEventMap, PhoneEventName } from './events';
import {
  createJssipUa,
  keepRefused,
  isClaimedReplacement,
  replacingCall,
  SipCall,
  SipStack,
  SipTrace,
  guardSocket,
  browserProbePeer,
  OfferProber,
  alwaysAnswered,
  fetchReach,
  type SipSession,
  type UaFactory,
  PushParams,
} from './jssip';
import type { PushBinding } from './push-binding';
import { can } from './call-commands';
import type { CallEnv, MediaSetup } from './call-env';
import { idleRegistration, sameRegistration } from './registration-state';
import { browserMedia, Microphone } from './media/microphone';
import type { Call } from './call';
import { CallBook } from './call-book';
import { callMedia, peerConfig } from './call-media';
import { defaultCallId, type PhoneDeps } from './phone-deps';
import { Conference } from './conference';
import { browserAudioContext, DEFAULT_CONFERENCE_MAX } from './media/conference-mixer';
import { RemoteAudio } from './media/remote-audio';
import { CallScreening } from './call-screening';
import { MWI_EXPIRES_S, MwiService } from './mwi-service';
import type { Phone } from './phone-api';
import { identityOfTarget, parseTarget } from './target';
import { Transfers, type TransferContext } from './transfers';
import { DEFAULT_TIMEOUTS, NO_OP_TIMEOUT } from './timeouts';
import { defaultTicker, type Ticker } from './ticker';
import type { KeepAliveReason } from './keepalive';
import {
  PhoneError,
  type AudioDevices,
  type CallId,
  type DtmfTransport,
  type IncomingPolicy,
  type PhoneConfig,
  type PhoneSnapshot,
  type RegistrationSnapshot,
  type CallOptions,
  type RemoteIdentity,
} from './types';

const log = createLogger('phone');

export type { PhoneDeps } from './phone-deps';

export function createPhone(deps: PhoneDeps = {}): Phone {
  return new PhoneEngine(deps);
}

class PhoneEngine implements Phone {
  private readonly emitter = new PhoneEmitter();
  private readonly calls = new CallBook<SipCall>((call) => this.emitter.emit('callAdded', call.snapshot()));
  private readonly env: CallEnv;
  private readonly sip: UaFactory;
  private readonly newId: () => CallId;
  private stack: SipStack | null = null;
  private config: PhoneConfig | null = null;
  private registration: RegistrationSnapshot = idleRegistration();
  private callWaiting = true;
  private dtmfTransport: DtmfTransport = 'rfc4733';
  private readonly transfers = new Transfers(this.transferContext());
  private readonly presence = new PresenceService((p) => this.emitter.emit('presenceChanged', p));
  private readonly conference: Conference;
  private readonly screening: CallScreening;
  private readonly mwi = new MwiService((m) => this.emitter.emit('messageWaitingChanged', m));
  private readonly trace: SipTrace;
  private readonly push = new PushParams();
  private readonly timers: { clock: Clock; ticker: Ticker };
  private readonly prober: OfferProber;

  constructor(deps: PhoneDeps) {
    const clock = deps.clock ?? systemClock;
    this.trace = new SipTrace(clock);
    const reach = deps.reach ?? (deps.sip ? alwaysAnswered : fetchReach);
    const wrapSocket = guardSocket(clock, this.trace.wrap, reach); // the trace sees what the guard refuses
    this.sip = (options) => (deps.sip ?? createJssipUa)({ ...options, wrapSocket });
    this.newId = deps.newId ?? defaultCallId;
    this.timers = { clock, ticker: deps.ticker ?? defaultTicker(clock) };
    const doc = deps.document === undefined ? (globalThis.document ?? null) : deps.document;
    this.env = {
      clock,
      timeouts: { ...DEFAULT_TIMEOUTS, ...deps.timeouts },
      microphone: new Microphone(deps.media ?? browserMedia, clock),
      remoteAudio: new RemoteAudio(doc),
      signalling: () => this.stack?.signallingUp() ?? false,
      events: {
        updated: (call) => this.emitter.emit('callUpdated', call.snapshot()),
        ended: (call) => {
          this.calls.remove(call.id);
          this.screening.cancel(call.id);
          this.conference.onEnded(call);
          this.emitter.emit('callEnded', call.snapshot());
        },
        dtmf: (call, tone) => this.emitter.emit('dtmfReceived', { callId: call.id, tone }),
        referred: (call, offer) => this.transfers.onReferred(call, offer),
        takeover: (call, offer) => this.transfers.onTakeover(call, offer),
      },
    };
    this.screening = new CallScreening(clock);
    this.prober = new OfferProber(deps.probePeer ?? browserProbePeer, clock, this.env.timeouts.offerProbeMs);
    this.conference = new Conference({
      microphone: this.env.microphone,
      remoteStream: (id) => this.env.remoteAudio.stream(id),
      createContext: deps.conference?.createContext ?? browserAudioContext,
      max: deps.conference?.max ?? DEFAULT_CONFERENCE_MAX,
      calls: () => this.calls.values(),
      updated: (call) => this.env.events.updated(call),
      changed: (conference) => this.emitter.emit('conferenceChanged', conference),
    });
  }

  connect(config: PhoneConfig): void {
    // the old UA un-REGISTERs in the background; its events are already ignored
    void this.teardown();
    this.config = config;
    this.callWaiting = config.callWaiting;
    this.dtmfTransport = config.dtmfTransport;
    try {
      this.stack = SipStack.create(this.sip, config, this.timers, {
        registration: (s) => this.setRegistration(s),
        incoming: (session, offer, refused) => {
          // a session that takes over one of our calls (transfers.ts) is not a new call
          if (!isClaimedReplacement(session))
            this.onIncoming(SipCall.incoming(this.env, this.newId(), session), offer, refused);
        },
        // with the configuration answer() will use
        probeOffer: (sdp) => this.prober.probe(sdp, this.pcConfig()),
        replacing: (session, replaced) => this.onReplacing(session, replaced),
        calls: () => this.calls.values(),
        // stop JsSIP re-REGISTERing with the wrong password; never cut a call over it
        authFailed: () => {
          if (this.calls.size === 0) this.stack?.halt();
        },
      });
    } catch (error) {
      // settings the UI let through but JsSIP cannot use: report, never throw into the UI
      log.warn('invalid configuration', error);
      this.setRegistration({ state: 'failed', cause: 'invalid_config', attempts: 0, nextRetryAt: null });
      return;
    }
    this.setRegistration({ state: 'connecting', cause: null, attempts: 0, nextRetryAt: null });
    const blf = { domain: config.domain, expires: config.blfExpires ?? 600, clock: this.env.clock };
    this.presence.attach(this.stack.watchPresence(blf, this.presence.feed));
    const mwi = { ...blf, expires: config.mwiExpires ?? MWI_EXPIRES_S };
    this.mwi.attach(this.stack.watchMessages(mwi, this.mwi.feed), config.user);
    this.stack.carryPush(this.push);
    this.stack.start();
    this.prober.warm(this.pcConfig());
  }

  checkConnection(reason: KeepAliveReason): void {
    this.stack?.checkConnection(reason);
  }

  networkChanged(): void {
    for (const call of this.calls.values()) call.recovery.networkChanged();
  }

  disconnect(): Promise<void> {
    const stopped = this.teardown();
    this.setRegistration(idleRegistration());
    return stopped;
  }

  call(target: string, options: CallOptions = {}): Promise<CallId> {
    return this.place(target, [], null, options.service === true);
  }

  /** call() with pickup's extras: SIP headers, and who we will talk to when the dialled URI is a code */
  private async place(
    target: string,
    extraHeaders: readonly string[],
    remote: RemoteIdentity | null,
    service = false,
  ): Promise<CallId> {
    const config = this.config;
    if (!config || !this.stack?.isRegistered()) throw new PhoneError('not_registered');
    const dial = parseTarget(target, config.domain);
    if (!dial) throw new PhoneError('invalid_target', target);
    const call = new SipCall(this.env, this.newId(), 'outgoing', remote ?? identityOfTarget(dial));
    call.service = service;
    this.calls.add(call);
    try {
      await call.queue.run(async () => {
        if (!service) await this.calls.holdOthers(call.id);
        const media = await this.mediaFor(call);
        const stack = this.stack;
        if (!stack) {
          this.env.microphone.release(media.stream);
          throw new PhoneError('not_registered');
        }
        call.dial(stack.callWith(extraHeaders), dial.uri, media);
      }, NO_OP_TIMEOUT); // the microphone prompt may take the user a while
    } catch (error) {
      // never leave a call behind that will not dial
      if (call.live && !call.signalled) call.endWith('failed', null);
      throw error;
    }
    return call.id;
  }

  async answer(id: CallId): Promise<void> {
    const call = this.calls.get(id);
    if (!can(call, 'answer')) throw new PhoneError('illegal_state');
    this.screening.cancel(id);
    await call.queue.run(async () => {
      await this.calls.holdOthers(id);
      call.answer(await this.mediaFor(call));
    }, NO_OP_TIMEOUT);
  }

  decline(id: CallId): void {
    const call = this.calls.get(id);
    if (!can(call, 'decline')) throw new PhoneError('illegal_state');
    call.reject(603, 'declined');
  }

  readonly hangup = (id: CallId): void => this.calls.get(id).hangup();

  async hold(id: CallId): Promise<void> {
    const call = this.calls.get(id);
    if (this.conference.has(id)) return this.conference.hold();
    await call.queue.run(() => call.hold()).catch(keepRefused);
  }

  async resume(id: CallId): Promise<void> {
    const call = this.calls.get(id);
    if (this.conference.has(id)) return this.conference.resume();
    // resuming a call that is not held does nothing (unhold()), but it must be one-to-one and established
    if (!can(call, 'resume') && !can(call, 'hold')) throw new PhoneError('illegal_state');
    // hold the others first, then unhold (JsSIP issue #806: never two calls unheld at once)
    await this.calls.holdOthers(id);
    await call.queue.run(() => call.unhold()).catch(keepRefused);
  }

  readonly setMuted = (id: CallId, muted: boolean): void => this.calls.get(id).setMuted(muted);

  sendDtmf(id: CallId, tones: string): void {
    this.calls.get(id).sendDtmf(tones, this.dtmfTransport);
  }

  setCallWaiting(enabled: boolean): void {
    this.callWaiting = enabled;
  }

  setDtmfTransport(transport: DtmfTransport): void {
    this.dtmfTransport = transport;
  }

  // incoming policy (call-screening.ts), voicemail MWI (mwi-service.ts), SIP trace (jssip/sip-trace.ts)
  readonly setIncomingPolicy = (policy: IncomingPolicy) => this.screening.set(policy);
  readonly setMwiEnabled = (enabled: boolean) => this.mwi.setEnabled(enabled);
  readonly setPushBinding = (binding: PushBinding | null) =>
    this.stack ? this.stack.updatePush(this.push, binding) : void this.push.set(binding, null);
  readonly setSipTrace = (enabled: boolean) =>
    this.trace.setSink(enabled ? (entry) => this.emitter.emit('sipTraced', entry) : null);

  async setAudioDevices(devices: AudioDevices): Promise<void> {
    this.env.remoteAudio.setSink(devices.output);
    const swaps = await this.env.microphone.setDevice(devices.input);
    if (swaps.length === 0) return;
    await this.calls.replaceTracks(swaps);
    this.conference.onMicrophoneChanged(swaps);
  }

  setWatched(extensions: string[]): void {
    this.presence.setWatched(extensions);
  }

  pickup(extension: string, options: PickupOptions = { method: 'replaces' }): Promise<CallId> {
    const ringing = this.presence.ringing(extension.trim());
    const plan = pickupDial(extension.trim(), ringing, options);
    if (!plan) return Promise.reject(new PhoneError('illegal_state', `nothing ringing at ${extension}`));
    // with a feature code the dialled URI is `*8<ext>`: the row should name the caller we will get
    const caller = ringing ? callerIdentity(ringing, this.config?.domain ?? '') : null;
    return this.place(plan.target, plan.extraHeaders, caller);
  }

  transfer(id: CallId, target: string): Promise<void> {
    return this.transfers.blind(id, target);
  }

  attendedTransfer(id: CallId, consultId: CallId): Promise<void> {
    return this.transfers.attended(id, consultId);
  }

  snapshot(): PhoneSnapshot {
    return {
      registration: { ...this.registration },
      calls: this.calls.snapshots(),
      callWaiting: this.callWaiting,
      presence: this.presence.snapshot(),
      conference: this.conference.snapshot(),
      mwi: this.mwi.snapshot(),
    };
  }

  on<K extends PhoneEventName>(event: K, listener: (payload: PhoneEventMap[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  remoteStream(id: CallId): MediaStream | null {
    return this.calls.find(id) ? this.env.remoteAudio.stream(id) : null;
  }

  // conference commands (conference.ts); a leg's hold/resume above acts on the whole conference
  readonly startConference = (ids: CallId[]) => this.conference.start(ids.map((id) => this.calls.get(id)));
  readonly addToConference = (id: CallId) => this.conference.add(this.calls.get(id));
  readonly removeFromConference = (id: CallId) => this.conference.remove(this.calls.get(id));
  readonly setParticipantMuted = (id: CallId, muted: boolean) =>
    this.conference.setParticipantMuted(this.calls.get(id), muted);
  readonly setConferenceMicMuted = (muted: boolean) => this.conference.setMicMuted(muted);
  readonly splitConference = () => this.conference.split();
  readonly endConference = () => this.conference.end();

  stats(id: CallId): Promise<RTCStatsReport | null> {
    return this.calls.find(id)?.stats() ?? Promise.resolve(null);
  }

  private onIncoming(call: SipCall, offer: string | null, refused: string | null): void {
    const others = [...this.calls.values()];
    const ctx = { domain: this.config?.domain ?? '', callWaiting: this.callWaiting, others };
    const act = this.screening.screen(call, ctx, offer, refused);
    this.calls.add(call);
    // a 486/603/302/488 leaves before any 180 Ringing (JsSIP's, or the one the gate held back)
    act();
  }

  /** A colleague picked up the call we are making: answer the new leg at once (replace-call.ts). */
  private onReplacing(session: SipSession, replaced: SipSession): void {
    const old = [...this.calls.values()].find((c) => c.session === replaced);
    if (!old) return SipCall.incoming(this.env, this.newId(), session).reject(481, 'failed');
    const call = replacingCall(this.env, this.newId(), session, old);
    this.calls.add(call);
    this.answer(call.id).catch((error: unknown) => log.warn('pickup answer failed', error));
  }

  /** closures over our private parts; `env` is read late because it is built in the constructor */
  private transferContext(): TransferContext {
    return {
      addReferred: (remote, from) => {
        const call = new SipCall(this.env, this.newId(), 'outgoing', remote);
        call.transferredFrom = from;
        this.calls.add(call);
        return call;
      },
      find: (id) => this.calls.get(id),
      holdOthers: (id) => this.calls.holdOthers(id),
      mediaFor: (call) => this.mediaFor(call),
      resume: (id) => this.resume(id),
      domain: () => this.config?.domain ?? null,
      pcConfig: () => this.pcConfig(),
    };
  }

  /** The call's own microphone clone (call-media.ts). */
  private mediaFor(call: Call): Promise<MediaSetup> {
    return callMedia(this.env.microphone, call, this.pcConfig());
  }

  private pcConfig(): RTCConfiguration {
    return peerConfig(this.config?.iceServers ?? []);
  }

  /** End calls and stop the current UA; idempotent and synchronous up to the first await. */
  private teardown(): Promise<void> {
    // un-SUBSCRIBE before the UA stops; the lamps go grey
    this.presence.detach();
    this.mwi.detach();
    const stack = this.stack;
    this.stack = null;
    const stopped = stack
      ? stack.stop(this.env.timeouts.unregisterWaitMs, this.env.clock)
      : Promise.resolve();
    for (const call of [...this.calls.values()]) call.hangup();
    return stopped;
  }

  private setRegistration(snapshot: RegistrationSnapshot): void {
    const same = sameRegistration(this.registration, snapshot);
    this.registration = snapshot;
    if (!same) this.emitter.emit('registrationChanged', { ...snapshot });
  }
}
