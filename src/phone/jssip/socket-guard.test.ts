import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/testing/capture-logs';
import { systemClock } from '../clock';
import type { Reach } from './reach-probe';
import {
  FORCED_ATTEMPT_EVERY_MS,
  guardSocket,
  SOCKET_OPEN_TIMEOUT_MS,
  SOCKET_OPEN_TIMEOUT_REASON,
  SOCKET_REOPEN_TIMEOUT_MS,
  SOCKET_REOPEN_TIMEOUT_REASON,
} from './socket-guard';

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

/** `reach` answers every reachability probe; `probes` counts them */
function guarded(reach: Reach = 'answered') {
  const inner = innerSocket();
  const probes: string[] = [];
  const probe = (url: string) => {
    probes.push(url);
    return Promise.resolve(reach);
  };
  const socket = guardSocket(systemClock, undefined, probe)(inner);
  const closes: [boolean, number | undefined, string | undefined][] = [];
  socket.ondisconnect = (error, code, reason) => closes.push([error, code, reason]);
  const connected = vi.fn();
  socket.onconnect = connected;
  return { inner, socket, closes, connected, probes };
}

/** the inner socket fails the way a refused WebSocket does */
function refuse(inner: ReturnType<typeof innerSocket>): void {
  inner.ondisconnect(true, 1006, '');
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

describe('socket guard: one mechanism for (re)connection attempts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('once the socket was open, an attempt that stays silent is given up after 5 s (a dead path)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { inner, socket, closes } = guarded();
    socket.connect();
    inner.onconnect();
    inner.ondisconnect(true, 1006, ''); // the path died
    socket.connect();
    vi.advanceTimersByTime(SOCKET_REOPEN_TIMEOUT_MS);
    expect(closes).toEqual([
      [true, 1006, ''],
      [true, 4000, SOCKET_REOPEN_TIMEOUT_REASON],
    ]);
  });

  it('the first attempt after a close opens a WebSocket at once, without a probe', () => {
    const { inner, socket, probes } = guarded('refused');
    socket.connect();
    inner.onconnect();
    inner.ondisconnect(true, 1006, '');
    socket.connect();
    expect(inner.connect).toHaveBeenCalledTimes(2);
    expect(probes).toEqual([]);
  });

  it('after a failed attempt, a refused probe fails the retry as the last WebSocket failed, without opening one', async () => {
    const { inner, socket, closes, probes } = guarded('refused');
    socket.connect();
    refuse(inner);
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(probes).toEqual(['wss://127.0.0.1:5060']);
    expect(inner.connect).toHaveBeenCalledOnce();
    expect(closes).toEqual([
      [true, 1006, ''],
      [true, 1006, ''],
    ]);
  });

  it('after a failed attempt, an answered probe opens the WebSocket', async () => {
    const { inner, socket } = guarded('answered');
    socket.connect();
    refuse(inner);
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(inner.connect).toHaveBeenCalledTimes(2);
  });

  it('a wrong wss:// URL keeps reading connect_timeout while probes replace the WebSocket attempts', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { inner, socket, closes } = guarded('refused');
    socket.connect();
    await vi.advanceTimersByTimeAsync(SOCKET_OPEN_TIMEOUT_MS);
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(inner.connect).toHaveBeenCalledOnce();
    expect(closes).toEqual([
      [true, 4000, SOCKET_OPEN_TIMEOUT_REASON],
      [true, 4000, SOCKET_OPEN_TIMEOUT_REASON],
    ]);
  });

  it('whatever the probe says, a real WebSocket attempt goes out every 15 s', async () => {
    const { inner, socket } = guarded('refused');
    socket.connect();
    refuse(inner);
    for (let s = 1; s < FORCED_ATTEMPT_EVERY_MS / 1000; s++) {
      await vi.advanceTimersByTimeAsync(1_000);
      socket.connect();
    }
    expect(inner.connect).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.connect();
    expect(inner.connect).toHaveBeenCalledTimes(2);
  });

  it('a probe answer for an attempt given up meanwhile is ignored', async () => {
    const { inner, socket, closes } = guarded('refused');
    socket.connect();
    refuse(inner);
    socket.connect();
    socket.disconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(closes).toEqual([[true, 1006, '']]);
  });
});

describe('socket guard: incoming data', () => {
  it('passes SIP on to JsSIP, and a throw inside JsSIP is logged, not thrown at the socket', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logs = captureLogs();
    const { inner, socket } = guarded();
    const got: unknown[] = [];
    socket.ondata = (d: unknown) => {
      got.push(d);
      throw new TypeError('boom');
    };
    expect(() => inner.ondata('SIP/2.0 200 OK\r\n\r\n')).not.toThrow();
    expect(got).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    expect(logs.lines('warn')).toEqual(['phone.jssip: JsSIP failed on an incoming message']);
    logs.stop();
    vi.restoreAllMocks();
  });
});
