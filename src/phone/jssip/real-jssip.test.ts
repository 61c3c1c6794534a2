/**
 * The engine over the REAL JsSIP 3.13.8, with a scripted in-memory socket playing the PBX and a
 * stand-in RTCPeerConnection. Proves the assumptions the fake JsSIP encodes (event names, order,
 * what terminate() puts on the wire) against the library itself.
 */
import * as JsSIP from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhone } from '../phone';
import type { Phone } from '../phone-api';
import { FakeMedia } from '../testing/fake-media';
import type { PhoneConfig } from '../types';
import type { UaFactory } from './ua-factory';

const CONFIG: PhoneConfig = {
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

const SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n';

function header(msg: string, name: string): string[] {
  const re = new RegExp(`^${name}:\\s*(.*)$`, 'gim');
  return [...msg.split('\r\n\r\n')[0]!.matchAll(re)].map((m) => m[1]!);
}

function reply(req: string, code: number, reason: string, extra: string[] = [], body = ''): string {
  const to = header(req, 'To')[0]!;
  const lines = [
    `SIP/2.0 ${code} ${reason}`,
    ...header(req, 'Via').map((v) => `Via: ${v}`),
    `From: ${header(req, 'From')[0]}`,
    `To: ${code > 100 && !/;tag=/.test(to) ? `${to};tag=pbx${code}` : to}`,
    `Call-ID: ${header(req, 'Call-ID')[0]}`,
    `CSeq: ${header(req, 'CSeq')[0]}`,
    ...extra,
    `Content-Length: ${body.length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function request(method: string, callId: string, cseq: number, extra: string[] = [], body = ''): string {
  const lines = [
    `${method} sip:1001@pbx.test SIP/2.0`,
    `Via: SIP/2.0/WS pbx.test;branch=z9hG4bK-${callId}`,
    'Max-Forwards: 70',
    `From: "Bob" <sip:1003@pbx.test>;tag=from-${callId}`,
    'To: <sip:1001@pbx.test>',
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    'Contact: <sip:1003@127.0.0.1:5070;transport=ws>',
    ...extra,
    `Content-Length: ${body.length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A JsSIP.Socket whose far side is a script: `pbx(msg)` sees every message JsSIP sends. */
class LoopSocket {
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
}

/** Registrar that accepts any REGISTER; other requests go to `rest`. */
function registrar(rest: (msg: string, s: LoopSocket) => void = () => undefined) {
  return (msg: string, s: LoopSocket): void => {
    if (msg.startsWith('REGISTER')) {
      const contact = header(msg, 'Contact')[0]!;
      s.deliver(reply(msg, 200, 'OK', [`Contact: ${contact}`]));
    } else rest(msg, s);
  };
}

class StubPeerConnection {
  iceGatheringState = 'new';
  signalingState = 'stable';
  iceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  static emitCandidates = true;
  private readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  addEventListener(t: string, f: (e: unknown) => void): void {
    this.listeners.set(t, [...(this.listeners.get(t) ?? []), f]);
  }
  removeEventListener(t: string, f: (e: unknown) => void): void {
    this.listeners.set(
      t,
      (this.listeners.get(t) ?? []).filter((x) => x !== f),
    );
  }
  addTrack(): void {}
  getSenders(): unknown[] {
    return [];
  }
  getReceivers(): unknown[] {
    return [];
  }
  createOffer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'offer', sdp: SDP });
  }
  createAnswer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'answer', sdp: SDP });
  }
  setLocalDescription(d: { type: string; sdp: string }): Promise<void> {
    this.localDescription = d;
    this.iceGatheringState = 'gathering';
    if (StubPeerConnection.emitCandidates) {
      setTimeout(() => {
        const candidate = { type: 'host', candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' };
        (this.listeners.get('icecandidate') ?? []).forEach((f) => f({ candidate }));
      }, 5);
    }
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

const settle = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

function realPhone(pbx: (msg: string, s: LoopSocket) => void, timeouts = {}) {
  const socket = new LoopSocket(pbx);
  const factory: UaFactory = ({ configuration }) =>
    new JsSIP.UA({ ...configuration, sockets: [socket as unknown as Socket] });
  let n = 0;
  const phone: Phone = createPhone({
    sip: factory,
    media: new FakeMedia(),
    document: null,
    newId: () => `c${++n}`,
    timeouts,
  });
  const events: string[] = [];
  phone.on('registrationChanged', (r) => events.push(`reg:${r.state}${r.cause ? `/${r.cause}` : ''}`));
  phone.on('callAdded', (c) => events.push(`added:${c.id}:${c.state}`));
  phone.on('callUpdated', (c) => events.push(`updated:${c.id}:${c.state}`));
  phone.on('callEnded', (c) => events.push(`ended:${c.id}:${c.endCause}:${c.endStatus}`));
  return { phone, socket, events };
}

describe('engine over the real JsSIP', () => {
  beforeEach(() => {
    vi.stubGlobal('RTCPeerConnection', StubPeerConnection);
    vi.stubGlobal(
      'RTCSessionDescription',
      class {
        constructor(readonly init: unknown) {}
      },
    );
    StubPeerConnection.emitCandidates = true;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('registers, and un-REGISTERs on disconnect()', async () => {
    const { phone, socket, events } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    expect(events).toEqual(['reg:connecting', 'reg:registering', 'reg:registered']);
    const register = socket.sent.find((m) => m.startsWith('REGISTER'))!;
    expect(header(register, 'Contact')[0]).toContain(
      '+sip.instance="<urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301>"',
    );
    expect(header(register, 'User-Agent')[0]).toBe('Softphone/0.1 JsSIP/3.13.8');
    expect(header(register, 'Expires')[0]).toBe('300');
    await phone.disconnect();
    expect(header(socket.sent.at(-1)!, 'Expires')[0]).toBe('0');
  });

  it('wrong password: failed/auth_failed after the second challenge', async () => {
    const { phone, socket, events } = realPhone((msg, s) => {
      if (msg.startsWith('REGISTER'))
        s.deliver(
          reply(msg, 401, 'Unauthorized', [
            'WWW-Authenticate: Digest realm="pbx.test", nonce="n1", qop="auth", algorithm=MD5',
          ]),
        );
    });
    phone.connect(CONFIG);
    await settle();
    expect(events).toEqual(['reg:connecting', 'reg:registering', 'reg:failed/auth_failed']);
    expect(socket.firstLines().filter((l) => l.startsWith('REGISTER'))).toHaveLength(2);
  });

  it('incoming: 180, call waiting off refuses the 2nd with 486, CANCEL cause=200 is answered_elsewhere', async () => {
    const { phone, socket, events } = realPhone(registrar());
    phone.connect({ ...CONFIG, callWaiting: false });
    await settle();
    socket.deliver(request('INVITE', 'in1', 1, ['Content-Type: application/sdp'], SDP));
    socket.deliver(request('INVITE', 'in2', 1, ['Content-Type: application/sdp'], SDP));
    await settle();
    const replies = socket.firstLines().filter((l) => l.startsWith('SIP/2.0'));
    expect(replies).toEqual([
      'SIP/2.0 100 Trying',
      'SIP/2.0 180 Ringing',
      'SIP/2.0 100 Trying',
      'SIP/2.0 486 Busy Here',
    ]);
    expect(phone.snapshot().calls[0]).toMatchObject({ remote: { displayName: 'Bob', user: '1003' } });
    socket.deliver(request('CANCEL', 'in1', 1, ['Reason: SIP;cause=200;text="Call completed elsewhere"']));
    await settle();
    expect(socket.firstLines()).toContain('SIP/2.0 487 Request Terminated');
    expect(events.slice(3)).toEqual([
      'added:c1:incoming_ringing',
      'added:c2:incoming_ringing',
      'ended:c2:call_waiting_off:486',
      'ended:c1:answered_elsewhere:null',
    ]);
    await phone.disconnect();
  });

  it('incoming: decline answers 603', async () => {
    const { phone, socket, events } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    socket.deliver(request('INVITE', 'in3', 1, ['Content-Type: application/sdp'], SDP));
    await settle();
    phone.decline('c1');
    await settle();
    expect(socket.firstLines().at(-1)).toBe('SIP/2.0 603 Decline');
    expect(events.at(-1)).toBe('ended:c1:declined:603');
    await phone.disconnect();
  });

  it('outgoing: INVITE leaves at the first ICE candidate, 180, 200 -> ACK, hangup -> BYE', async () => {
    const { phone, socket, events } = realPhone(
      registrar((msg, s) => {
        if (msg.startsWith('INVITE')) {
          s.deliver(reply(msg, 100, 'Trying'));
          s.deliver(reply(msg, 180, 'Ringing', ['Contact: <sip:1002@127.0.0.1:5071;transport=ws>']));
          s.deliver(
            reply(
              msg,
              200,
              'OK',
              ['Contact: <sip:1002@127.0.0.1:5071;transport=ws>', 'Content-Type: application/sdp'],
              SDP,
            ),
          );
        } else if (msg.startsWith('BYE')) s.deliver(reply(msg, 200, 'OK'));
      }),
    );
    phone.connect(CONFIG);
    await settle();
    await phone.call('1002');
    await settle(60);
    const invite = socket.sent.find((m) => m.startsWith('INVITE'))!;
    expect(invite.split('\r\n')[0]).toBe('INVITE sip:1002@pbx.test SIP/2.0');
    expect(invite).toContain('m=audio');
    expect(socket.firstLines()).toContain('ACK sip:1002@127.0.0.1:5071;transport=ws SIP/2.0');
    phone.hangup('c1');
    await settle();
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(true);
    expect(events.slice(3)).toEqual([
      'added:c1:outgoing_ringing',
      'updated:c1:outgoing_ringing',
      'updated:c1:answered',
      'ended:c1:local_hangup:null',
    ]);
    await phone.disconnect();
  });

  it('outgoing busy: 486 -> busy', async () => {
    const { phone, events } = realPhone(
      registrar((msg, s) => {
        if (msg.startsWith('INVITE')) s.deliver(reply(msg, 486, 'Busy Here'));
      }),
    );
    phone.connect(CONFIG);
    await settle();
    await phone.call('1002');
    await settle(60);
    expect(events.at(-1)).toBe('ended:c1:busy:486');
    await phone.disconnect();
  });

  it('ICE never yields a candidate: the INVITE never leaves and the watchdog ends the call', async () => {
    StubPeerConnection.emitCandidates = false;
    const { phone, socket, events } = realPhone(registrar(), { iceCandidateMs: 50 });
    phone.connect(CONFIG);
    await settle();
    await phone.call('1002');
    await settle(100);
    expect(socket.firstLines().some((l) => l.startsWith('INVITE'))).toBe(false);
    expect(events.at(-1)).toBe('ended:c1:setup_timeout:null');
    await phone.disconnect();
  });
});
