import { EventEmitter } from 'events';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from 'jssip/lib/UA';
import type { UaFactory, UaOptions } from '../ua-factory';
import { FakePeerConnection, FakeStream } from '../../testing/fake-media';

/** RTCSession.C values (RTCSession.js:21-32). */
const S = {
  STATUS_NULL: 0,
  STATUS_INVITE_SENT: 1,
  STATUS_1XX_RECEIVED: 2,
  STATUS_INVITE_RECEIVED: 3,
  STATUS_WAITING_FOR_ANSWER: 4,
  STATUS_ANSWERED: 5,
  STATUS_WAITING_FOR_ACK: 6,
  STATUS_CANCELED: 7,
  STATUS_TERMINATED: 8,
  STATUS_CONFIRMED: 9,
} as const;

type Opts = Record<string, unknown>;

function response(status: number): { status_code: number; getHeader: () => string } {
  return { status_code: status, getHeader: () => '' };
}

/**
 * Records what the engine asks of a JsSIP RTCSession and lets a test play the far side. It copies
 * the JsSIP behaviours the engine relies on (which event terminate() emits in which status, hold()
 * returning false when not ready, …), read from node_modules/jssip/lib/RTCSession.js.
 */
export class FakeSession extends EventEmitter {
  readonly C = S;
  status: number;
  connection: FakePeerConnection | null = null;
  readonly log: string[] = [];
  local = false;
  remote = false;
  audioMuted = false;
  /** a re-INVITE in flight; completeReinvite() answers it */
  pendingReinvite: (() => void) | null = null;
  autoReinvite = true;
  answerOptions: Opts | null = null;
  readonly readyCalls: string[] = [];

  constructor(
    readonly direction: 'incoming' | 'outgoing',
    readonly remote_identity: { display_name: string; uri: { user: string; toString(): string } },
  ) {
    super();
    this.status = direction === 'incoming' ? S.STATUS_WAITING_FOR_ANSWER : S.STATUS_NULL;
  }

  // --- JsSIP API used by the engine ---
  isEnded(): boolean {
    return this.status === S.STATUS_CANCELED || this.status === S.STATUS_TERMINATED;
  }
  isMuted(): { audio: boolean; video: boolean } {
    return { audio: this.audioMuted, video: false };
  }
  isOnHold(): { local: boolean; remote: boolean } {
    return { local: this.local, remote: this.remote };
  }
  answer(options: Opts): void {
    if (this.status !== S.STATUS_WAITING_FOR_ANSWER) throw new Error('InvalidStateError');
    this.answerOptions = options;
    this.status = S.STATUS_ANSWERED;
    this.log.push('answer');
    this.connection = new FakePeerConnection();
    this.emit('peerconnection', { peerconnection: this.connection });
  }
  terminate(options: { status_code?: number } = {}): void {
    if (this.status === S.STATUS_TERMINATED) throw new Error('InvalidStateError');
    const code = options.status_code;
    if (this.status <= S.STATUS_1XX_RECEIVED) {
      this.log.push('cancel');
      this.status = S.STATUS_CANCELED;
      this.emitEnd('failed', 'local', 'Canceled', null);
    } else if (this.status === S.STATUS_WAITING_FOR_ANSWER || this.status === S.STATUS_ANSWERED) {
      this.log.push(`reply:${code ?? 480}`);
      this.status = S.STATUS_TERMINATED;
      this.emitEnd('failed', 'local', 'Rejected', null);
    } else {
      this.log.push('bye');
      this.status = S.STATUS_TERMINATED;
      this.emitEnd('ended', 'local', 'Terminated', null);
    }
  }
  hold(_o: Opts, done: () => void): boolean {
    return this.reInvite(true, done);
  }
  unhold(_o: Opts, done: () => void): boolean {
    return this.reInvite(false, done);
  }
  mute(): void {
    this.log.push('mute');
    this.audioMuted = true;
  }
  unmute(): void {
    this.log.push('unmute');
    this.audioMuted = false;
  }
  sendDTMF(
    tones: string,
    options: { transportType?: string; duration?: number; interToneGap?: number },
  ): void {
    this.log.push(`dtmf:${tones}:${options.transportType}:${options.duration}:${options.interToneGap}`);
  }

