/**
 * BLF and pickup over the REAL JsSIP 3.13.8 (scripted PBX socket): the SUBSCRIBE/NOTIFY flow, the
 * picker's INVITE with Replaces, and the caller accepting a Replaces for its own EARLY dialog,
 * which JsSIP alone refuses with 403.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhoneConfig } from '../types';
import {
  header,
  realPhone,
  registrar,
  reply,
  SDP,
  settle,
  sipRequest,
  stubWebRtc,
  tagOf,
  TEST_CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const CONFIG: PhoneConfig = { ...TEST_CONFIG, blfExpires: 120 };

const RINGING = (callId: string) =>
  `<?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="2" state="full" entity="sip:1002@pbx.test"><dialog id="d1" call-id="${callId}" local-tag="callee-tag" remote-tag="caller-tag" direction="recipient"><state>early</state><remote><identity>sip:1003@pbx.test</identity></remote></dialog></dialog-info>`;

/** PBX side of a SUBSCRIBE: 200 with Contact/Expires, then a NOTIFY in the new dialog. */
function presenceServer(body: (callId: string) => string) {
  return (msg: string, s: LoopSocket): void => {
    if (!msg.startsWith('SUBSCRIBE')) return;
    const expires = header(msg, 'Expires')[0];
    s.deliver(reply(msg, 200, 'OK', ['Contact: <sip:127.0.0.1:5060>', `Expires: ${expires}`], '', 'srv'));
    if (expires === '0') return;
    const callId = header(msg, 'Call-ID')[0]!;
    const notify = sipRequest({
      method: 'NOTIFY',
      callId,
      cseq: 1,
      from: `<sip:1002@pbx.test>;tag=srv`,
      to: `${header(msg, 'From')[0]!}`,
      uri: header(msg, 'Contact')[0]!.replace(/^<|>.*$/g, ''),
      extra: ['Event: dialog', `Subscription-State: active;expires=${expires}`],
      body: body('ringing-call@x'),
    });
    setTimeout(() => s.deliver(notify), 1);
  };
}

beforeEach(() => stubWebRtc());
afterEach(() => vi.unstubAllGlobals());

describe('BLF over the real JsSIP', () => {
  it('SUBSCRIBE Event: dialog, lamp from the NOTIFY, pickup INVITE with Replaces, un-SUBSCRIBE', async () => {
    const { phone, socket, events } = realPhone(registrar(presenceServer(RINGING)));
    phone.setWatched(['1002']);
    phone.connect(CONFIG);
    await settle(60);
    const [subscribe] = socket.find('SUBSCRIBE');
    expect(subscribe!.split('\r\n')[0]).toBe('SUBSCRIBE sip:1002@pbx.test SIP/2.0');
    expect(header(subscribe!, 'Event')).toEqual(['dialog']);
    expect(header(subscribe!, 'Accept')).toEqual(['application/dialog-info+xml']);
    expect(header(subscribe!, 'Expires')).toEqual(['120']);
    expect(events).toContain('presence:1002:ringing');
    expect(phone.snapshot().presence).toEqual([
      expect.objectContaining({ extension: '1002', state: 'ringing' }),
    ]);

    await phone.pickup('1002');
    await settle();
    const [invite] = socket.find('INVITE');
    expect(invite!.split('\r\n')[0]).toBe('INVITE sip:1003@pbx.test SIP/2.0');
    expect(header(invite!, 'Replaces')).toEqual([
      'ringing-call@x;to-tag=caller-tag;from-tag=callee-tag;early-only',
    ]);

    await phone.disconnect();
    const last = socket.find('SUBSCRIBE').at(-1)!;
    expect(header(last, 'Expires')).toEqual(['0']);
    expect(events).toContain('presence:1002:unknown');
  });

  it('pickup with the code method dials *8 + extension; Replaces without a ringing call is refused', async () => {
    const { phone, socket } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    await expect(phone.pickup('1002')).rejects.toMatchObject({ code: 'illegal_state' });
    await phone.pickup('1002', { method: 'code', codePrefix: '*8' });
    await settle();
    expect(socket.find('INVITE')[0]!.split('\r\n')[0]).toBe('INVITE sip:*81002@pbx.test SIP/2.0');
    await phone.disconnect();
  });
  it('a pickup by code names the ringing caller on our row, not the code we dialled', async () => {
    const { phone, socket } = realPhone(registrar(presenceServer(RINGING)));
    phone.setWatched(['1002']);
    phone.connect(CONFIG);
    await settle(60);
    const id = await phone.pickup('1002', { method: 'code', codePrefix: '*8' });
    await settle();
    expect(socket.find('INVITE')[0]!.split('\r\n')[0]).toBe('INVITE sip:*81002@pbx.test SIP/2.0');
    const row = phone.snapshot().calls.find((c) => c.id === id);
    expect(row?.remote).toMatchObject({ user: '1003', uri: 'sip:1003@pbx.test' });
    await phone.disconnect();
  });
});

