/**
 * A WebSocket that never opens (wss:// on a port without TLS, a port that accepts and stays
 * silent), with the REAL JsSIP 3.13.8: the phone reports 'connect_timeout' after 10 s instead of
 * "Connecting…" forever, and JsSIP's Transport keeps retrying.
 */
import * as JsSIP from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhone } from '../phone';
import { FakeMedia } from '../testing/fake-media';
import { TEST_CONFIG } from './testing/real-jssip-kit';
import type { UaFactory } from './ua-factory';

/** Never opens and never fails, like a TLS handshake nobody answers. */
class SilentSocket {
  readonly url = 'wss://127.0.0.1:5060';
  readonly via_transport = 'WSS';
  readonly sip_uri = 'sip:127.0.0.1:5060;transport=ws';
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean) => void = () => undefined;
  ondata: (data: string) => void = () => undefined;
  connects = 0;
  closes = 0;
  connect(): void {
    this.connects++;
  }
  disconnect(): void {
    this.closes++;
  }
  send(): boolean {
    return false;
  }
  isConnected(): boolean {
    return false;
  }
  isConnecting(): boolean {
    return true;
  }
}

describe('WebSocket that never opens (real JsSIP)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('connecting, then reconnecting/connect_timeout after 10 s, and JsSIP tries again', async () => {
    const silent = new SilentSocket();
    const factory: UaFactory = ({ configuration, wrapSocket }) => {
      const inner = silent as unknown as Socket;
      return new JsSIP.UA({ ...configuration, sockets: [wrapSocket ? wrapSocket(inner) : inner] });
    };
    const phone = createPhone({ sip: factory, media: new FakeMedia(), document: null });
    const states: string[] = [];
    phone.on('registrationChanged', (r) => states.push(`${r.state}${r.cause ? `/${r.cause}` : ''}`));
    phone.connect(TEST_CONFIG);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(states).toEqual(['connecting']);
    await vi.advanceTimersByTimeAsync(1);
    expect(phone.snapshot().registration).toMatchObject({ state: 'reconnecting', cause: 'connect_timeout' });
    expect(silent.closes).toBe(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(silent.connects).toBeGreaterThanOrEqual(2);
    await phone.disconnect();
  });
});
