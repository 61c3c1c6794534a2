// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../lib/logger';
import { isSwLogMessage } from '../lib/sw-log-contract';
import { installLogForwarding, type LogForwardScope } from './log-forward';

function fakeScope(windows: number) {
  const clients = Array.from({ length: windows }, () => ({ postMessage: vi.fn() }));
  const scope = { clients: { matchAll: vi.fn(() => Promise.resolve(clients)) } };
  return { scope: scope as unknown as LogForwardScope, clients };
}

describe('service worker log forwarding', () => {
  it('posts warnings and errors to every window as text, not info or after unplugging', async () => {
    for (const level of ['info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation(() => undefined);
    const { scope, clients } = fakeScope(2);
    const unplug = installLogForwarding(scope);
    const log = createLogger('sw');
    log.info('push shown');
    log.warn('decline not sent', new TypeError('Failed to fetch'), { status: 502 });
    await vi.waitFor(() => expect(clients[1]!.postMessage).toHaveBeenCalled());
    unplug();
    log.error('after unplugging');
    await Promise.resolve();

    const expected = {
      type: 'sw-log',
      level: 'warn',
      message: 'decline not sent',
      details: ['TypeError: Failed to fetch', '{"status":502}'],
    };
    for (const client of clients) expect(client.postMessage.mock.calls).toEqual([[expected]]);
    expect(isSwLogMessage(expected)).toBe(true);
  });

  it('a window list that cannot be read loses the line, never the caller', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const scope = { clients: { matchAll: () => Promise.reject(new Error('gone')) } };
    const unplug = installLogForwarding(scope as unknown as LogForwardScope);
    expect(() => createLogger('sw').warn('x')).not.toThrow();
    unplug();
  });
});
