import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchReach, httpUrlOf } from './reach-probe';

describe('reachability probe before a WebSocket retry', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks the WebSocket server over HTTP: same host, port and path', () => {
    expect(httpUrlOf('ws://127.0.0.1:8088')).toBe('http://127.0.0.1:8088');
    expect(httpUrlOf('WSS://pbx.example.com/ws')).toBe('https://pbx.example.com/ws');
  });

  it('any answer means the server is back; no CORS needed (no-cors), no cookies sent', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(null, { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchReach('wss://pbx.example.com/ws', 2_000)).resolves.toBe('answered');
    expect(fetch).toHaveBeenCalledWith(
      'https://pbx.example.com/ws',
      expect.objectContaining({ mode: 'no-cors', credentials: 'omit', cache: 'no-store' }),
    );
  });

  it('a network error is "refused"; no answer before the deadline is "silent"', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(fetchReach('ws://127.0.0.1:8088', 2_000)).resolves.toBe('refused');

    vi.useFakeTimers();
    const hanging = (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    vi.stubGlobal('fetch', vi.fn(hanging));
    const reach = fetchReach('ws://127.0.0.1:8088', 2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(reach).resolves.toBe('silent');
  });
});
