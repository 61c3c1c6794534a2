/**
 * Odd and hostile requests against the REAL JsSIP 3.13.8 behind our socket guard: every request
 * gets a SIP response, nothing throws out of the socket handler, and the call goes on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answeredIncomingCall,
  header,
  realPhone,
  registrar,
  reply,
  SDP,
  settle,
  sipRequest,
  stubWebRtc,
  TEST_CONFIG as CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const BOB = '"Bob" <sip:1003@pbx.test>;tag=from-h1';

/** An answered incoming call from Bob (real-jssip-kit.ts answeredIncomingCall). */
const answeredCall = (pbx?: (msg: string, s: LoopSocket) => void) => answeredIncomingCall('h1', BOB, pbx);

const statusOf = (s: LoopSocket, method: string): string[] =>
  s.sent
    .filter((m) => m.startsWith('SIP/2.0') && header(m, 'CSeq')[0]!.endsWith(` ${method}`))
    .map((m) => m.split('\r\n')[0]!);

describe('hostile requests (real JsSIP)', () => {
  beforeEach(() => stubWebRtc());
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['garbage', ['Refer-To: <garbage>']],
    ['an unparsable URI', ['Refer-To: <sip:@@>;;']],
    ['a non-SIP scheme', ['Refer-To: <tel:+41441234567>']],
    ['no Refer-To', []],
    ['two Refer-To', ['Refer-To: <sip:1004@pbx.test>', 'Refer-To: <sip:1005@pbx.test>']],
  ])('in-dialog REFER with %s: 400 at once, the call goes on', async (_name, extra) => {
    const { phone, socket, inDialog } = await answeredCall();
    socket.deliver(inDialog('REFER', extra));
    await settle();
    expect(statusOf(socket, 'REFER')).toEqual([expect.stringMatching(/^SIP\/2\.0 400 /)]);
    expect(phone.snapshot().calls.map((c) => c.state)).toEqual(['answered']);
    await phone.disconnect();
  });

  it('the stateless 400 carries the request Via, From, To, Call-ID and CSeq', async () => {
    const { phone, socket, inDialog } = await answeredCall();
    const refer = inDialog('REFER', ['Refer-To: <garbage>']);
    socket.deliver(refer);
    await settle();
    const resp = socket.sent.at(-1)!;
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq'])
      expect(header(resp, name)).toEqual(header(refer, name));
    await phone.disconnect();
  });

  it('unknown in-dialog method: 501; INFO with an odd body: answered; NOTIFY without Event: 400', async () => {
    const errors = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { phone, socket, inDialog } = await answeredCall();
    socket.deliver(inDialog('FROBNICATE'));
    socket.deliver(inDialog('INFO', ['Content-Type: application/x-odd'], '\u0000\u0001 not what you expect'));
    socket.deliver(inDialog('NOTIFY', ['Subscription-State: active']));
    await settle();
    expect(statusOf(socket, 'FROBNICATE')).toEqual(['SIP/2.0 501 Not Implemented']);
    const notImplemented = socket.sent.find((m) => m.startsWith('SIP/2.0 501'))!;
    expect(header(notImplemented, 'Allow')[0]).toBe('INVITE,ACK,CANCEL,BYE,UPDATE,OPTIONS,REFER,INFO,NOTIFY');
    expect(statusOf(socket, 'INFO')).toHaveLength(1);
    expect(statusOf(socket, 'NOTIFY')).toEqual(['SIP/2.0 400 Missing Event']);
    expect(phone.snapshot().calls.map((c) => c.state)).toEqual(['answered']);
    errors.mockRestore();
    await phone.disconnect();
  });

  it('out of dialog: OPTIONS 200 with Allow and Accept; MESSAGE 405 whose Allow omits MESSAGE', async () => {
    const { phone, socket } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    const to = '<sip:1001@pbx.test>';
    socket.deliver(sipRequest({ method: 'OPTIONS', callId: 'o1', cseq: 1, from: BOB, to }));
    socket.deliver(
      sipRequest({
        method: 'MESSAGE',
        callId: 'm1',
        cseq: 1,
        from: BOB,
        to,
        extra: ['Content-Type: text/plain'],
        body: 'hi',
      }),
    );
    await settle();
    const options = socket.sent.find((m) => header(m, 'CSeq')[0] === '1 OPTIONS')!;
    expect(options.split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    expect(header(options, 'Accept')[0]).toContain('application/sdp');
    const message = socket.sent.find((m) => header(m, 'CSeq')[0] === '1 MESSAGE')!;
    expect(message.split('\r\n')[0]).toBe('SIP/2.0 405 Method Not Allowed');
    expect(header(message, 'Allow')[0]).not.toContain('MESSAGE');
    expect(header(options, 'Allow')[0]).toContain('REFER');
    await phone.disconnect();
  });

  it('an INVITE with 100 extra headers and a long hostile display name rings, with the name cleaned', async () => {
    const { phone, socket } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    const extra = Array.from({ length: 100 }, (_, i) => `X-Junk-${i}: ${'x'.repeat(50)}`);
    const name = `\u202Eevil\t\u2066 ${'A'.repeat(5000)}`;
    const from = `"${name}" <sip:1003@pbx.test>;tag=big1`;
    socket.deliver(
      sipRequest({
        method: 'INVITE',
        callId: 'big1',
        cseq: 1,
        from,
        to: '<sip:1001@pbx.test>',
        extra,
        body: SDP,
      }),
    );
    await settle();
    expect(socket.firstLines()).toContain('SIP/2.0 180 Ringing');
    const shown = phone.snapshot().calls[0]!.remote.displayName!;
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown).not.toMatch(/[\u0000-\u001f\u202e\u2066]/);
    expect(shown.startsWith('evil AAA')).toBe(true);
    await phone.disconnect();
  });

  it('an INVITE whose display name holds a control character does not parse: 400, no ringing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { phone, socket, events } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    const from = '"bell\u0007" <sip:1003@pbx.test>;tag=bell1';
    socket.deliver(
      sipRequest({ method: 'INVITE', callId: 'bell1', cseq: 1, from, to: '<sip:1001@pbx.test>', body: SDP }),
    );
    await settle();
    expect(socket.firstLines().at(-1)).toBe('SIP/2.0 400 Bad Request');
    expect(events.filter((e) => e.startsWith('added'))).toEqual([]);
    vi.restoreAllMocks();
    await phone.disconnect();
  });

  it('an INVITE larger than the limit gets 513 and never rings', async () => {
    const { phone, socket, events } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    const body = SDP + `a=x-pad:${'p'.repeat(140 * 1024)}\r\n`;
    socket.deliver(
      sipRequest({ method: 'INVITE', callId: 'huge', cseq: 1, from: BOB, to: '<sip:1001@pbx.test>', body }),
    );
    await settle();
    expect(socket.firstLines()).toContain('SIP/2.0 513 Message Too Large');
    expect(events.filter((e) => e.startsWith('added'))).toEqual([]);
    await phone.disconnect();
  });

  it('a hold re-INVITE that is never answered does not block the next call; the hung call is flagged', async () => {
    const { phone, socket } = await answeredCall((msg, s) => {
      // the far end of c1 never answers its re-INVITE; the new call's INVITE gets a 100
      if (msg.startsWith('INVITE sip:1002')) s.deliver(reply(msg, 100, 'Trying'));
    });
    const dialled = phone.call('1002');
    await settle(600);
    await expect(dialled).resolves.toBe('c2');
    expect(socket.firstLines().filter((l) => l.startsWith('INVITE'))).toEqual([
      'INVITE sip:pbx@127.0.0.1:5070;transport=ws SIP/2.0', // the hold re-INVITE, never answered
      'INVITE sip:1002@pbx.test SIP/2.0',
    ]);
    expect(phone.snapshot().calls.find((c) => c.id === 'c1')).toMatchObject({
      opFailure: 'operation_timeout',
    });
    await phone.disconnect();
  });

  it('REFER to a target that does not exist: 202, NOTIFY sipfrag 404, and the call comes back', async () => {
    const { phone, socket, inDialog } = await answeredCall((msg, s) => {
      const first = msg.split('\r\n')[0]!;
      if (first.startsWith('INVITE sip:pbx@'))
        s.deliver(
          reply(
            msg,
            200,
            'OK',
            ['Contact: <sip:pbx@127.0.0.1:5070;transport=ws>', 'Content-Type: application/sdp'],
            SDP,
            'bob-tag',
          ),
        );
      else if (first.startsWith('INVITE sip:1099@')) s.deliver(reply(msg, 404, 'Not Found'));
      else if (first.startsWith('NOTIFY')) s.deliver(reply(msg, 200, 'OK'));
    });
    socket.deliver(inDialog('REFER', ['Refer-To: <sip:1099@pbx.test>']));
    await settle(200);
    expect(statusOf(socket, 'REFER')).toEqual(['SIP/2.0 202 Accepted']);
    const sipfrags = socket.sent.filter((m) => m.startsWith('NOTIFY')).map((m) => m.split('\r\n\r\n')[1]);
    expect(sipfrags.at(-1)).toMatch(/^SIP\/2\.0 404/);
    const reInvites = socket.sent.filter((m) => m.startsWith('INVITE sip:pbx@'));
    expect(reInvites.map((m) => /a=(sendonly|sendrecv)/.exec(m)?.[1])).toEqual(['sendonly', 'sendrecv']);
    expect(phone.snapshot().calls.map((c) => [c.id, c.state])).toEqual([['c1', 'answered']]);
    await phone.disconnect();
  });
});
