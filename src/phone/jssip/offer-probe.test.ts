import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import type { Clock } from '../clock';
import { holdRinging, OfferProber, probeOffer, reasonOf, type ProbePeer } from './offer-probe';

/** A peer connection whose setRemoteDescription settles when the test says so. */
class FakePeer implements ProbePeer {
  closed = 0;
  offered: RTCSessionDescriptionInit | null = null;
  settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.offered = d;
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
  close(): void {
    this.closed++;
  }
}

/** A clock whose timers run only on fire(). */
function manualClock() {
  const timers = new Map<number, () => void>();
  let next = 0;
  const clock: Clock = {
    now: () => 0,
    setTimeout: (fn: () => void) => (timers.set(++next, fn), next),
    clearTimeout: (id: unknown) => void timers.delete(id as number),
  };
  const fire = () => {
    const due = [...timers.values()];
    timers.clear();
    due.forEach((fn) => fn());
  };
  return { clock, fire, pending: () => timers.size };
}

function probe(peer: FakePeer, clock: Clock) {
  const configs: RTCConfiguration[] = [];
  const config: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };
  const createPeer = (c: RTCConfiguration) => (configs.push(c), peer);
  return { verdict: probeOffer('v=0\r\n', { createPeer, config, clock, timeoutMs: 2000 }), configs };
}

const CHROMIUM_ERROR =
  "Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': Failed to set remote offer sdp: " +
  "Failed to apply the description for m= section with mid='0': Invalid ICE parameters: ICE ufrag must be between 4 and 256 characters long.";

describe('probeOffer', () => {
  it('accepted: null, the offer went in as type offer with our config, the peer is closed', async () => {
    const peer = new FakePeer();
    const { clock, pending } = manualClock();
    const { verdict, configs } = probe(peer, clock);
    peer.settle!.resolve();
    expect(await verdict).toBeNull();
    expect(peer.offered).toEqual({ type: 'offer', sdp: 'v=0\r\n' });
    expect(configs).toEqual([{ iceServers: [], rtcpMuxPolicy: 'require' }]);
    expect(peer.closed).toBe(1);
    expect(pending()).toBe(0);
  });

  it("rejected: the browser's reason without the method prefix, the peer is closed", async () => {
    const peer = new FakePeer();
    const { clock } = manualClock();
    const { verdict } = probe(peer, clock);
    peer.settle!.reject(new DOMException(CHROMIUM_ERROR, 'InvalidAccessError'));
    expect(await verdict).toBe(CHROMIUM_ERROR.replace(/^.*?RTCPeerConnection': /, ''));
    expect(peer.closed).toBe(1);
  });

  it('no verdict in time: null (the call rings), the peer is closed once, a late verdict changes nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const peer = new FakePeer();
    const { clock, fire } = manualClock();
    const { verdict } = probe(peer, clock);
    fire();
    expect(await verdict).toBeNull();
    peer.settle!.reject(new Error('too late'));
    await Promise.resolve();
    expect(peer.closed).toBe(1);
    vi.restoreAllMocks();
  });

  it('no peer connection at all: null, the call rings (answer() will tell)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { clock, pending } = manualClock();
    const createPeer = () => {
      throw new ReferenceError('RTCPeerConnection is not defined');
    };
    const verdict = probeOffer('v=0', { createPeer, config: {}, clock, timeoutMs: 10 });
    expect(await verdict).toBeNull();
    expect(pending()).toBe(0);
    vi.restoreAllMocks();
  });

  it('a close() that throws still gives the verdict', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const peer = new FakePeer();
    peer.close = () => {
      throw new Error('already closed');
    };
    const { clock } = manualClock();
    const { verdict } = probe(peer, clock);
    peer.settle!.reject(
      new Error('Failed to parse SessionDescription. a=ssrc:abc cname:x Invalid value: abc.'),
    );
    expect(await verdict).toBe('Failed to parse SessionDescription. a=ssrc:abc cname:x Invalid value: abc.');
    vi.restoreAllMocks();
  });
});

describe('OfferProber.warm', () => {
  it('makes and closes one peer connection after connect, once, and never after a probe', () => {
    const { clock, fire } = manualClock();
    const peers: FakePeer[] = [];
    const prober = new OfferProber(() => (peers.push(new FakePeer()), peers.at(-1)!), clock, 2000);
    prober.warm({});
    expect(peers).toHaveLength(0); // not inside connect() itself
    fire();
    expect(peers.map((p) => p.closed)).toEqual([1]);
    prober.warm({});
    fire();
    expect(peers).toHaveLength(1);
    const probed = new OfferProber(() => (peers.push(new FakePeer()), peers.at(-1)!), clock, 2000);
    void probed.probe('v=0', {});
    probed.warm({});
    expect(peers).toHaveLength(2);
  });

  it('no WebRTC: warm() stays quiet', () => {
    const logs = captureLogs();
    const { clock, fire } = manualClock();
    new OfferProber(
      () => {
        throw new ReferenceError('RTCPeerConnection is not defined');
      },
      clock,
      10,
    ).warm({});
    fire();
    expect(logs.records).toEqual([]);
    logs.stop();
    vi.restoreAllMocks();
  });
});

