/**
 * Media trouble on an established call, over the REAL JsSIP 3.13.8 (scripted socket, stand-in
 * peer connection): a refused hold/resume re-INVITE keeps the call, a failed ICE/DTLS path ends it,
 * an offer the browser can never answer is refused before it rings.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../types';
import {
  header,
  PLAIN_SDP,
  realPhone,
  registrar,
  reply,
  SDP,
  settle,
  sipRequest,
  StubPeerConnection,
  stubWebRtc,
  TEST_CONFIG as CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const CONTACT = 'Contact: <sip:1002@127.0.0.1:5071;transport=ws>';
const isReinvite = (msg: string) => msg.startsWith('INVITE sip:1002@127.0.0.1');

/** Bob answers our INVITE; re-INVITEs get `reinvite(msg)` (a final response, or nothing). */
function bob(reinvite: (msg: string, s: LoopSocket) => void) {
  return registrar((msg, s) => {
    if (isReinvite(msg)) reinvite(msg, s);
    else if (msg.startsWith('INVITE'))
      s.deliver(reply(msg, 200, 'OK', [CONTACT, 'Content-Type: application/sdp'], SDP));
    else if (msg.startsWith('BYE')) s.deliver(reply(msg, 200, 'OK'));
  });
}

async function answeredCall(reinvite: (msg: string, s: LoopSocket) => void) {
  const real = realPhone(bob(reinvite));
  real.phone.connect(CONFIG);
  await settle();
  await real.phone.call('1002');
  await settle(60);
  expect(real.phone.snapshot().calls[0]).toMatchObject({ state: 'answered' });
  return real;
}

const okWithSdp = (msg: string, s: LoopSocket) =>
  s.deliver(reply(msg, 200, 'OK', [CONTACT, 'Content-Type: application/sdp'], SDP));

describe('a refused hold or resume keeps the call', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [500, 'Server Internal Error'],
    [408, 'Request Timeout'],
    [488, 'Not Acceptable Here'],
  ])(
    'hold answered %i: still in call, notice hold_failed, no BYE; the retry holds it',
    async (code, text) => {
      let refuse = true;
      const { phone, socket, events } = await answeredCall((msg, s) =>
        refuse ? s.deliver(reply(msg, code, text)) : okWithSdp(msg, s),
      );
      await phone.hold('c1');
      await settle();
      expect(phone.snapshot().calls[0]).toMatchObject({
        state: 'answered',
        notice: 'hold_failed',
      });
      expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(false);
      expect(events.some((e) => e.startsWith('ended:'))).toBe(false);
      refuse = false;
      await phone.hold('c1');
      await settle();
      expect(phone.snapshot().calls[0]).toMatchObject({ state: 'held', notice: null });
      await phone.disconnect();
    },
  );

  it('resume answered 500: still on hold, notice resume_failed; the retry resumes it', async () => {
    let refuse = false;
    const { phone, socket } = await answeredCall((msg, s) =>
      refuse ? s.deliver(reply(msg, 500, 'Server Internal Error')) : okWithSdp(msg, s),
    );
    await phone.hold('c1');
    await settle();
    refuse = true;
    await phone.resume('c1');
    await settle();
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'held', notice: 'resume_failed' });
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(false);
    refuse = false;
    await phone.resume('c1');
    await settle();
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered', notice: null });
    // hold, the refused resume, the resume: three re-INVITEs and still no BYE
    expect(socket.firstLines().filter((l) => l.startsWith('INVITE sip:1002@127.0.0.1'))).toHaveLength(3);
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(false);
    await phone.disconnect();
  });

  it('no response at all (Timer B, 32 s): still in call, notice hold_failed', async () => {
    const { phone, socket } = await answeredCall(() => undefined);
    vi.useFakeTimers();
    try {
      // the operation itself gives up first (op-queue time limit), so the next one is not blocked
      const outcome = phone.hold('c1').then(
        () => 'held',
        (e: { code?: string }) => e.code,
      );
      await vi.advanceTimersByTimeAsync(33_000);
      expect(await outcome).toBe('operation_timeout');
    } finally {
      vi.useRealTimers();
    }
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered', notice: 'hold_failed' });
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(false);
    await phone.disconnect();
  });

  it('481 (the far end lost the dialog): the call ends', async () => {
    const { phone, events } = await answeredCall((msg, s) =>
      s.deliver(reply(msg, 481, 'Call/Transaction Does Not Exist')),
    );
    await expect(phone.hold('c1')).rejects.toMatchObject({ code: 'operation_failed' });
    await settle();
    expect(events.at(-1)).toBe('ended:c1:connection_lost:null');
  });
});

