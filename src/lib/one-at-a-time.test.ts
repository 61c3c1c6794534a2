import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time';

describe('oneAtATime', () => {
  it('starts each operation once the one before settled, failed or not', async () => {
    const serial = oneAtATime();
    const log: string[] = [];
    let finishFirst: () => void = () => undefined;
    const first = serial(() =>
      new Promise<void>((resolve) => (finishFirst = resolve)).then(() => void log.push('1')),
    );
    const second = serial(() => Promise.reject(new Error('boom')).finally(() => log.push('2')));
    const third = serial(() => Promise.resolve(log.push('3')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual([]);
    finishFirst();
    await first;
    await expect(second).rejects.toThrow('boom');
    await expect(third).resolves.toBe(3);
    expect(log).toEqual(['1', '2', '3']);
  });
});