describe('OfferProber: one verdict per offer shape', () => {
  const offer = (ufrag: string, port: number) =>
    `v=0\r\nm=audio ${port} UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:${ufrag}\r\na=rtpmap:111 opus/48000/2\r\n`;
  function prober() {
    const { clock, fire } = manualClock();
    const peers: FakePeer[] = [];
    const it = new OfferProber(() => (peers.push(new FakePeer()), peers.at(-1)!), clock, 2000);
    return { it, peers, fire };
  }

  it('the next call of the same shape is decided at once, without a peer connection, accepted or refused', async () => {
    const { it: p, peers } = prober();
    const first = p.probe(offer('Q7Jx', 50000), {});
    peers[0]!.settle!.resolve();
    expect(await first).toBeNull();
    expect(await p.probe(offer('Zz9k', 50002), {})).toBeNull();
    expect(peers).toHaveLength(1);

    const bad = p.probe(offer('abc', 50004), {}); // a 3-character ufrag: another shape
    expect(peers).toHaveLength(2);
    peers[1]!.settle!.reject(new Error("Failed to execute 'setRemoteDescription': ICE ufrag too short"));
    const refused = await bad;
    expect(refused).toContain('ICE ufrag too short');
    expect(await p.probe(offer('abc', 50006), {})).toBe(refused); // same odd value, another port
    expect(peers).toHaveLength(2);
  });

  it('another configuration asks the browser again', async () => {
    const { it: p, peers } = prober();
    const first = p.probe(offer('Q7Jx', 50000), {});
    peers[0]!.settle!.resolve();
    await first;
    void p.probe(offer('Q7Jx', 50000), { bundlePolicy: 'max-bundle' });
    expect(peers).toHaveLength(2);
  });

  it('no verdict in time is not kept: the next call of that shape asks again', async () => {
    const { it: p, peers, fire } = prober();
    const first = p.probe(offer('Q7Jx', 50000), {});
    fire();
    expect(await first).toBeNull();
    void p.probe(offer('Zz9k', 50002), {});
    expect(peers).toHaveLength(2);
  });
});

describe('reasonOf', () => {
  it('fits a Warning quoted string: no quotes, backslashes or control characters, at most 200 characters', () => {
    expect(reasonOf(new Error('a "b" \\c\r\nd\u202Ee'))).toBe('a b c d e');
    expect(reasonOf(new Error('x'.repeat(500)))).toHaveLength(200);
    expect(reasonOf('')).toBe('rejected');
    expect(reasonOf({ toString: () => 'odd' })).toBe('odd');
  });
});

describe('holdRinging', () => {
  function request() {
    const sent: unknown[][] = [];
    const proto = {
      reply(this: { sent: unknown[][] }, ...args: unknown[]) {
        this.sent.push(args);
      },
    };
    const r = Object.assign(Object.create(proto) as typeof proto, { sent });
    return r;
  }

  it('keeps the 180 back, lets every other reply through, sends the 180 on release while ringing', () => {
    const r = request();
    const held = holdRinging(r, () => true);
    r.reply(100);
    r.reply(180, null, ['Contact: <sip:a@b>']);
    expect(r.sent).toEqual([[100]]);
    held.release();
    expect(r.sent).toEqual([[100], [180, null, ['Contact: <sip:a@b>']]]);
    held.release();
    r.reply(200);
    expect(r.sent).toHaveLength(3);
    expect(Object.hasOwn(r, 'reply')).toBe(true); // the original again, not the holder
    r.reply(180);
    expect(r.sent).toHaveLength(4);
  });

  it('drops the 180 when the INVITE was answered finally before release (488 already sent)', () => {
    const r = request();
    let ringing = true;
    const held = holdRinging(r, () => ringing);
    r.reply(180, null, []);
    r.reply(488, null, ['Warning: 305 - "x"']);
    ringing = false;
    held.release();
    expect(r.sent.map((a) => a[0])).toEqual([488]);
  });

  it('nothing held (the session was refused inside newRTCSession): release sends nothing', () => {
    const r = request();
    const held = holdRinging(r, () => true);
    held.release();
    expect(r.sent).toEqual([]);
  });
});
