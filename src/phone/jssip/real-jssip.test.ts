/**
 * The engine over the REAL JsSIP 3.13.8, with a scripted in-memory socket playing the PBX and a
 * stand-in RTCPeerConnection. Proves the assumptions the fake JsSIP encodes (event names, order,
 * what terminate() puts on the wire) against the library itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  header,
  realPhone,
  registrar,
  reply,
  SDP,
  settle,
  sipRequest,
  StubPeerConnection,
  stubWebRtc,
  TEST_CONFIG as CONFIG,
} from './testing/real-jssip-kit';

/** A request from Bob (1003) to us, as the PBX relays it. */
function request(method: string, callId: string, cseq: number, extra: string[] = [], body = ''): string {
  return sipRequest({
    method,
    callId,
    cseq,
    from: `"Bob" <sip:1003@pbx.test>;tag=from-${callId}`,
    to: '<sip:1001@pbx.test>',
    extra,
    body,
  });
}

describe('engine over the real JsSIP', () => {
  beforeEach(() => stubWebRtc());
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
    socket.deliver(request('INVITE', 'in1', 1, [], SDP));
    socket.deliver(request('INVITE', 'in2', 1, [], SDP));
    await settle();
    const replies = socket.firstLines().filter((l) => l.startsWith('SIP/2.0'));
    // both INVITEs are answered 100 at once; the phone decides on them in arrival order
    expect(replies).toEqual([
      'SIP/2.0 100 Trying',
      'SIP/2.0 100 Trying',
      'SIP/2.0 180 Ringing',
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
    socket.deliver(request('INVITE', 'in3', 1, [], SDP));
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
