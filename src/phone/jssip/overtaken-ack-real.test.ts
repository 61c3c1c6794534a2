/**
 * A re-INVITE that overtakes the ACK of the previous one (overtaken-ack.ts), against the REAL
 * JsSIP 3.13.8: the far end holds, then resumes before our 200 to its hold was ACKed (a proxy's
 * workers reordered its ACK and its next INVITE).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answeredIncomingCall,
  header,
  SDP,
  settle,
  stubWebRtc,
  type LoopSocket,
} from './testing/real-jssip-kit';

const BOB = '"Bob" <sip:1003@pbx.test>;tag=from-o1';
const held = SDP.replace('a=sendrecv', 'a=sendonly');

const finals = (s: LoopSocket, cseq: string): string[] =>
  s.sent
    .filter((m) => /^SIP\/2\.0 [2-6]/.test(m) && header(m, 'CSeq')[0] === cseq)
    .map((m) => m.split('\r\n')[0]!);

describe('a re-INVITE that overtakes the ACK of the previous one (real JsSIP)', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it('hold, then resume before the hold was ACKed, then the late ACK: both 200, the call is no longer held', async () => {
    const { phone, socket, inDialog } = await answeredIncomingCall('o1', BOB);
    socket.deliver(inDialog('INVITE', [], held, 2));
    await settle();
    expect(finals(socket, '2 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    expect(phone.snapshot().calls[0]?.remoteHeld).toBe(true);

    socket.deliver(inDialog('INVITE', [], SDP, 3)); // the resume, ahead of the ACK of 2
    await settle();
    socket.deliver(inDialog('ACK', [], '', 2)); // the late ACK
    socket.deliver(inDialog('ACK', [], '', 3));
    await settle();
    expect(finals(socket, '3 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    expect(phone.snapshot().calls[0]).toMatchObject({ state: 'answered', remoteHeld: false });

    socket.deliver(inDialog('INVITE', [], held, 4)); // and the call goes on: the next hold works too
    await settle();
    expect(finals(socket, '4 INVITE')).toEqual([expect.stringMatching(/^SIP\/2\.0 200/)]);
    await phone.disconnect();
  });
});
