/**
 * Incoming policy over the REAL JsSIP 3.13.8 (scripted PBX socket): the exact final responses
 * (603 / 486 / 302 with Contact) and the engine events of a screened call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot, IncomingPolicy } from '../types';
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

const OPEN: IncomingPolicy = {
  dnd: false,
  blocked: [],
  forward: { always: null, busy: null, noAnswer: null },
};

function invite(socket: LoopSocket, callId: string, from = '"Eve" <sip:0900123@pbx.test>;tag=e1'): void {
  socket.deliver(
    sipRequest({ method: 'INVITE', cseq: 1, callId, from, to: '<sip:1001@pbx.test>', body: SDP }),
  );
}

/** the responses we sent for one incoming INVITE after JsSIP's automatic 100, as status lines */
const responsesTo = (socket: LoopSocket, callId: string): string[] =>
  socket.sent
    .filter(
      (m) => m.startsWith('SIP/2.0') && !m.startsWith('SIP/2.0 100') && header(m, 'Call-ID')[0] === callId,
    )
    .map((m) => m.split('\r\n')[0]!);

const finalTo = (socket: LoopSocket, callId: string): string =>
  socket.sent.filter((m) => m.startsWith('SIP/2.0') && header(m, 'Call-ID')[0] === callId).at(-1)!;

async function connected(policy: Partial<IncomingPolicy>) {
  const kit = realPhone(registrar());
  const added: CallSnapshot[] = [];
  kit.phone.on('callAdded', (c) => added.push(c));
  kit.phone.setIncomingPolicy({ ...OPEN, ...policy });
  kit.phone.connect(TEST_CONFIG);
  await settle();
  kit.events.length = 0;
  return { ...kit, added };
}