describe('our ringing call picked up by a colleague (RFC 3891 early-only at the caller)', () => {
  it('answers the INVITE with Replaces, then CANCELs the old call with Reason cause=200', async () => {
    const { phone, socket, events } = realPhone(
      registrar((msg, s) => {
        if (msg.startsWith('INVITE') && header(msg, 'Call-ID')[0] !== 'pick1') {
          s.deliver(reply(msg, 100, 'Trying'));
          s.deliver(
            reply(msg, 180, 'Ringing', ['Contact: <sip:1002@127.0.0.1:5071;transport=ws>'], '', 'callee1'),
          );
        } else if (msg.startsWith('CANCEL')) {
          s.deliver(reply(msg, 200, 'OK'));
        }
      }),
    );
    phone.connect(CONFIG);
    await settle();
    await phone.call('1002');
    await settle(60);
    const invite = socket.find('INVITE')[0]!;
    const ourTag = tagOf(header(invite, 'From')[0]);
    const callId = header(invite, 'Call-ID')[0]!;
    // the PBX turned *81002 from 1003 into this (tags as the caller sees its dialog)
    const picker = { from: '"Bob" <sip:1003@pbx.test>;tag=bob1', callId: 'pick1' };
    socket.deliver(
      sipRequest({
        method: 'INVITE',
        cseq: 1,
        to: '<sip:1001@pbx.test>',
        ...picker,
        extra: [`Replaces: ${callId};to-tag=${ourTag};from-tag=callee1;early-only`],
        body: SDP,
      }),
    );
    await settle(80);
    const ok = socket.sent.find((m) => m.startsWith('SIP/2.0 200') && header(m, 'Call-ID')[0] === 'pick1');
    expect(ok, 'the replacing INVITE is answered 200').toBeDefined();
    expect(socket.sent.some((m) => m.startsWith('SIP/2.0 403'))).toBe(false);
    socket.deliver(sipRequest({ method: 'ACK', cseq: 1, to: header(ok!, 'To')[0]!, ...picker }));
    await settle();
    const [cancel] = socket.find('CANCEL');
    expect(header(cancel!, 'Reason')[0]).toMatch(/^SIP ;cause=200 ;text="Call completed elsewhere"/);
    expect(events.slice(-5)).toEqual([
      'added:c1:outgoing_ringing',
      'updated:c1:outgoing_ringing',
      'added:c2:incoming_ringing:replaces=c1',
      'updated:c2:answered',
      'ended:c1:replaced:null',
    ]);
    expect(phone.snapshot().calls.map((c) => [c.id, c.state, c.remote.user])).toEqual([
      ['c2', 'answered', '1003'],
    ]);
    socket.deliver(reply(invite, 487, 'Request Terminated', [], '', 'callee1'));
    await phone.disconnect();
  });

  it('a Replaces for a dialog we do not have still gets 481 from JsSIP', async () => {
    const { phone, socket, events } = realPhone(registrar());
    phone.connect(CONFIG);
    await settle();
    socket.deliver(
      sipRequest({
        method: 'INVITE',
        cseq: 1,
        callId: 'pick2',
        from: '<sip:1003@pbx.test>;tag=b2',
        to: '<sip:1001@pbx.test>',
        extra: ['Replaces: nope;to-tag=a;from-tag=b;early-only'],
        body: SDP,
      }),
    );
    await settle();
    expect(socket.firstLines()).toContain('SIP/2.0 481 Call/Transaction Does Not Exist');
    expect(events.filter((e) => e.startsWith('added'))).toEqual([]);
    await phone.disconnect();
  });
});
