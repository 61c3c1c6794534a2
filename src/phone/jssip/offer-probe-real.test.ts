/**
 * The browser's verdict on an incoming offer over the REAL JsSIP 3.13.8 (scripted PBX socket):
 * the 180 waits for it, a refused offer gets 488 with a Warning and never rings, a cancelled or
 * undecided check never leaves the INVITE hanging.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../types';
import type { ProbePeer } from './offer-probe';
import {
  header,
  realPhone,
  registrar,
  SDP,
  settle,
  sipRequest,
  stubWebRtc,
  TEST_CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

/** Probe peers whose verdict the test gives; every one must end closed. */
class Peers {
  readonly made: { closed: boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  readonly factory = (): ProbePeer => {
    const entry = { closed: false, resolve: () => undefined, reject: (_e: Error) => undefined };
    this.made.push(entry);
    return {
      setRemoteDescription: () =>
        new Promise<void>((resolve, reject) => Object.assign(entry, { resolve, reject })),
      close: () => void (entry.closed = true),
    };
  };
}

const FROM = '"Eve" <sip:1002@pbx.test>;tag=e1';
const invite = (socket: LoopSocket, callId: string) =>
  socket.deliver(
    sipRequest({ method: 'INVITE', cseq: 1, callId, from: FROM, to: '<sip:1001@pbx.test>', body: SDP }),
  );

/** the status lines we sent for one INVITE */
const responsesTo = (socket: LoopSocket, callId: string): string[] =>
  socket.sent
    .filter((m) => m.startsWith('SIP/2.0') && header(m, 'Call-ID')[0] === callId)
    .map((m) => m.split('\r\n')[0]!);

async function connected(offerProbeMs = 2_000) {
  const peers = new Peers();
  const kit = realPhone(registrar(), { offerProbeMs }, { probePeer: peers.factory });
  const ended: CallSnapshot[] = [];
  kit.phone.on('callEnded', (c) => ended.push(c));
  kit.phone.connect(TEST_CONFIG);
  await settle();
  // the one made at connect to start WebRTC early (OfferProber.warm), already closed
  expect(peers.made.map((p) => p.closed)).toEqual([true]);
  peers.made.length = 0;
  kit.events.length = 0;
  return { ...kit, peers, ended };
}

beforeEach(() => stubWebRtc());
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('incoming offers tried by the browser before they ring', () => {
  it('accepted: no 180 and no call until the verdict, then 180 and a ringing call', async () => {
    const { phone, socket, events, peers } = await connected();
    invite(socket, 'ok1');
    await settle();
    expect(responsesTo(socket, 'ok1')).toEqual(['SIP/2.0 100 Trying']);
    expect(events).toEqual([]);
    peers.made[0]!.resolve();
    await settle();
    expect(responsesTo(socket, 'ok1')).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing']);
    expect(events).toEqual(['added:c1:incoming_ringing']);
    expect(peers.made.map((p) => p.closed)).toEqual([true]);
    await phone.disconnect();
  });

  it("refused: 488 with the browser's reason as Warning, no 180, the call ends incompatible_media", async () => {
    const { phone, socket, events, peers, ended } = await connected();
    invite(socket, 'bad1');
    peers.made[0]!.reject(
      new Error(
        "Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': Failed to parse SessionDescription. a=extmap:0 urn:x Extension ID is not in valid range.",
      ),
    );
    await settle();
    expect(responsesTo(socket, 'bad1')).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 488 Not Acceptable Here']);
    const final = socket.sent.find((m) => m.startsWith('SIP/2.0 488'))!;
    expect(header(final, 'Warning')).toEqual([
      '305 - "sdp_rejected: Failed to parse SessionDescription. a=extmap:0 urn:x Extension ID is not in valid range."',
    ]);
    expect(events).toEqual(['added:c1:incoming_ringing', 'ended:c1:incompatible_media:488']);
    expect(ended[0]).toMatchObject({ screened: true, endCause: 'incompatible_media', direction: 'incoming' });
    expect(peers.made[0]!.closed).toBe(true);
    await phone.disconnect();
  });

  it('cancelled while the offer is tried: 487, never a 180, never a call', async () => {
    const { phone, socket, events, peers } = await connected();
    invite(socket, 'cx1');
    socket.deliver(
      sipRequest({ method: 'CANCEL', cseq: 1, callId: 'cx1', from: FROM, to: '<sip:1001@pbx.test>' }),
    );
    await settle();
    peers.made[0]!.resolve();
    await settle();
    expect(responsesTo(socket, 'cx1')).toEqual([
      'SIP/2.0 100 Trying',
      'SIP/2.0 200 OK',
      'SIP/2.0 487 Request Terminated',
    ]);
    expect(events).toEqual([]);
    expect(peers.made[0]!.closed).toBe(true);
    await phone.disconnect();
  });

  it('a check that never settles: the call rings after offerProbeMs and the probe is closed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { phone, socket, events, peers } = await connected(60);
    invite(socket, 'slow1');
    await settle(20);
    expect(responsesTo(socket, 'slow1')).toEqual(['SIP/2.0 100 Trying']);
    await settle(80);
    expect(responsesTo(socket, 'slow1')).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing']);
    expect(events).toEqual(['added:c1:incoming_ringing']);
    expect(peers.made[0]!.closed).toBe(true);
    await phone.disconnect();
  });

  it('two INVITEs are decided in arrival order whatever order their verdicts come in', async () => {
    const { phone, socket, events, peers } = await connected();
    phone.setCallWaiting(false);
    invite(socket, 'first');
    socket.deliver(
      sipRequest({
        method: 'INVITE',
        cseq: 1,
        callId: 'second',
        from: '<sip:1003@pbx.test>;tag=s2',
        to: '<sip:1001@pbx.test>',
        body: SDP,
      }),
    );
    peers.made[1]!.resolve();
    await settle();
    expect(events).toEqual([]);
    peers.made[0]!.resolve();
    await settle();
    expect(responsesTo(socket, 'first').at(-1)).toBe('SIP/2.0 180 Ringing');
    expect(responsesTo(socket, 'second').at(-1)).toBe('SIP/2.0 486 Busy Here');
    expect(events).toEqual([
      'added:c1:incoming_ringing',
      'added:c2:incoming_ringing',
      'ended:c2:call_waiting_off:486',
    ]);
    await phone.disconnect();
  });
});