beforeEach(() => stubWebRtc());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('incoming policy over the real JsSIP', () => {
  it('blocked prefix: 603 Decline, no 180; callAdded (screened) then callEnded blocked in the same tick', async () => {
    const { phone, socket, events, added } = await connected({ blocked: ['0900*'], dnd: true });
    // what the events were one microtask after callAdded: callEnded came in the same tick
    let afterAdded: string[] = [];
    phone.on('callAdded', () => queueMicrotask(() => (afterAdded = [...events])));
    invite(socket, 'blk1');
    // decided once the browser tried the offer (offer-probe.ts); no event before that
    expect(events).toEqual([]);
    await settle();
    expect(afterAdded).toEqual(['added:c1:incoming_ringing', 'ended:c1:blocked:603']);
    expect(added[0]).toMatchObject({ screened: true, state: 'incoming_ringing' });
    expect(responsesTo(socket, 'blk1')).toEqual(['SIP/2.0 603 Decline']);
    expect(phone.snapshot().calls).toEqual([]);
    await phone.disconnect();
  });

  it('DND: 486 Busy Here, endCause dnd', async () => {
    const { phone, socket, events } = await connected({
      dnd: true,
      forward: { ...OPEN.forward, always: '1003' },
    });
    invite(socket, 'dnd1');
    await settle();
    expect(responsesTo(socket, 'dnd1')).toEqual(['SIP/2.0 486 Busy Here']);
    expect(events).toEqual(['added:c1:incoming_ringing', 'ended:c1:dnd:486']);
    await phone.disconnect();
  });

  it('forward always: 302 Moved Temporarily with Contact <sip:1003@pbx.test>, forwardedTo', async () => {
    const { phone, socket, events } = await connected({ forward: { ...OPEN.forward, always: '1003' } });
    const ended: CallSnapshot[] = [];
    phone.on('callEnded', (c) => ended.push(c));
    invite(socket, 'fwd1');
    await settle();
    expect(responsesTo(socket, 'fwd1')).toEqual(['SIP/2.0 302 Moved Temporarily']);
    expect(header(finalTo(socket, 'fwd1'), 'Contact')).toEqual(['<sip:1003@pbx.test>']);
    expect(events).toEqual(['added:c1:incoming_ringing', 'ended:c1:forwarded:302']);
    expect(ended[0]).toMatchObject({
      screened: true,
      forwardedTo: 'sip:1003@pbx.test',
      endCause: 'forwarded',
    });
    await phone.disconnect();
  });

  it('forward to a full SIP URI and to a number with separators', async () => {
    const { phone, socket } = await connected({
      forward: { ...OPEN.forward, always: 'sip:desk@other.test' },
    });
    invite(socket, 'fwd2');
    await settle();
    phone.setIncomingPolicy({ ...OPEN, forward: { ...OPEN.forward, always: '+41 44 123 45 67' } });
    invite(socket, 'fwd3', '<sip:1002@pbx.test>;tag=x3');
    await settle();
    expect(header(finalTo(socket, 'fwd2'), 'Contact')).toEqual(['<sip:desk@other.test>']);
    expect(header(finalTo(socket, 'fwd3'), 'Contact')).toEqual(['<sip:+41441234567@pbx.test>']);
    await phone.disconnect();
  });

  it('forward on busy: a second call while one is in progress gets 302 to the busy target', async () => {
    const { phone, socket, events } = await connected({ forward: { ...OPEN.forward, busy: '1004' } });
    invite(socket, 'first', '<sip:1002@pbx.test>;tag=f1');
    await settle();
    expect(responsesTo(socket, 'first')).toEqual(['SIP/2.0 180 Ringing']);
    // another call merely ringing in is not "busy": the dialled call below is
    await phone.call('1005');
    await settle();
    invite(socket, 'second', '<sip:1003@pbx.test>;tag=s1');
    await settle();
    expect(responsesTo(socket, 'second')).toEqual(['SIP/2.0 302 Moved Temporarily']);
    expect(header(finalTo(socket, 'second'), 'Contact')).toEqual(['<sip:1004@pbx.test>']);
    expect(events).toContain('ended:c3:forwarded:302');
    await phone.disconnect();
  });

  it('call waiting off without a busy target still answers 486 call_waiting_off, now flagged screened', async () => {
    const { phone, socket, events, added } = await connected({});
    phone.setCallWaiting(false);
    invite(socket, 'a1', '<sip:1002@pbx.test>;tag=a1');
    invite(socket, 'a2', '<sip:1003@pbx.test>;tag=a2');
    await settle();
    expect(responsesTo(socket, 'a2')).toEqual(['SIP/2.0 486 Busy Here']);
    expect(events).toContain('ended:c2:call_waiting_off:486');
    expect(added.map((c) => Boolean(c.screened))).toEqual([false, true]);
    await phone.disconnect();
  });

  it('no policy: the call rings (180) and is not screened', async () => {
    const { phone, socket, added } = await connected({ blocked: ['0901*', '+41 44'] });
    invite(socket, 'ring1');
    await settle();
    expect(responsesTo(socket, 'ring1')).toEqual(['SIP/2.0 180 Ringing']);
    expect(added[0]?.screened).toBeUndefined();
    await phone.disconnect();
  });

  it('forward on no answer: 180, then after the delay 302 to the target; answering in time stops it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const kit = realPhone(registrar());
    kit.phone.setIncomingPolicy({
      ...OPEN,
      forward: { ...OPEN.forward, noAnswer: { target: '1009', seconds: 20 } },
    });
    kit.phone.connect(TEST_CONFIG);
    await vi.advanceTimersByTimeAsync(50);
    invite(kit.socket, 'na1');
    await vi.advanceTimersByTimeAsync(19_000);
    expect(responsesTo(kit.socket, 'na1')).toEqual(['SIP/2.0 180 Ringing']);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(responsesTo(kit.socket, 'na1')).toEqual(['SIP/2.0 180 Ringing', 'SIP/2.0 302 Moved Temporarily']);
    expect(header(finalTo(kit.socket, 'na1'), 'Contact')).toEqual(['<sip:1009@pbx.test>']);
    expect(kit.events).toContain('ended:c1:forwarded:302');

    invite(kit.socket, 'na2', '<sip:1002@pbx.test>;tag=n2');
    await vi.advanceTimersByTimeAsync(5_000);
    await kit.phone.answer('c2');
    await vi.advanceTimersByTimeAsync(30_000);
    // (the 200 OK is retransmitted: this PBX never ACKs)
    expect([...new Set(responsesTo(kit.socket, 'na2'))]).toEqual(['SIP/2.0 180 Ringing', 'SIP/2.0 200 OK']);
    expect(kit.events.filter((e) => e.startsWith('ended:c2:forwarded'))).toEqual([]);
    await kit.phone.disconnect();
  });
});
