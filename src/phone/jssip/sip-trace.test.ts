import { describe, expect, it, vi } from 'vitest';
import type { SipTraceEntry } from '../types';
import { SipTrace } from './sip-trace';

const clock = { now: () => 42, setTimeout: () => 0, clearTimeout: () => undefined };

/** The far side of the wrapper: what JsSIP's Transport assigns and calls. */
function innerSocket() {
  const inner = {
    url: 'ws://pbx.test',
    via_transport: 'WS',
    sip_uri: 'sip:pbx.test;transport=ws',
    sent: [] as unknown[],
    ondata: (_d: unknown): void => undefined,
    onconnect: (): void => undefined,
    ondisconnect: (_e: boolean): void => undefined,
    connect: vi.fn(),
    disconnect: vi.fn(),
    send(m: unknown) {
      this.sent.push(m);
      return true;
    },
    isConnected: () => true,
    isConnecting: () => false,
  };
  return inner;
}

describe('SipTrace', () => {
  it('passes everything through; taps only while a sink is set; skips keep-alives', () => {
    const trace = new SipTrace(clock);
    const inner = innerSocket();
    const socket = trace.wrap(inner);
    const got: unknown[] = [];
    socket.ondata = (d: unknown) => got.push(d);
    const connected = vi.fn();
    socket.onconnect = connected;
    expect([socket.url, socket.via_transport, socket.sip_uri]).toEqual([
      'ws://pbx.test',
      'WS',
      'sip:pbx.test;transport=ws',
    ]);
    socket.connect();
    inner.onconnect();
    expect(connected).toHaveBeenCalled();

    const entries: SipTraceEntry[] = [];
    socket.send('OPTIONS off');
    inner.ondata('SIP/2.0 200 off');
    trace.setSink((e) => entries.push(e));
    socket.send('INVITE sip:1002@pbx.test SIP/2.0\r\n\r\n');
    socket.send('\r\n\r\n');
    inner.ondata('SIP/2.0 100 Trying\r\n\r\n');
    inner.ondata(new TextEncoder().encode('SIP/2.0 180 Ringing\r\n\r\n').buffer);
    inner.ondata('\r\n');
    trace.setSink(null);
    socket.send('BYE off');

    expect(inner.sent).toHaveLength(4);
    expect(got).toHaveLength(4);
    expect(entries).toEqual([
      { at: 42, direction: 'out', text: 'INVITE sip:1002@pbx.test SIP/2.0\r\n\r\n' },
      { at: 42, direction: 'in', text: 'SIP/2.0 100 Trying\r\n\r\n' },
      { at: 42, direction: 'in', text: 'SIP/2.0 180 Ringing\r\n\r\n' },
    ]);
  });

  it('a throwing sink never breaks the socket', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const trace = new SipTrace(clock);
    const inner = innerSocket();
    const socket = trace.wrap(inner);
    const got: unknown[] = [];
    socket.ondata = (d: unknown) => got.push(d);
    trace.setSink(() => {
      throw new Error('boom');
    });
    expect(socket.send('MESSAGE x')).toBe(true);
    inner.ondata('SIP/2.0 200 OK');
    expect(got).toEqual(['SIP/2.0 200 OK']);
    vi.restoreAllMocks();
  });
});