describe('the audio path fails on an established call', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  const FAST = { mediaPollMs: 10, iceDisconnectedGraceMs: 50, mediaRecoveryMs: 1_500, restartRetryMs: 100 };
  const reinvites = (socket: LoopSocket) => socket.firstLines().filter((l) => isReinvite(l));
  /** real timers on a loaded machine: wait for it rather than for a fixed time */
  const eventually = (check: () => void) => vi.waitFor(check, { timeout: 3_000, interval: 10 });

  async function answeredFast(reinvite: (msg: string, s: LoopSocket) => void) {
    const real = realPhone(bob(reinvite), FAST);
    real.phone.connect(CONFIG);
    await settle();
    await real.phone.call('1002');
    await settle(60);
    return real;
  }

  it('ICE failed: an ICE restart first; failed again after it: BYE and media_lost', async () => {
    const { phone, socket, events } = await answeredFast(okWithSdp);
    const pc = StubPeerConnection.last!;
    pc.fail();
    await eventually(() => expect(reinvites(socket)).toHaveLength(1));
    expect(pc.offerOptions.at(-1)).toEqual({ iceRestart: true });
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered' });
    await settle(); // the 200 OK is applied
    pc.ice('checking');
    pc.fail();
    await eventually(() => expect(events.at(-1)).toBe('ended:c1:media_lost:null'));
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(true);
    await phone.disconnect();
  });

  it('ICE disconnected: restart after the grace, the call goes on once ICE connects again', async () => {
    const { phone, socket, events } = await answeredFast(okWithSdp);
    const pc = StubPeerConnection.last!;
    pc.ice('connected');
    pc.ice('disconnected');
    expect(reinvites(socket)).toHaveLength(0); // still within the grace
    await eventually(() => expect(reinvites(socket)).toHaveLength(1));
    pc.ice('connected');
    await settle(1_700); // past the recovery deadline: it no longer applies
    expect(events.some((e) => e.startsWith('ended:'))).toBe(false);
    await phone.disconnect();
  });

  it('a network change restarts ICE on the established call (the phone is registered)', async () => {
    const { phone, socket } = await answeredFast(okWithSdp);
    StubPeerConnection.last!.ice('connected');
    phone.networkChanged();
    await eventually(() => expect(reinvites(socket)).toHaveLength(1));
    expect(StubPeerConnection.last!.offerOptions.at(-1)).toEqual({ iceRestart: true });
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered' });
    await phone.disconnect();
  });

  it('the restart of a call we hold keeps it on hold (sendonly offer)', async () => {
    const { phone, socket } = await answeredFast(okWithSdp);
    await phone.hold('c1');
    await settle();
    const pc = StubPeerConnection.last!;
    pc.ice('disconnected');
    await eventually(() => expect(reinvites(socket)).toHaveLength(2));
    const restart = socket.sent.filter((m) => isReinvite(m)).at(-1)!;
    expect(pc.offerOptions.at(-1)).toEqual({ iceRestart: true });
    expect(restart).toContain('a=sendonly');
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'held' });
    await phone.disconnect();
  });

  it('every restart refused (the peer is gone): retried, then BYE and media_lost at the deadline', async () => {
    const { phone, socket, events } = await answeredFast((msg, s) => s.deliver(reply(msg, 500, 'Gone')));
    StubPeerConnection.last!.ice('disconnected');
    await eventually(() => expect(reinvites(socket).length).toBeGreaterThanOrEqual(2));
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered' });
    await eventually(() => expect(events.at(-1)).toBe('ended:c1:media_lost:null'));
  });

  // JsSIP ends the session itself when the restart re-INVITE meets a dead dialog (481) or cannot
  // be sent (transport error): BYE, cause 'Dialog Error' / 'Connection Error'
  it.each([
    ['answered 481 (the far end lost the dialog)', false],
    ['not sent (transport error)', true],
  ])('the restart is %s: the call ends as media_lost, talk time up to the outage', async (_, unsent) => {
    const { phone, socket, events } = await answeredFast((msg, s) =>
      s.deliver(reply(msg, 481, 'Call/Transaction Does Not Exist')),
    );
    if (unsent) {
      const send = socket.send.bind(socket);
      socket.send = (msg) => !isReinvite(msg) && send(msg);
    }
    let endedAt = 0;
    phone.on('callEnded', (c) => (endedAt = c.endedAt ?? 0));
    const down = Date.now();
    StubPeerConnection.last!.ice('disconnected');
    await eventually(() => expect(events.at(-1)).toMatch(/^ended:/));
    expect(events.at(-1)).toBe('ended:c1:media_lost:null');
    expect(socket.firstLines().some((l) => l.startsWith('BYE'))).toBe(true); // JsSIP's own terminate()
    // the talk time stops when the media went down, not at the failed restart (the grace later)
    expect(endedAt).toBeLessThan(down + FAST.iceDisconnectedGraceMs);
    await phone.disconnect();
  });

  it('a BYE from the far end while the media is being recovered: media_lost too', async () => {
    const { phone, socket, events } = await answeredFast((msg, s) => s.deliver(reply(msg, 500, 'Gone')));
    StubPeerConnection.last!.ice('disconnected');
    await eventually(() => expect(reinvites(socket)).toHaveLength(1));
    const invite = socket.find('INVITE sip:1002@127.0.0.1')[0]!;
    socket.deliver(
      sipRequest({
        method: 'BYE',
        uri: 'sip:1001@127.0.0.1',
        callId: header(invite, 'Call-ID')[0]!,
        cseq: 1,
        from: header(invite, 'To')[0]!,
        to: header(invite, 'From')[0]!,
      }),
    );
    await eventually(() => expect(events.at(-1)).toBe('ended:c1:media_lost:null'));
    expect(socket.firstLines()).toContain('SIP/2.0 200 OK'); // the BYE is answered as usual
    await phone.disconnect();
  });

  it('the user hangs up while the media is being recovered: their own hang-up (local_hangup)', async () => {
    const { phone, socket, events } = await answeredFast((msg, s) => s.deliver(reply(msg, 500, 'Gone')));
    StubPeerConnection.last!.ice('disconnected');
    await eventually(() => expect(reinvites(socket)).toHaveLength(1));
    phone.hangup('c1');
    await eventually(() => expect(events.at(-1)).toMatch(/^ended:/));
    expect(events.at(-1)).toBe('ended:c1:local_hangup:null');
    await phone.disconnect();
  });

  it('before the answer a failed path is left to the set-up watchdogs', async () => {
    const { phone, socket } = realPhone(
      registrar((msg, s) => {
        if (msg.startsWith('INVITE')) s.deliver(reply(msg, 180, 'Ringing', [CONTACT]));
      }),
    );
    phone.connect(CONFIG);
    await settle();
    await phone.call('1002');
    await settle(60);
    StubPeerConnection.last!.fail();
    await settle();
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'outgoing_ringing' });
    expect(socket.firstLines().some((l) => /^(BYE|CANCEL)/.test(l))).toBe(false);
    await phone.disconnect();
  });
});

