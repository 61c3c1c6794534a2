import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_OP_TIMEOUT, OpQueue } from './op-queue';
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

describe('OpQueue time limit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an op that never settles fails with operation_timeout and the next op runs', async () => {
    const flagged: string[] = [];
    const q = new OpQueue({
      timeoutMs: 5_000,
      onTimeout: () => flagged.push('timeout'),
      onSettled: () => flagged.push('settled'),
    });
    let release: () => void = () => undefined;
    const hung = q.run(() => new Promise<void>((resolve) => (release = resolve)));
    const next = q.run(() => 'next');
    const hungResult = expect(hung).rejects.toMatchObject({ code: 'operation_timeout' });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(flagged).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await hungResult;
    await expect(next).resolves.toBe('next');
    expect(flagged).toEqual(['timeout', 'settled']);
    // the hung op answering late clears the flag again
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(flagged).toEqual(['timeout', 'settled', 'settled']);
  });

  it('the limit counts from the start of the op, not from queueing; Infinity means none', async () => {
    const q = new OpQueue({ timeoutMs: 1_000 });
    const first = q.run(
      () => new Promise((r) => setTimeout(() => r('slow-but-unlimited'), 3_000)),
      NO_OP_TIMEOUT,
    );
    const second = q.run(() => new Promise((r) => setTimeout(() => r('second'), 900)));
    await vi.advanceTimersByTimeAsync(3_900);
    await expect(first).resolves.toBe('slow-but-unlimited');
    await expect(second).resolves.toBe('second');
  });
});
