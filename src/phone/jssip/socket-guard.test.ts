import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { guardSocket, SOCKET_OPEN_TIMEOUT_MS, SOCKET_OPEN_TIMEOUT_REASON } from './socket-guard';

/** The real socket's side: what JsSIP's WebSocketInterface does, minus the network. */
function innerSocket() {
  return {
    url: 'wss://127.0.0.1:5060',
    via_transport: 'WSS',
    sip_uri: 'sip:127.0.0.1:5060;transport=ws',
    up: false,
    sent: [] as unknown[],
    ondata: (_d: unknown): void => undefined,
    onconnect: (): void => undefined,
    ondisconnect: (_e: boolean, _c?: number, _r?: string): void => undefined,
    connect: vi.fn(),
    disconnect: vi.fn(),
    send(m: unknown) {
      this.sent.push(m);
      return true;
    },
    isConnected() {
      return this.up;
    },
    isConnecting: () => false,
  };
}

function guarded() {
  const inner = innerSocket();
  const socket = guardSocket(systemClock)(inner);
  const closes: [boolean, number | undefined, string | undefined][] = [];
  socket.ondisconnect = (error, code, reason) => closes.push([error, code, reason]);
  const connected = vi.fn();
  socket.onconnect = connected;
  return { inner, socket, closes, connected };
}

describe('socket guard: opening watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a socket that neither opens nor fails is closed after 10 s and reported with its reason', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { inner, socket, closes } = guarded();
    socket.connect();
    vi.advanceTimersByTime(SOCKET_OPEN_TIMEOUT_MS - 1);
    expect(closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(inner.disconnect).toHaveBeenCalledOnce();
    expect(closes).toEqual([[true, 4000, SOCKET_OPEN_TIMEOUT_REASON]]);
    vi.restoreAllMocks();
  });

  it('a socket that opens, or fails by itself, in time is left alone', () => {
    const { inner, socket, closes, connected } = guarded();
    socket.connect();
    inner.up = true;
    inner.onconnect();
    expect(connected).toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(inner.disconnect).not.toHaveBeenCalled();
    socket.connect();
    inner.up = false;
    inner.ondisconnect(true, 1006, '');
    vi.advanceTimersByTime(60_000);
    expect(closes).toEqual([[true, 1006, '']]);
  });
});

describe('socket guard: incoming data', () => {
  it('passes SIP on to JsSIP, and a throw inside JsSIP is logged, not thrown at the socket', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { inner, socket } = guarded();
    const got: unknown[] = [];
    socket.ondata = (d: unknown) => {
      got.push(d);
      throw new TypeError('boom');
    };
    expect(() => inner.ondata('SIP/2.0 200 OK\r\n\r\n')).not.toThrow();
    expect(got).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    expect(warn).toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
