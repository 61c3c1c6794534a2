import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from './testing/capture-logs';
import { TypedEmitter } from './typed-emitter';

interface Events {
  ping: number;
  pong: string;
}

describe('TypedEmitter', () => {
  it('delivers each event to its listeners until they unsubscribe', () => {
    const emitter = new TypedEmitter<Events>('phone');
    const ping = vi.fn();
    const pong = vi.fn();
    const off = emitter.on('ping', ping);
    emitter.on('pong', pong);
    emitter.emit('ping', 1);
    off();
    emitter.emit('ping', 2);
    emitter.emit('pong', 'x');
    expect(ping.mock.calls).toEqual([[1]]);
    expect(pong.mock.calls).toEqual([['x']]);
  });

  it('a throwing listener is logged and does not stop the others', () => {
    const emitter = new TypedEmitter<Events>('phone');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logs = captureLogs();
    const after = vi.fn();
    emitter.on('ping', () => {
      throw new Error('boom');
    });
    emitter.on('ping', after);
    expect(() => emitter.emit('ping', 1)).not.toThrow();
    expect(after).toHaveBeenCalledWith(1);
    expect(logs.records).toMatchObject([
      { level: 'error', category: 'phone', message: 'ping listener failed', details: [expect.any(Error)] },
    ]);
    logs.stop();
  });
});