  // --- the far side / the network, driven by tests ---
  /** the INVITE leaves (after ICE) */
  sendInvite(): void {
    this.status = S.STATUS_INVITE_SENT;
    this.emit('sending', { request: {} });
  }
  trying(): void {
    this.status = S.STATUS_1XX_RECEIVED; // 100 Trying: JsSIP emits nothing
  }
  ringing(): void {
    this.status = S.STATUS_1XX_RECEIVED;
    this.emit('progress', { originator: 'remote', response: response(180) });
  }
  acceptRemote(): void {
    this.status = S.STATUS_CONFIRMED;
    this.emit('accepted', { originator: 'remote', response: response(200) });
    this.emit('confirmed', { originator: 'local', ack: null });
  }
  /** incoming: our 200 OK went out */
  sent200(): void {
    this.status = S.STATUS_WAITING_FOR_ACK;
    this.emit('accepted', { originator: 'local', response: null });
  }
  ack(): void {
    this.status = S.STATUS_CONFIRMED;
    this.emit('confirmed', { originator: 'remote', ack: {} });
  }
  rejectRemote(status: number, cause: string): void {
    this.status = S.STATUS_TERMINATED;
    this.emitEnd('failed', 'remote', cause, response(status));
  }
  byeRemote(): void {
    this.status = S.STATUS_TERMINATED;
    this.emitEnd('ended', 'remote', 'Terminated', { getHeader: () => '' });
  }
  cancelRemote(reason = ''): void {
    this.status = S.STATUS_CANCELED;
    this.emitEnd('failed', 'remote', 'Canceled', { method: 'CANCEL', getHeader: () => reason });
  }
  /** JsSIP hands the same ready() to every candidate of one gathering round */
  private ready: (() => void) | null = null;
  private lastType = '';
  candidate(type: string): void {
    this.lastType = type;
    this.ready ??= (): void => {
      this.readyCalls.push(this.lastType);
    };
    this.emit('icecandidate', {
      candidate: { type, candidate: `candidate:1 1 udp 1 1.2.3.4 5 typ ${type}` },
      ready: this.ready,
    });
  }
  holdRemote(on: boolean): void {
    this.remote = on;
    this.emit(on ? 'hold' : 'unhold', { originator: 'remote' });
  }
  infoDtmf(tone: string): void {
    this.emit('newDTMF', { originator: 'remote', dtmf: { tone }, request: {} });
  }
  completeReinvite(): void {
    const done = this.pendingReinvite;
    this.pendingReinvite = null;
    done?.();
  }

  private reInvite(hold: boolean, done: () => void): boolean {
    if (this.status !== S.STATUS_CONFIRMED && this.status !== S.STATUS_WAITING_FOR_ACK) return false;
    if (this.local === hold) return false;
    // JsSIP would start a second, overlapping re-INVITE here (docs/jssip-quirks.md §5); flag it for the tests
    if (this.pendingReinvite) this.log.push('OVERLAP');
    this.local = hold;
    this.log.push(hold ? 'hold' : 'unhold');
    this.emit(hold ? 'hold' : 'unhold', { originator: 'local' });
    this.pendingReinvite = done;
    if (this.autoReinvite) queueMicrotask(() => this.completeReinvite());
    return true;
  }

  private emitEnd(event: 'ended' | 'failed', originator: string, cause: string, message: unknown): void {
    this.emit(event, { originator, cause, message });
  }
}

export function identity(user: string, displayName = ''): FakeSession['remote_identity'] {
  return { display_name: displayName, uri: { user, toString: () => `sip:${user}@pbx.test` } };
}

/** Records what the engine asks of a JsSIP UA and lets a test play the socket and the registrar. */
export class FakeUA extends EventEmitter {
  readonly log: string[] = [];
  readonly sessions: FakeSession[] = [];
  readonly callOptions: Opts[] = [];
  registered = false;
  connected = false;
  /** answer un-REGISTER at once (set false to test the disconnect() wait) */
  autoUnregister = true;
  /** answer keep-alive OPTIONS at once (synchronously) with 200 (set false to test dead-connection detection) */
  autoAnswerProbes = true;
  /** what the keep-alive did to the socket ('connect', 'disconnect'), apart from `log` */
  readonly transportLog: string[] = [];
  /** keep-alive OPTIONS: target and handlers, answered by the test */
  readonly probes: { target: unknown; succeeded?: (e: unknown) => void; failed?: (e: unknown) => void }[] =
    [];
  readonly transport = {
    connect: () => void this.transportLog.push('connect'),
    disconnect: () => {
      this.transportLog.push('disconnect');
      if (this.connected) this.socketDown();
    },
    isConnected: () => this.connected,
    isConnecting: () => false,
  };

