import type { RTCSession } from 'jssip/lib/RTCSession';
import type { CallOptions, RTCSessionEvent, UA } from 'jssip/lib/UA';
import type { Clock } from '../clock';
import { KeepAlive, type KeepAliveReason } from '../keepalive';
import { clockTicker, type Ticker } from '../ticker';
import type { PhoneConfig, RegistrationSnapshot } from '../types';
import {
  BlfSubscriptions,
  MESSAGE_SUMMARY_EVENT,
  type BlfHandlers,
  type BlfOptions,
} from './blf-subscriptions';
import { EarlyReplaces } from './early-replaces';
import { acceptOvertakenAck } from './overtaken-ack';
import { keepAliveLink } from './keepalive-link';
import { IncomingGate } from './incoming-gate';
import type { ProbeVerdict } from './offer-probe';
import type { PushParams } from './push-params';
import type { PushBinding } from '../push-binding';
import { RegistrationTracker } from './registration';
import { safeTerminate } from './session-ops';
import { TargetRefresh, type RefreshableCall } from './target-refresh';
import { buildUaOptions, type UaFactory } from './ua-factory';

export interface StackHandlers {
  registration: (snapshot: RegistrationSnapshot) => void;
  /**
   * a new incoming session; a final response given inside it goes out before any 180.
   * `offer`: the INVITE's SDP, null for an INVITE without one (late offer: we will offer).
   * `refused`: the browser's reason when it refused the offer (probeOffer), else null.
   */
  incoming: (session: RTCSession, offer: string | null, refused: ProbeVerdict) => void;
  /** tries an offer in the browser before the call rings (offer-probe.ts); absent: not tried */
  probeOffer?: (sdp: string) => Promise<ProbeVerdict>;
  /** credentials refused: the stack stopped retrying */
  authFailed: () => void;
  /** an incoming session that replaces our ringing outgoing `replaced` (pickup, early-replaces.ts) */
  replacing?: (session: RTCSession, replaced: RTCSession) => void;
  /** the live calls: each refreshes its dialog target once the connection is back (target-refresh.ts) */
  calls?: () => Iterable<RefreshableCall>;
}

/**
 * One JsSIP UA and its registration. Built per connect(): JsSIP keeps credentials (and the ha1 it
 * derived from them) inside the UA, so a new configuration means a new UA.
 */
export class SipStack {
  private readonly tracker: RegistrationTracker;
  private stopping: Promise<void> | null = null;
  private readonly replaces: EarlyReplaces;
  private readonly gate: IncomingGate;
  /** kept for its UA listeners */
  private readonly refresh: TargetRefresh | null;
  private readonly keepAlive: KeepAlive;

