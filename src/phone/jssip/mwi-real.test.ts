/**
 * Voicemail MWI (RFC 3842) and the SIP trace over the REAL JsSIP 3.13.8 (scripted PBX socket).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MwiSnapshot, SipTraceEntry } from '../types';
import {
  header,
  realPhone,
  registrar,
  reply,
  settle,
  sipRequest,
  stubWebRtc,
  TEST_CONFIG,
  type LoopSocket,
} from './testing/real-jssip-kit';

const SUMMARY = 'Messages-Waiting: yes\r\nMessage-Account: sip:*97@pbx.test\r\nVoice-Message: 2/8 (0/2)\r\n';

/** PBX side of a message-summary SUBSCRIBE: 200, then a NOTIFY with `body` (or a refusal). */
function voicemail(body: string, refuse = 0) {
  return (msg: string, s: LoopSocket): void => {
    if (!msg.startsWith('SUBSCRIBE')) return;
    if (refuse) return s.deliver(reply(msg, refuse, 'Refused'));
    const expires = header(msg, 'Expires')[0];
    s.deliver(reply(msg, 200, 'OK', ['Contact: <sip:127.0.0.1:5060>', `Expires: ${expires}`], '', 'vm'));
    if (expires === '0') return;
    const notify = sipRequest({
      method: 'NOTIFY',
      callId: header(msg, 'Call-ID')[0]!,
      cseq: 1,
      from: '<sip:1001@pbx.test>;tag=vm',
      to: header(msg, 'From')[0]!,
      uri: header(msg, 'Contact')[0]!.replace(/^<|>.*$/g, ''),
      extra: ['Event: message-summary', `Subscription-State: active;expires=${expires}`],
    });
    // sipRequest labels bodies as dialog-info for NOTIFY: put the right type and the body in
    const withBody = notify
      .replace(
        'Content-Length: 0',
        `Content-Type: application/simple-message-summary\r\nContent-Length: ${body.length}`,
      )
      .concat(body);
    setTimeout(() => s.deliver(withBody), 1);
  };
}

beforeEach(() => {
  stubWebRtc();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('MWI over the real JsSIP', () => {
  it('SUBSCRIBE message-summary to our AOR, state from the NOTIFY, un-SUBSCRIBE when disabled', async () => {
    const { phone, socket } = realPhone(registrar(voicemail(SUMMARY)));
    const seen: MwiSnapshot[] = [];
    phone.on('messageWaitingChanged', (m) => seen.push(m));
    expect(phone.snapshot().mwi).toBeNull();
    phone.setMwiEnabled(true);
    phone.connect(TEST_CONFIG);
    await settle(60);
    const [subscribe] = socket.find('SUBSCRIBE');
    expect(subscribe!.split('\r\n')[0]).toBe('SUBSCRIBE sip:1001@pbx.test SIP/2.0');
    expect(header(subscribe!, 'Event')).toEqual(['message-summary']);
    expect(header(subscribe!, 'Accept')).toEqual(['application/simple-message-summary']);
    expect(header(subscribe!, 'Expires')).toEqual(['3600']);
    const full = { waiting: true, newMessages: 2, oldMessages: 8, account: 'sip:*97@pbx.test' };
    expect(seen).toEqual([full]);
    expect(phone.snapshot().mwi).toEqual(full);
    expect(socket.sent.some((m) => m.startsWith('SIP/2.0 200') && header(m, 'CSeq')[0] === '1 NOTIFY')).toBe(
      true,
    );

    phone.setMwiEnabled(false);
    await settle();
    expect(header(socket.find('SUBSCRIBE').at(-1)!, 'Expires')).toEqual(['0']);
    expect(seen.at(-1)).toEqual({ waiting: false, newMessages: 0, oldMessages: 0, account: null });
    expect(phone.snapshot().mwi).toBeNull();
    await phone.disconnect();
  });

  it('a refused SUBSCRIBE reads as no messages (the shared BLF machinery retries it)', async () => {
    const { phone, socket } = realPhone(registrar(voicemail(SUMMARY, 489)));
    const seen: MwiSnapshot[] = [];
    phone.on('messageWaitingChanged', (m) => seen.push(m));
    phone.setMwiEnabled(true);
    phone.connect({ ...TEST_CONFIG, mwiExpires: 600 });
    await settle(60);
    expect(header(socket.find('SUBSCRIBE')[0]!, 'Expires')).toEqual(['600']);
    expect(seen).toEqual([]); // already "no messages": nothing to tell
    expect(phone.snapshot().mwi).toEqual({ waiting: false, newMessages: 0, oldMessages: 0, account: null });
    await phone.disconnect();
  });

  it('the state is emitted, then cleared on disconnect', async () => {
    const { phone } = realPhone(registrar(voicemail(SUMMARY)));
    const seen: boolean[] = [];
    phone.on('messageWaitingChanged', (m) => seen.push(m.waiting));
    phone.setMwiEnabled(true);
    phone.connect(TEST_CONFIG);
    await settle(60);
    await phone.disconnect();
    expect(seen).toEqual([true, false]);
    expect(phone.snapshot().mwi).toEqual({ waiting: false, newMessages: 0, oldMessages: 0, account: null });
  });
});

describe('SIP trace over the real JsSIP', () => {
  it('taps every message in and out while enabled, nothing while off', async () => {
    const { phone } = realPhone(registrar());
    const trace: SipTraceEntry[] = [];
    phone.on('sipTraced', (e) => trace.push(e));
    phone.setSipTrace(true);
    phone.connect(TEST_CONFIG);
    await settle();
    expect(trace.map((e) => `${e.direction}:${e.text.split('\r\n')[0]}`)).toEqual([
      'out:REGISTER sip:pbx.test SIP/2.0',
      'in:SIP/2.0 200 OK',
    ]);
    expect(trace[0]!.text).toContain('\r\nCSeq: 1 REGISTER\r\n');
    expect(typeof trace[0]!.at).toBe('number');

    phone.setSipTrace(false);
    trace.length = 0;
    await phone.disconnect();
    expect(trace).toEqual([]);
  });
});