describe('an incoming offer the browser can never answer', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  const invite = (callId: string, body: string) =>
    sipRequest({
      method: 'INVITE',
      callId,
      cseq: 1,
      from: `"Desk" <sip:1003@pbx.test>;tag=from-${callId}`,
      to: '<sip:1001@pbx.test>',
      body,
    });

  it('plain RTP/AVP without DTLS or ICE: 488 at once, never rings, ends incompatible_media', async () => {
    const { phone, socket, events } = realPhone(registrar());
    const added: CallSnapshot[] = [];
    phone.on('callAdded', (c) => added.push(c));
    phone.connect(CONFIG);
    await settle();
    socket.deliver(invite('plain1', PLAIN_SDP));
    await settle();
    const replies = socket.sent.filter((m) => m.startsWith('SIP/2.0'));
    expect(replies.map((m) => m.split('\r\n')[0])).toEqual([
      'SIP/2.0 100 Trying',
      'SIP/2.0 488 Not Acceptable Here',
    ]);
    expect(header(replies[1]!, 'Warning')).toEqual(['305 - "insecure_profile"']);
    expect(added).toEqual([expect.objectContaining({ screened: true, state: 'incoming_ringing' })]);
    expect(events.at(-1)).toBe('ended:c1:incompatible_media:488');
    await phone.disconnect();
  });

  it('a WebRTC offer and a late offer (no SDP) ring as before', async () => {
    const { phone, socket } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    socket.deliver(invite('webrtc1', SDP));
    socket.deliver(invite('late1', ''));
    await settle();
    expect(socket.firstLines().filter((l) => l.startsWith('SIP/2.0 180'))).toHaveLength(2);
    expect(phone.snapshot().calls.map((c) => c.state)).toEqual(['incoming_ringing', 'incoming_ringing']);
    await phone.disconnect();
  });
});
