import { describe, expect, it } from 'vitest';
import { OpQueue } from './op-queue';
import { PhoneError } from './types';

const later = <T>(value: T, log: string[], name: string): Promise<T> =>
  new Promise((resolve) => {
    log.push(`start:${name}`);
    setTimeout(() => {
      log.push(`end:${name}`);
      resolve(value);
    }, 5);
  });

describe('OpQueue', () => {
  it('runs operations one at a time, in order', async () => {
    const q = new OpQueue();
    const log: string[] = [];
    const a = q.run(() => later(1, log, 'a'));
    const b = q.run(() => later(2, log, 'b'));
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
    expect(log).toEqual(['start:a', 'end:a', 'start:b', 'end:b']);
  });

  it('a failure rejects only its own caller and does not block later ops', async () => {
    const q = new OpQueue();
    const failed = q.run(() => Promise.reject(new Error('boom')));
    const next = q.run(() => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('a synchronous throw is isolated as well', async () => {
    const q = new OpQueue();
    const failed = q.run(() => {
      throw new Error('sync');
    });
    await expect(failed).rejects.toThrow('sync');
    await expect(q.run(() => 3)).resolves.toBe(3);
  });

  it('after close(), pending and new ops reject with the close error', async () => {
    const q = new OpQueue();
    const log: string[] = [];
    const running = q.run(() => later('first', log, 'a'));
    const pending = q.run(() => later('never', log, 'b'));
    await new Promise((r) => setTimeout(r, 1));
    expect(log).toEqual(['start:a']);
    q.close(new PhoneError('no_such_call'));
    await expect(running).resolves.toBe('first');
    await expect(pending).rejects.toMatchObject({ code: 'no_such_call' });
    await expect(q.run(() => 1)).rejects.toMatchObject({ code: 'no_such_call' });
    expect(log).not.toContain('start:b');
    expect(q.closed).toBe(true);
  });

  it('defaults to no_such_call and keeps the first close error', async () => {
    const q = new OpQueue();
    q.close();
    q.close(new PhoneError('illegal_state'));
    await expect(q.run(() => 1)).rejects.toMatchObject({ code: 'no_such_call' });
  });
});
