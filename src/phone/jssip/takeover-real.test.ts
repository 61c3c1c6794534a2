/**
 * We are the target of an attended transfer whose transferor had put us on hold (it chose our
 * call as the one to hand over last): the INVITE with Replaces takes over a call the far end
 * holds. Over the REAL JsSIP 3.13.8, which disables the shared microphone clone for that hold.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  header,
  realPhone,
  registrar,
  SDP,
  settle,
  sipRequest,
  StubPeerConnection,
  stubWebRtc,
  tagOf,
  TEST_CONFIG as CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const HOLD_SDP = SDP.replace('a=sendrecv', 'a=sendonly');

interface Leg {
  callId: string;
  from: string;
  to: string;
}

/** Delivers `method` in the dialog `leg` (the far end's From, our To with our tag once known). */
function send(socket: LoopSocket, leg: Leg, method: string, cseq: number, extra: string[] = [], body = '') {
  socket.deliver(sipRequest({ method, cseq, callId: leg.callId, from: leg.from, to: leg.to, extra, body }));
}

/** Our 200 OK to the INVITE of `callId`: its To carries our tag. */
function ourOk(socket: LoopSocket, callId: string): string {
  const ok = socket.sent.find((m) => m.startsWith('SIP/2.0 200') && header(m, 'Call-ID')[0] === callId);
  if (!ok) throw new Error(`no 200 OK for ${callId}`);
  return ok;
}

describe('INVITE with Replaces for a call the far end holds (real JsSIP)', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it('the row is no longer held by the far end and our microphone is on again', async () => {
    const tracks: { enabled: boolean }[] = [];
    const addTrack = StubPeerConnection.prototype.addTrack;
    vi.spyOn(StubPeerConnection.prototype, 'addTrack').mockImplementation(function (
      this: StubPeerConnection,
      track: unknown,
    ) {
      tracks.push(track as { enabled: boolean });
      addTrack.call(this, track);
    });
    const { phone, socket } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();

    // 1002 calls us; we answer
    const caller: Leg = {
      callId: 'in1',
      from: '"Ann" <sip:1002@pbx.test>;tag=ann1',
      to: '<sip:1001@pbx.test>',
    };
    send(socket, caller, 'INVITE', 1, [], SDP);
    await settle();
    await phone.answer('c1');
    await settle(60);
    const ourTag = tagOf(header(ourOk(socket, 'in1'), 'To')[0]);
    caller.to = `<sip:1001@pbx.test>;tag=${ourTag}`;
    send(socket, caller, 'ACK', 1);
    await settle();

    // the far end holds us (it is about to hand us over): JsSIP disables our track
    send(socket, caller, 'INVITE', 2, [], HOLD_SDP);
    await settle(60);
    send(socket, caller, 'ACK', 2);
    await settle();
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered', remoteHeld: true });
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.enabled).toBe(false);

    // the transferee (1003) replaces that dialog
    const target: Leg = {
      callId: 'in2',
      from: '"Bob" <sip:1003@pbx.test>;tag=bob1',
      to: '<sip:1001@pbx.test>',
    };
    send(socket, target, 'INVITE', 1, [`Replaces: in1;to-tag=${ourTag};from-tag=ann1`], SDP);
    await settle(80);
    target.to = header(ourOk(socket, 'in2'), 'To')[0]!;
    send(socket, target, 'ACK', 1);
    await settle();

    expect(phone.snapshot().calls).toEqual([
      expect.objectContaining({
        id: 'c1',
        state: 'answered',
        remoteHeld: false,
        remote: expect.objectContaining({ user: '1003' }),
      }),
    ]);
    // the new leg sends the same microphone clone, enabled
    expect(tracks).toHaveLength(2);
    expect(tracks[1]).toBe(tracks[0]);
    expect(tracks[1]!.enabled).toBe(true);
    // JsSIP ends the replaced dialog itself
    expect(socket.sent.some((m) => m.startsWith('BYE') && header(m, 'Call-ID')[0] === 'in1')).toBe(true);
    await phone.disconnect();
  });
});
