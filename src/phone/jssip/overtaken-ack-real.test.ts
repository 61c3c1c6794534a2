/**
 * A re-INVITE that overtakes the ACK of the previous one (overtaken-ack.ts), against the REAL
 * JsSIP 3.13.8: the far end holds, then resumes before our 200 to its hold was ACKed (a proxy's
 * workers reordered its ACK and its next INVITE).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  header,
  realPhone,
  registrar,
  SDP,
  settle,
  sipRequest,
  stubWebRtc,
  TEST_CONFIG as CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const BOB = '"Bob" <sip:1003@pbx.test>;tag=from-o1';
const held = SDP.replace('a=sendrecv', 'a=sendonly');

/** An answered incoming call from Bob, ACKed; `inDialog` builds Bob's next requests. */
async function answeredCall() {
  const kit = realPhone(registrar(), { opMs: 300 });
  kit.phone.connect(CONFIG);
  await settle();
  kit.socket.deliver(
    sipRequest({ method: 'INVITE', callId: 'o1', cseq: 1, from: BOB, to: '<sip:1001@pbx.test>', body: SDP }),
  );
  await settle();
  await kit.phone.answer('c1');
  await settle();
  const ok = kit.socket.sent.find((m) => m.startsWith('SIP/2.0 200') && header(m, 'CSeq')[0] === '1 INVITE')!;
  const to = header(ok, 'To')[0]!;
  kit.socket.deliver(sipRequest({ method: 'ACK', callId: 'o1', cseq: 1, from: BOB, to }));
  await settle();
  const inDialog = (method: string, cseq: number, body = ''): string =>
    sipRequest({ method, callId: 'o1', cseq, from: BOB, to, body });
  return { ...kit, inDialog };
}

const finals = (s: LoopSocket, cseq: string): string[] =>
  s.sent
    .filter((m) => /^SIP\/2\.0 [2-6]/.test(m) && header(m, 'CSeq')[0] === cseq)
    .map((m) => m.split('\r\n')[0]!);

describe('a re-INVITE that overtakes the ACK of the previous one (real JsSIP)', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it('hold, then resume before the hold was ACKed, then the late ACK: both 200, the call is no longer held', async () => {
    const { phone, socket, inDialog } = await answeredCall();
    socket.deliver(inDialog('INVITE', 2, held));
    await settle();
    expect(finals(socket, '2 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    expect(phone.snapshot().calls[0]?.remoteHeld).toBe(true);

    socket.deliver(inDialog('INVITE', 3, SDP)); // the resume, ahead of the ACK of 2
    await settle();
    socket.deliver(inDialog('ACK', 2)); // the late ACK
    socket.deliver(inDialog('ACK', 3));
    await settle();
    expect(finals(socket, '3 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered', remoteHeld: false });

    socket.deliver(inDialog('INVITE', 4, held)); // and the call goes on: the next hold works too
    await settle();
    expect(finals(socket, '4 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    await phone.disconnect();
  });
});
