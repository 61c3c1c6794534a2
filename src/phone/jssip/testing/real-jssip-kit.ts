/**
 * Pieces for driving the REAL JsSIP 3.13.8 in unit tests: a scripted in-memory socket playing the
 * PBX, a stand-in RTCPeerConnection and SIP message builders.
 */
import * as JsSIP from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import { vi } from 'vitest';
import { createPhone, type PhoneDeps } from '../../phone';
import type { Phone } from '../../phone-api';
import { FakeMedia } from '../../testing/fake-media';
import type { Timeouts } from '../../timeouts';
import type { PhoneConfig } from '../../types';
import type { UaFactory } from '../ua-factory';

/** The account the scripted PBX serves. */
export const TEST_CONFIG: PhoneConfig = {
  displayName: 'Alice',
  user: '1001',
  password: 'pw1001',
  domain: 'pbx.test',
  wsUrl: 'ws://pbx.test:8088',
  iceServers: [],
  instanceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  dtmfTransport: 'rfc4733',
  callWaiting: true,
};

/** A WebRTC offer/answer: DTLS fingerprint, ICE credentials, opus (the engine refuses less). */
export const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 127.0.0.1',
  'a=ice-ufrag:kit1',
  'a=ice-pwd:kitpasswordkitpassword12',
  'a=fingerprint:sha-256 0F:74:31:25:CB:A2:13:EC:28:6F:6D:2C:61:FF:5D:C2:BC:B9:DB:3D:98:14:8D:1A:BB:EA:33:0C:A4:60:A8:8E',
  'a=setup:actpass',
  'a=rtpmap:111 opus/48000/2',
  'a=sendrecv',
  '',
].join('\r\n');