  /** the extra Contact parameters of REGISTER/un-REGISTER, as JsSIP's Registrator holds them */
  contactParams: Record<string, unknown> = {};
  /** the Contact parameters each register()/unregister() went out with */
  readonly sentParams: { method: 'register' | 'unregister'; params: Record<string, unknown> }[] = [];

  constructor(readonly options: UaOptions) {
    super();
  }

  /** a REGISTER is in flight: JsSIP's Registrator swallows register() meanwhile (Registrator.js:64) */
  registering = false;

  registrator(): { setExtraContactParams(params: Record<string, unknown>): void; _registering: boolean } {
    return {
      setExtraContactParams: (params) => void (this.contactParams = { ...params }),
      _registering: this.registering,
    };
  }

  start(): void {
    this.log.push('start');
    this.emit('connecting', { attempts: 0 });
  }
  stop(): void {
    this.log.push('stop');
    for (const s of this.sessions) if (!s.isEnded()) s.terminate();
  }
  register(): void {
    this.log.push('register');
    if (this.registering) return;
    this.registering = true;
    this.sentParams.push({ method: 'register', params: { ...this.contactParams } });
  }
  unregister(): void {
    this.log.push('unregister');
    this.sentParams.push({ method: 'unregister', params: { ...this.contactParams } });
    this.registered = false;
    if (this.autoUnregister) queueMicrotask(() => this.emit('unregistered', {}));
  }
  isRegistered(): boolean {
    return this.registered;
  }
  isConnected(): boolean {
    return this.connected;
  }
  sendOptions(
    target: unknown,
    _body: string | null,
    opts: { eventHandlers?: { succeeded?: (e: unknown) => void; failed?: (e: unknown) => void } } = {},
  ): void {
    this.probes.push({ target, ...opts.eventHandlers });
    const succeeded = opts.eventHandlers?.succeeded;
    // synchronous: fake timers advance without running microtasks in between
    if (this.autoAnswerProbes && succeeded) succeeded({ originator: 'remote' });
  }
  call(uri: string, options: Opts): FakeSession {
    this.log.push(`call:${uri}`);
    this.callOptions.push(options);
    const session = new FakeSession('outgoing', identity(uri.replace(/^sip:|@.*$/g, '')));
    const handlers = (options.eventHandlers ?? {}) as Record<string, (e: unknown) => void>;
    for (const [event, fn] of Object.entries(handlers)) session.on(event, fn);
    session.connection = new FakePeerConnection();
    session.emit('peerconnection', { peerconnection: session.connection });
    this.sessions.push(session);
    this.emit('newRTCSession', { originator: 'local', session, request: {} });
    return session;
  }

  // --- socket and registrar, driven by tests ---
  socketUp(): void {
    this.connected = true;
    this.emit('connected', { socket: {} });
    this.register(); // JsSIP re-REGISTERs on every 'connected' (UA.js:815-825)
  }
  socketDown(): void {
    this.connected = false;
    this.registering = false;
    const wasRegistered = this.registered;
    this.registered = false;
    this.emit('disconnected', { socket: {}, error: true });
    if (wasRegistered) this.emit('unregistered', {});
  }
  retrying(attempts: number): void {
    this.emit('connecting', { attempts });
  }
  registerOk(): void {
    this.registering = false;
    this.registered = true;
    this.emit('registered', { response: response(200) });
  }
  registerFail(status: number | null, cause: string): void {
    this.registering = false;
    this.emit('registrationFailed', { response: status === null ? null : response(status), cause });
  }
  incoming(user: string, displayName = '', callId?: string): FakeSession {
    const session = new FakeSession('incoming', identity(user, displayName));
    // JsSIP keeps the INVITE in a private field (session-ops.ts sipCallIdOf)
    if (callId) Object.assign(session, { _request: { call_id: callId } });
    this.sessions.push(session);
    this.emit('newRTCSession', { originator: 'remote', session, request: {} });
    if (!session.isEnded()) session.log.push('reply:180'); // JsSIP rings unless rejected in the handler
    return session;
  }
}

/** A UaFactory that hands out FakeUAs and remembers them. */
export function fakeSip(): { factory: UaFactory; uas: FakeUA[]; last: () => FakeUA } {
  const uas: FakeUA[] = [];
  return {
    uas,
    factory: (options) => {
      const ua = new FakeUA(options);
      uas.push(ua);
      return ua as unknown as UA;
    },
    last: () => {
      const ua = uas.at(-1);
      if (!ua) throw new Error('no UA created');
      return ua;
    },
  };
}

export function asSession(s: FakeSession): RTCSession {
  return s as unknown as RTCSession;
}

export { FakeStream };