  /** Throws InvalidConfigError (or JsSIP's ConfigurationError) when the settings are unusable. */
  constructor(
    private readonly ua: UA,
    clock: Clock,
    handlers: StackHandlers,
    keepAlive: { domain: string; ticker?: Ticker } = { domain: 'invalid' },
  ) {
    this.tracker = new RegistrationTracker(ua, clock, handlers.registration, handlers.authFailed);
    const link = keepAliveLink(ua, keepAlive.domain);
    this.keepAlive = new KeepAlive(link, clock, keepAlive.ticker ?? clockTicker(clock));
    ua.on('connected', () => this.keepAlive.connected());
    this.replaces = new EarlyReplaces(ua);
    this.gate = new IncomingGate({ ...handlers, stopping: () => this.stopping !== null });
    this.refresh = handlers.calls ? new TargetRefresh(ua, clock, handlers.calls) : null;
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      // a re-INVITE that overtook the ACK of the previous one must not wedge the call
      acceptOvertakenAck(e.session);
      // local sessions are the ones we dial ourselves; they are wired through ua.call()
      if (String(e.originator) !== 'remote') return this.replaces.allow(e.session);
      const replaced = this.replaces.replacedBy(e.session);
      // between un-REGISTER and stop(): refuse rather than ring unattended for 60 s
      if (this.stopping) safeTerminate(e.session, 480);
      else if (replaced && handlers.replacing) handlers.replacing(e.session, replaced);
      else this.gate.admit(e.session, sdpOf(e.request), e.request);
    });
  }

  static create(
    factory: UaFactory,
    config: PhoneConfig,
    timers: { clock: Clock; ticker: Ticker },
    handlers: StackHandlers,
  ): SipStack {
    const keepAlive = { domain: config.domain, ticker: timers.ticker };
    return new SipStack(factory(buildUaOptions(config)), timers.clock, handlers, keepAlive);
  }

  get registration(): RegistrationSnapshot {
    return this.tracker.snapshot;
  }

  start(): void {
    this.ua.start();
    this.keepAlive.start();
  }

  /** The network may have changed (online, tab shown, page resumed): prove the PBX still answers. */
  checkConnection(reason: KeepAliveReason): void {
    if (!this.stopping) this.keepAlive.checkNow(reason);
  }

  isRegistered(): boolean {
    return !this.stopping && this.ua.isRegistered();
  }

  /** A re-INVITE can go out now: the socket is open and the PBX knows it (registered on it). */
  signallingUp(): boolean {
    return this.isRegistered() && this.ua.isConnected();
  }

  readonly call = (uri: string, options: CallOptions): RTCSession => this.ua.call(uri, options);

  /** call() that adds SIP headers to the INVITE (pickup's Replaces) */
  callWith(extraHeaders: readonly string[]): (uri: string, options: CallOptions) => RTCSession {
    if (extraHeaders.length === 0) return this.call;
    return (uri, options) =>
      this.ua.call(uri, { ...options, extraHeaders: [...(options.extraHeaders ?? []), ...extraHeaders] });
  }

  /** BLF subscriptions on this UA; the phone stops them before stop() so the un-SUBSCRIBEs go out. */
  watchPresence(options: BlfOptions, handlers: BlfHandlers): BlfSubscriptions {
    return new BlfSubscriptions(this.ua, options, handlers);
  }

  /** Voicemail MWI (RFC 3842): the same subscription machinery, `Event: message-summary`. */
  watchMessages(options: BlfOptions, handlers: BlfHandlers): BlfSubscriptions {
    return new BlfSubscriptions(this.ua, { ...options, event: MESSAGE_SUMMARY_EVENT }, handlers);
  }

  /** the push binding's Contact parameters ride on this UA's REGISTERs (push-params.ts) */
  carryPush(push: PushParams): void {
    push.attach(this.ua);
  }

  /** a changed binding reaches the PBX at once (a REGISTER), unless this UA is on its way out */
  updatePush(push: PushParams, binding: PushBinding | null): void {
    push.set(binding, this.stopping ? null : this.ua);
  }

  /**
   * Un-REGISTER (waiting at most `waitMs` for the answer) and close the socket. Everything that
   * must reach the PBX is sent synchronously, before the first await, so a pagehide still gets it
   * out. Calling it again returns the same promise.
   */
  stop(waitMs: number, clock: Clock): Promise<void> {
    this.stopping ??= this.doStop(waitMs, clock);
    return this.stopping;
  }

  /** Stop without un-REGISTER (wrong password: there is no binding to remove). */
  halt(): void {
    this.tracker.dispose();
    this.keepAlive.stop();
    this.stopping ??= Promise.resolve();
    this.ua.stop();
  }

  private async doStop(waitMs: number, clock: Clock): Promise<void> {
    this.tracker.dispose();
    this.keepAlive.stop();
    if (this.ua.isRegistered()) {
      const done = new Promise<void>((resolve) => {
        const timer = clock.setTimeout(resolve, waitMs);
        this.ua.once('unregistered', () => {
          clock.clearTimeout(timer);
          resolve();
        });
      });
      this.ua.unregister();
      await done;
    }
    // stop() also BYEs any session still alive and closes the socket once transactions finish
    this.ua.stop();
  }
}

/** The SDP body of an incoming INVITE, or null (no body, or not SDP). */
function sdpOf(request: unknown): string | null {
  const r = request as { body?: unknown; getHeader?: (name: string) => unknown } | null;
  if (!r || typeof r.body !== 'string' || r.body.trim() === '') return null;
  const type = typeof r.getHeader === 'function' ? r.getHeader('Content-Type') : undefined;
  return typeof type === 'string' && !/^application\/sdp\b/i.test(type.trim()) ? null : r.body;
}