/** What a plain SIP phone offers: RTP/AVP, PCMU, no DTLS, no ICE. */
export const PLAIN_SDP = [
  'v=0',
  'o=phone 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

export function header(msg: string, name: string): string[] {
  const re = new RegExp(`^${name}:\\s*(.*)$`, 'gim');
  return [...msg.split('\r\n\r\n')[0]!.matchAll(re)].map((m) => m[1]!);
}
export const tagOf = (value: string | undefined): string => /;tag=([^;>\s]+)/.exec(value ?? '')?.[1] ?? '';

export function reply(
  req: string,
  code: number,
  reason: string,
  extra: string[] = [],
  body = '',
  toTag = `pbx${code}`,
): string {
  const to = header(req, 'To')[0]!;
  const lines = [
    `SIP/2.0 ${code} ${reason}`,
    ...header(req, 'Via').map((v) => `Via: ${v}`),
    `From: ${header(req, 'From')[0]}`,
    `To: ${code > 100 && !/;tag=/.test(to) ? `${to};tag=${toTag}` : to}`,
    `Call-ID: ${header(req, 'Call-ID')[0]}`,
    `CSeq: ${header(req, 'CSeq')[0]}`,
    ...extra,
    `Content-Length: ${body.length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export interface RequestSpec {
  method: string;
  callId: string;
  cseq: number;
  from: string;
  to: string;
  uri?: string;
  extra?: string[];
  body?: string;
}

/** A CANCEL (and the ACK of a failed INVITE) belongs to the INVITE's transaction: same branch. */
const transactionOf = (method: string): string =>
  method === 'CANCEL' || method === 'ACK' ? 'INVITE' : method;

export function sipRequest(r: RequestSpec): string {
  const body = r.body ?? '';
  const lines = [
    `${r.method} ${r.uri ?? 'sip:1001@pbx.test'} SIP/2.0`,
    `Via: SIP/2.0/WS pbx.test;branch=z9hG4bK-${r.callId}-${r.cseq}-${transactionOf(r.method)}`,
    'Max-Forwards: 70',
    `From: ${r.from}`,
    `To: ${r.to}`,
    `Call-ID: ${r.callId}`,
    `CSeq: ${r.cseq} ${r.method}`,
    'Contact: <sip:pbx@127.0.0.1:5070;transport=ws>',
    ...(r.extra ?? []),
    ...(body
      ? ['Content-Type: ' + (r.method === 'NOTIFY' ? 'application/dialog-info+xml' : 'application/sdp')]
      : []),
    `Content-Length: ${body.length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A JsSIP.Socket whose far side is a script: `pbx(msg)` sees every message JsSIP sends. */
export class LoopSocket {
  readonly url = 'ws://pbx.test:8088';
  readonly via_transport = 'WS';
  readonly sip_uri = 'sip:pbx.test:8088;transport=ws';
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;
  readonly sent: string[] = [];
  private up = false;
  constructor(private readonly pbx: (msg: string, socket: LoopSocket) => void) {}
  connect(): void {
    queueMicrotask(() => {
      this.up = true;
      this.onconnect();
    });
  }
  disconnect(): void {
    this.up = false;
  }
  send(msg: string): boolean {
    this.sent.push(msg);
    queueMicrotask(() => this.pbx(msg, this));
    return true;
  }
  isConnected(): boolean {
    return this.up;
  }
  isConnecting(): boolean {
    return false;
  }
  deliver(msg: string): void {
    this.ondata(msg);
  }
  firstLines(): string[] {
    return this.sent.map((m) => m.split('\r\n')[0]!);
  }
  find(start: string): string[] {
    return this.sent.filter((m) => m.startsWith(start));
  }
}

/** Registrar that accepts any REGISTER and answers the keep-alive OPTIONS; others go to `rest`. */
export function registrar(rest: (msg: string, s: LoopSocket) => void = () => undefined) {
  return (msg: string, s: LoopSocket): void => {
    if (msg.startsWith('REGISTER'))
      s.deliver(reply(msg, 200, 'OK', [`Contact: ${header(msg, 'Contact')[0]!}`]));
    else if (msg.startsWith('OPTIONS')) s.deliver(reply(msg, 200, 'OK'));
    else rest(msg, s);
  };
}

/** Just enough RTCPeerConnection for JsSIP: one host candidate (unless switched off), canned SDP. */
export class StubPeerConnection {
  /** false: ICE never yields a candidate, as in a namespace without loopback candidates */
  static emitCandidates = true;
  /** the newest instance, so a test can move its connection state */
  static last: StubPeerConnection | null = null;
  iceGatheringState = 'new';
  connectionState = 'new';
  signalingState = 'stable';
  iceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  private readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  constructor() {
    StubPeerConnection.last = this;
  }
  /** what Chromium does when ICE/DTLS gives up on an established call */
  fail(): void {
    this.connectionState = 'failed';
    this.iceConnectionState = 'failed';
    (this.listeners.get('connectionstatechange') ?? []).forEach((f) => f({}));
  }
  /** ICE moves to `state` (the connection state follows it) */
  ice(state: string): void {
    this.iceConnectionState = state;
    this.connectionState = state === 'completed' ? 'connected' : state;
    (this.listeners.get('iceconnectionstatechange') ?? []).forEach((f) => f({}));
    (this.listeners.get('connectionstatechange') ?? []).forEach((f) => f({}));
  }
  /** the options of every createOffer() (an ICE restart asks for `iceRestart`) */
  readonly offerOptions: unknown[] = [];
  addEventListener(t: string, f: (e: unknown) => void): void {
    this.listeners.set(t, [...(this.listeners.get(t) ?? []), f]);
  }
  removeEventListener(t: string, f: (e: unknown) => void): void {
    this.listeners.set(
      t,
      (this.listeners.get(t) ?? []).filter((x) => x !== f),
    );
  }
  /** JsSIP's hold and mute switch `track.enabled` of these (RTCSession._toggleMuteAudio) */
  private readonly senders: { track: unknown }[] = [];
  addTrack(track: unknown): void {
    this.senders.push({ track });
  }
  getSenders(): unknown[] {
    return this.senders;
  }
  getReceivers(): unknown[] {
    return [];
  }
  createOffer(options?: unknown): Promise<{ type: string; sdp: string }> {
    this.offerOptions.push(options);
    return Promise.resolve({ type: 'offer', sdp: SDP });
  }
  createAnswer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'answer', sdp: SDP });
  }
  setLocalDescription(d: { type: string; sdp: string }): Promise<void> {
    this.localDescription = d;
    this.iceGatheringState = 'gathering';
    if (!StubPeerConnection.emitCandidates) return Promise.resolve();
    setTimeout(() => {
      const candidate = { type: 'host', candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' };
      (this.listeners.get('icecandidate') ?? []).forEach((f) => f({ candidate }));
    }, 5);
    return Promise.resolve();
  }
  setRemoteDescription(): Promise<void> {
    return Promise.resolve();
  }
  getStats(): Promise<Map<string, unknown>> {
    return Promise.resolve(new Map());
  }
  close(): void {}
}

export function stubWebRtc(): void {
  StubPeerConnection.emitCandidates = true;
  StubPeerConnection.last = null;
  vi.stubGlobal('RTCPeerConnection', StubPeerConnection);
  vi.stubGlobal(
    'RTCSessionDescription',
    class {
      constructor(readonly init: unknown) {}
    },
  );
}

export const settle = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The engine over real JsSIP and the scripted socket; events as short strings. */
export function realPhone(
  pbx: (msg: string, s: LoopSocket) => void,
  timeouts: Partial<Timeouts> = {},
  deps: Pick<PhoneDeps, 'probePeer'> = {},
): {
  phone: Phone;
  socket: LoopSocket;
  events: string[];
} {
  const socket = new LoopSocket(pbx);
  const factory: UaFactory = ({ configuration, wrapSocket }) => {
    const inner = socket as unknown as Socket;
    return new JsSIP.UA({ ...configuration, sockets: [wrapSocket ? wrapSocket(inner) : inner] });
  };
  let n = 0;
  const phone = createPhone({
    sip: factory,
    media: new FakeMedia(),
    document: null,
    newId: () => `c${++n}`,
    timeouts,
    ...deps,
  });
  const events: string[] = [];
  phone.on('registrationChanged', (r) => events.push(`reg:${r.state}${r.cause ? `/${r.cause}` : ''}`));
  phone.on('callAdded', (c) =>
    events.push(`added:${c.id}:${c.state}${c.replaces ? `:replaces=${c.replaces}` : ''}`),
  );
  phone.on('callUpdated', (c) => events.push(`updated:${c.id}:${c.state}`));
  phone.on('callEnded', (c) => events.push(`ended:${c.id}:${c.endCause}:${c.endStatus}`));
  phone.on('presenceChanged', (p) => events.push(`presence:${p.extension}:${p.state}`));
  return { phone, socket, events };
}

/**
 * An incoming call from `from` (a From header with its tag), answered as c1 and ACKed; `inDialog`
 * builds the caller's next request in that dialog with the CSeq numbers following on.
 */
export async function answeredIncomingCall(
  callId: string,
  from: string,
  pbx: (msg: string, s: LoopSocket) => void = () => undefined,
) {
  const kit = realPhone(registrar(pbx), { opMs: 300 });
  kit.phone.connect(TEST_CONFIG);
  await settle();
  kit.socket.deliver(
    sipRequest({ method: 'INVITE', callId, cseq: 1, from, to: '<sip:1001@pbx.test>', body: SDP }),
  );
  await settle();
  await kit.phone.answer('c1');
  await settle();
  const ok = kit.socket.sent.find((m) => m.startsWith('SIP/2.0 200') && header(m, 'CSeq')[0] === '1 INVITE')!;
  const to = header(ok, 'To')[0]!;
  kit.socket.deliver(sipRequest({ method: 'ACK', callId, cseq: 1, from, to }));
  await settle();
  let cseq = 1;
  const inDialog = (method: string, extra: string[] = [], body = '', at = ++cseq): string =>
    sipRequest({ method, callId, cseq: at, from, to, extra, body });
  return { ...kit, inDialog };
}
